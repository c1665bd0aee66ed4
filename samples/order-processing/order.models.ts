import { IsInt, IsNotEmpty, IsNumber, IsOptional, IsString, Min } from 'class-validator';

/** An order as clients send it (`POST /orders`), validated before the workflow starts. */
export class OrderPayload {
  /** The item, e.g. `Paperclips`. */
  @IsString()
  @IsNotEmpty()
  name!: string;

  /** What the whole order costs. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  totalCost!: number;

  /** How many items; 1 when omitted. */
  @IsOptional()
  @IsInt()
  @Min(1)
  quantity?: number;
}

/** The example body shown in 400 answers and in the OpenAPI document. */
export const orderExample = { name: 'Paperclips', totalCost: 99.95, quantity: 1 };

/** Orders above this total wait for an `incoming-purchase-order` approval. */
export const APPROVAL_THRESHOLD = 50_000;

/** How long a large order waits for its approval before it is cancelled. */
export const APPROVAL_TIMEOUT_MS = 30_000;

/** The event that approves (or rejects) a large order. */
export const APPROVAL_EVENT = 'incoming-purchase-order';

/** The payload of the approval event. */
export interface PurchaseOrderApproval {
  approved: boolean;
  approver?: string;
}

/** A message for the customer. */
export interface Notification {
  message: string;
}

/** Asks the inventory for items. */
export interface InventoryRequest {
  requestId: string;
  itemName: string;
  quantity: number;
}

/** The inventory's answer. */
export interface InventoryResult {
  success: boolean;
  inStock: number;
}

/** Charges for items, and takes them from the inventory. */
export interface PaymentRequest {
  requestId: string;
  itemName: string;
  quantity: number;
  amount: number;
}

/** The workflow's output. */
export interface OrderResult {
  processed: boolean;
}

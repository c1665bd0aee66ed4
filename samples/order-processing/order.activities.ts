import { Activity, ActivityBase, NonRetryableError } from 'weft-workflows';
import type { ActivityContext } from 'weft-workflows';
import type { InventoryRequest, InventoryResult, Notification, PaymentRequest } from './order.models';
import { InventoryService, Notifier } from './inventory.service';

/** Tells the customer what happened. */
@Activity()
export class NotifyActivity extends ActivityBase<Notification, void> {
  constructor(private readonly notifier: Notifier) {
    super();
  }

  async run(_ctx: ActivityContext, notification: Notification): Promise<void> {
    this.notifier.notify(notification.message);
  }
}

/** Checks that the inventory (an injected service) holds enough of the item. */
@Activity()
export class ReserveInventoryActivity extends ActivityBase<InventoryRequest, InventoryResult> {
  constructor(private readonly inventory: InventoryService) {
    super();
  }

  async run(_ctx: ActivityContext, req: InventoryRequest): Promise<InventoryResult> {
    const item = this.inventory.find(req.itemName);
    const inStock = item?.quantity ?? 0;
    return { success: inStock >= req.quantity, inStock };
  }
}

/** Charges the customer (simulated). */
@Activity()
export class ProcessPaymentActivity extends ActivityBase<PaymentRequest, void> {
  constructor(private readonly notifier: Notifier) {
    super();
  }

  async run(_ctx: ActivityContext, req: PaymentRequest): Promise<void> {
    this.notifier.notify(
      `Payment for request ID '${req.requestId}' of $${req.amount} processed successfully`,
    );
  }
}

/** Takes the items out of the inventory; fails, without retries, when there are not enough left. */
@Activity()
export class UpdateInventoryActivity extends ActivityBase<PaymentRequest, number> {
  constructor(private readonly inventory: InventoryService) {
    super();
  }

  async run(_ctx: ActivityContext, req: PaymentRequest): Promise<number> {
    try {
      return this.inventory.take(req.itemName, req.quantity);
    } catch (err) {
      throw new NonRetryableError((err as Error).message);
    }
  }
}

/** Every activity of the sample. */
export const orderActivities = [
  NotifyActivity,
  ReserveInventoryActivity,
  ProcessPaymentActivity,
  UpdateInventoryActivity,
];

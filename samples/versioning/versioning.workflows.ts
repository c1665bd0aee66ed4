/**
 * The versioning sample's workflows: an order workflow deployed as v1, then changed in v2 (payment is
 * charged before stock is reserved). Both versions ship together while v1 instances are in flight.
 */
import { Activity, ActivityBase, Workflow, WorkflowBase } from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

/** An order as the workflow takes it. */
export interface Order {
  item: string;
  quantity: number;
}

/** What an order workflow returns: the version that ran it and its steps, in order. */
export interface OrderResult {
  version: string;
  steps: string[];
  approved: boolean;
}

/** The approval event's name. */
export const APPROVAL_EVENT = 'approval';
/** How long an order waits for approval, in ms (30 days: any length works). */
export const APPROVAL_TIMEOUT_MS = 30 * 86_400_000;

@Activity({ name: 'reserve_inventory' })
export class ReserveInventory extends ActivityBase<Order, string> {
  async run(_ctx: unknown, order: Order): Promise<string> {
    return `reserved ${order.quantity} ${order.item}`;
  }
}

@Activity({ name: 'charge_payment' })
export class ChargePayment extends ActivityBase<Order, string> {
  async run(_ctx: unknown, order: Order): Promise<string> {
    return `charged for ${order.quantity} ${order.item}`;
  }
}

/** Waits for the approval event for up to 30 days; a timeout counts as "not approved". */
async function awaitApproval(ctx: WorkflowContext): Promise<boolean> {
  const approval = ctx.waitForExternalEvent<{ approved: boolean }>(APPROVAL_EVENT);
  const timeout = ctx.createTimer(APPROVAL_TIMEOUT_MS);
  const winner = await ctx.whenAny([approval, timeout]);
  return winner === approval && approval.result?.approved === true;
}

/** The first deployed version: reserve, wait for approval, charge. */
@Workflow({ name: 'order', version: 'v1' })
export class OrderV1 extends WorkflowBase<Order, OrderResult> {
  async run(ctx: WorkflowContext, order: Order): Promise<OrderResult> {
    const steps = [await ctx.callActivity<string>(ReserveInventory, order)];
    const approved = await awaitApproval(ctx);
    if (approved) steps.push(await ctx.callActivity<string>(ChargePayment, order));
    return { version: 'v1', steps, approved };
  }
}

/** The second version, which new instances start with: charge first, then reserve. */
@Workflow({ name: 'order', version: 'v2', latest: true })
export class OrderV2 extends WorkflowBase<Order, OrderResult> {
  async run(ctx: WorkflowContext, order: Order): Promise<OrderResult> {
    const approved = await awaitApproval(ctx);
    if (!approved) return { version: 'v2', steps: [], approved };
    const steps = [await ctx.callActivity<string>(ChargePayment, order)];
    steps.push(await ctx.callActivity<string>(ReserveInventory, order));
    return { version: 'v2', steps, approved };
  }
}

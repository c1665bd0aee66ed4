import { RetryPolicy, TaskFailedError, Workflow, WorkflowBase } from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';
import type { OrderResult, PurchaseOrderApproval } from './order.models';
import {
  APPROVAL_EVENT,
  APPROVAL_THRESHOLD,
  APPROVAL_TIMEOUT_MS,
  OrderPayload,
  orderExample,
} from './order.models';
import {
  NotifyActivity,
  ProcessPaymentActivity,
  ReserveInventoryActivity,
  UpdateInventoryActivity,
} from './order.activities';

const retryPolicy = new RetryPolicy({ maxNumberOfAttempts: 3, firstRetryInterval: 5000 });

/**
 * The seed's .NET order workflow: notify, reserve inventory, wait for approval of large orders, charge,
 * update the inventory, notify. Served at `POST /orders` and `GET /orders/:id`.
 */
@Workflow({
  http: {
    path: '/orders',
    input: OrderPayload,
    example: orderExample,
    summary: 'Place an order',
    messages: {
      missingInput: 'Order data was missing from the request',
      notFound: "No order with ID = '{id}' was found.",
    },
  },
})
export class OrderProcessingWorkflow extends WorkflowBase<OrderPayload, OrderResult> {
  async run(ctx: WorkflowContext, order: OrderPayload): Promise<OrderResult> {
    const orderId = ctx.instanceId;
    const quantity = order.quantity ?? 1;
    const notify = (message: string) => ctx.callActivity(NotifyActivity, { message });

    await notify(`Received order ${orderId} for ${quantity} ${order.name} at $${order.totalCost}`);

    const inventory = await ctx.callActivity<{ success: boolean }>(
      ReserveInventoryActivity,
      { requestId: orderId, itemName: order.name, quantity },
      { retryPolicy },
    );
    if (!inventory.success) {
      await notify(`Insufficient inventory for ${order.name}`);
      return { processed: false };
    }

    if (order.totalCost > APPROVAL_THRESHOLD) {
      ctx.setCustomStatus('Waiting for approval');
      const approval = ctx.waitForExternalEvent<PurchaseOrderApproval>(APPROVAL_EVENT);
      const timeout = ctx.createTimer(APPROVAL_TIMEOUT_MS);
      if ((await ctx.whenAny([approval, timeout])) === timeout) {
        ctx.setCustomStatus('Approval timed out');
        await notify(`Cancelling order ${orderId} because it didn't receive an approval`);
        return { processed: false };
      }
      const result = approval.result as PurchaseOrderApproval | undefined;
      ctx.setCustomStatus(`Approval result: ${result?.approved ? 'Approved' : 'Rejected'}`);
      if (!result?.approved) {
        await notify(`Order ${orderId} was rejected by the approver`);
        return { processed: false };
      }
    }

    const payment = { requestId: orderId, itemName: order.name, quantity, amount: order.totalCost };
    await ctx.callActivity(ProcessPaymentActivity, payment, { retryPolicy });
    try {
      await ctx.callActivity(UpdateInventoryActivity, payment, { retryPolicy });
    } catch (err) {
      if (!(err instanceof TaskFailedError)) throw err;
      await notify(`Order ${orderId} Failed! Details: ${err.details.message}`);
      return { processed: false };
    }

    await notify(`Order ${orderId} has completed!`);
    return { processed: true };
  }
}

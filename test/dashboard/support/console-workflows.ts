/** Workflows the operator-console browser tests run: failures with retries and children, waits, a typed start. */
import { IsInt, IsString, Min } from 'class-validator';
import { Activity, ActivityBase, RetryPolicy, Workflow, WorkflowBase } from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';

/** A user-code helper, so its frame shows first in the failure's stack. */
function declineCard(amount: number): never {
  throw new Error(`card declined for ${amount}`);
}

@Activity({ name: 'charge_act' })
export class ChargeAct extends ActivityBase<number, string> {
  async run(_ctx: ActivityContext, amount: number): Promise<string> {
    return declineCard(amount);
  }
}

/** Charges with two attempts and fails. */
@Workflow({ name: 'charge_wf' })
export class ChargeWf extends WorkflowBase<number, string> {
  async run(ctx: WorkflowContext, amount: number): Promise<string> {
    const retryPolicy = new RetryPolicy({ maxNumberOfAttempts: 2, firstRetryInterval: 5 });
    return ctx.callActivity<string>(ChargeAct, amount, { retryPolicy });
  }
}

/** Fails through its child. */
@Workflow({ name: 'checkout_wf' })
export class CheckoutWf extends WorkflowBase<void, string> {
  async run(ctx: WorkflowContext): Promise<string> {
    return ctx.callChildWorkflow<string>(ChargeWf, 42, { instanceId: `${ctx.instanceId}-charge` });
  }
}

/** Resolved by the test's end, so the blocked activity lets the runtime stop. */
export const gate: { release: () => void; opened: Promise<void> } = (() => {
  let release: () => void = () => undefined;
  const opened = new Promise<void>((r) => (release = r));
  return { release, opened };
})();

@Activity({ name: 'slow_act' })
export class SlowAct extends ActivityBase<void, string> {
  async run(): Promise<string> {
    await gate.opened;
    return 'done';
  }
}

@Activity({ name: 'flaky_forever_act' })
export class FlakyForeverAct extends ActivityBase<void, string> {
  async run(): Promise<string> {
    throw new Error('service unavailable');
  }
}

/** Waits for an `approval` event. */
@Workflow({ name: 'approval_wf' })
export class ApprovalWf extends WorkflowBase<void, unknown> {
  async run(ctx: WorkflowContext): Promise<unknown> {
    ctx.setCustomStatus('waiting for approval');
    return ctx.waitForExternalEvent('approval');
  }
}

/** Waits on four things at once: an hour's timer, a slow activity, an activity retrying in an hour, a child. */
@Workflow({ name: 'busy_wf' })
export class BusyWf extends WorkflowBase<void, unknown> {
  async run(ctx: WorkflowContext): Promise<unknown> {
    const retryPolicy = new RetryPolicy({ maxNumberOfAttempts: 5, firstRetryInterval: 3_600_000 });
    return ctx.whenAll<unknown>([
      ctx.createTimer(3_600_000),
      ctx.callActivity(SlowAct),
      ctx.callActivity(FlakyForeverAct, undefined, { retryPolicy }),
      ctx.callChildWorkflow(ApprovalWf, undefined, { instanceId: `${ctx.instanceId}-approval` }),
    ]);
  }
}

/** The start form's input. */
export class OrderInput {
  @IsString()
  sku!: string;

  @IsInt()
  @Min(1)
  quantity!: number;
}

@Activity({ name: 'price_act' })
export class PriceAct extends ActivityBase<OrderInput, string> {
  async run(_ctx: ActivityContext, input: OrderInput): Promise<string> {
    return `${input.quantity} x ${input.sku}`;
  }
}

/** Prices an order; has an input DTO and an example, so the start form shows its schema. */
@Workflow({ name: 'order_wf', http: { input: OrderInput, example: { sku: 'book', quantity: 1 } } })
export class OrderWf extends WorkflowBase<OrderInput, string> {
  async run(ctx: WorkflowContext, input: OrderInput): Promise<string> {
    return ctx.callActivity<string>(PriceAct, input);
  }
}

export const consoleWorkflows = [ChargeWf, CheckoutWf, ApprovalWf, BusyWf, OrderWf];
export const consoleActivities = [ChargeAct, SlowAct, FlakyForeverAct, PriceAct];

import { RetryPolicy, Workflow, WorkflowBase } from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';
import { SendGreetingActivity } from '../activities/send-greeting.activity';

/** Input of {@link GreetingWorkflow}. */
export interface GreetingRequest {
  names: string[];
}

const retryPolicy = new RetryPolicy({
  maxNumberOfAttempts: 3,
  firstRetryInterval: 1000,
  backoffCoefficient: 2,
});

/**
 * A workflow: deterministic code that calls activities. It greets every name (in parallel), waits a
 * day on a durable timer, and returns what was sent.
 */
@Workflow({ name: 'greeting' })
export class GreetingWorkflow extends WorkflowBase<GreetingRequest, string[]> {
  async run(ctx: WorkflowContext, input: GreetingRequest): Promise<string[]> {
    ctx.setCustomStatus('greeting');
    const sent = await ctx.whenAll(
      input.names.map((name) => ctx.callActivity<string>(SendGreetingActivity, name, { retryPolicy })),
    );
    ctx.setCustomStatus('resting');
    await ctx.createTimer(24 * 60 * 60 * 1000);
    ctx.setCustomStatus('done');
    return sent;
  }
}

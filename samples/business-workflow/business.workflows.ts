/**
 * The seed's Go workflow sample, ported: a stage counter advanced by `TestActivity`, a wait for
 * `businessEvent`, and `FailActivity`, which always fails and is retried 100 ms / x2 / at most 1 s, 3 attempts.
 */
import 'reflect-metadata';
import { singleton } from 'tsyringe';
import { Activity, ActivityBase, RetryPolicy, TaskFailedError, Workflow, WorkflowBase } from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';

/** The Go program's globals, as an injected singleton. */
@singleton()
export class BusinessCounters {
  stage = 0;
  failActivityTries = 0;
}

/** The event the workflow waits for. */
export const BUSINESS_EVENT = 'businessEvent';

/** FailActivity's retry policy, as in the Go sample. */
export const failRetryPolicy = new RetryPolicy({
  maxNumberOfAttempts: 3,
  firstRetryInterval: 100,
  backoffCoefficient: 2,
  maxRetryInterval: 1000,
});

/** Adds its input to the stage and reports it. */
@Activity()
export class TestActivity extends ActivityBase<number, string> {
  constructor(private readonly counters: BusinessCounters) {
    super();
  }

  async run(_ctx: ActivityContext, input: number): Promise<string> {
    this.counters.stage += input;
    return `Stage: ${this.counters.stage}`;
  }
}

/** Always fails, counting its executions. */
@Activity()
export class FailActivity extends ActivityBase<void, void> {
  constructor(private readonly counters: BusinessCounters) {
    super();
  }

  async run(): Promise<void> {
    this.counters.failActivityTries += 1;
    throw new Error('dummy activity error');
  }
}

/** The Go sample's `TestWorkflow`. */
@Workflow()
export class TestWorkflow extends WorkflowBase<number, string> {
  async run(ctx: WorkflowContext, input: number): Promise<string> {
    let output = await ctx.callActivity<string>(TestActivity, input);
    const event = ctx.waitForExternalEvent<string>(BUSINESS_EVENT);
    const timeout = ctx.createTimer(60_000);
    if ((await ctx.whenAny([event, timeout])) === timeout) {
      throw new Error(`Timed out waiting for ${BUSINESS_EVENT}`);
    }
    output = await ctx.callActivity<string>(TestActivity, input);
    try {
      await ctx.callActivity(FailActivity, undefined, { retryPolicy: failRetryPolicy });
    } catch (err) {
      if (err instanceof TaskFailedError) return output;
      throw err;
    }
    throw new Error('unexpected no error executing fail activity');
  }
}

import { Activity, ActivityBase, RetryPolicy, Workflow, WorkflowBase } from 'weft-workflows';
import { singleton } from 'tsyringe';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';

/** What the Python original keeps in globals, as an injected singleton the test can read. */
@singleton()
export class HelloState {
  counter = 0;
  retryCount = 0;
  childCount = 0;
  childString = '';
  childActivityRetryCount = 0;
  log: (line: string) => void = () => {};
}

export const retryPolicy = new RetryPolicy({
  firstRetryInterval: 1000,
  maxNumberOfAttempts: 3,
  backoffCoefficient: 2,
  maxRetryInterval: 10_000,
  retryTimeout: 100_000,
});

@Activity({ name: 'hello_act' })
export class HelloAct extends ActivityBase<number, void> {
  constructor(private readonly state: HelloState) {
    super();
  }

  async run(_ctx: ActivityContext, n: number): Promise<void> {
    this.state.counter += n;
    this.state.log(`New counter value is: ${this.state.counter}!`);
  }
}

@Activity({ name: 'hello_retryable_act' })
export class HelloRetryableAct extends ActivityBase<void, void> {
  constructor(private readonly state: HelloState) {
    super();
  }

  async run(): Promise<void> {
    const s = this.state;
    if (s.retryCount % 2 === 0) {
      s.log(`Retry count value is: ${s.retryCount}!`);
      s.retryCount += 1;
      throw new Error('Retryable Error');
    }
    s.log(`Retry count value is: ${s.retryCount}! This print statement verifies retry`);
    s.retryCount += 1;
  }
}

@Activity({ name: 'act_for_child_wf' })
export class ActForChildWf extends ActivityBase<number, void> {
  constructor(private readonly state: HelloState) {
    super();
  }

  async run(_ctx: ActivityContext, n: number): Promise<void> {
    const s = this.state;
    const char = String.fromCharCode(96 + n);
    s.log(`Appending ${char} to child_orchestrator_string!`);
    s.childString += char;
    if (s.childActivityRetryCount % 2 === 0) {
      s.childActivityRetryCount += 1;
      throw new Error('Retryable Error');
    }
    s.childActivityRetryCount += 1;
  }
}

@Workflow({ name: 'child_retryable_wf' })
export class ChildRetryableWf extends WorkflowBase<void, void> {
  constructor(private readonly state: HelloState) {
    super();
  }

  async run(ctx: WorkflowContext): Promise<void> {
    const s = this.state;
    if (!ctx.isReplaying) {
      s.childCount += 1;
      s.log(`Appending ${s.childCount} to child_orchestrator_string!`);
      s.childString += String(s.childCount);
    }
    await ctx.callActivity(ActForChildWf, s.childCount, { retryPolicy });
    if (s.childCount < 3) throw new Error('Retryable Error');
  }
}

@Workflow({ name: 'hello_world_wf' })
export class HelloWorldWf extends WorkflowBase<string, string> {
  async run(ctx: WorkflowContext, input: string): Promise<string> {
    ctx.logger.info(input);
    await ctx.callActivity(HelloAct, 1);
    await ctx.callActivity(HelloAct, 10);
    await ctx.callActivity('hello_retryable_act', undefined, { retryPolicy });
    await ctx.callChildWorkflow(ChildRetryableWf, undefined, { retryPolicy });

    const event = ctx.waitForExternalEvent<string>('event1');
    const timeout = ctx.createTimer(30_000);
    const winner = await ctx.whenAny([event, timeout]);
    if (winner === timeout) {
      ctx.logger.info('Workflow timed out waiting for event');
      return 'Timeout';
    }
    await ctx.callActivity(HelloAct, 100);
    await ctx.callActivity(HelloAct, 1000);
    return 'Completed';
  }
}

export const helloWorkflows = [HelloWorldWf, ChildRetryableWf];
export const helloActivities = [HelloAct, HelloRetryableAct, ActForChildWf];

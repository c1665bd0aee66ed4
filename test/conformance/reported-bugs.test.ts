import 'reflect-metadata';
import { Activity, ActivityBase, Workflow, WorkflowBase, WorkflowStatus } from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';
import { BACKENDS, freshId, until, useBackend } from './support/backends';

jest.setTimeout(60_000);

/** Bugs other engines shipped, reproduced in our own words over every backend. */

@Workflow({ name: 'rb_counter' })
class Counter extends WorkflowBase<{ counter: number; target: number; timers: boolean }, number> {
  async run(
    ctx: WorkflowContext,
    input: { counter: number; target: number; timers: boolean },
  ): Promise<number> {
    await ctx.waitForExternalEvent('event');
    const counter = input.counter + 1;
    if (input.timers) await ctx.createTimer(0);
    if (counter < input.target) {
      ctx.continueAsNew({ ...input, counter }, { preserveUnprocessedEvents: true });
      return counter;
    }
    return counter;
  }
}

@Workflow({ name: 'rb_waits' })
class Waits extends WorkflowBase<void, unknown> {
  async run(ctx: WorkflowContext): Promise<unknown> {
    return ctx.waitForExternalEvent('go');
  }
}

const runs = new Map<string, number>();
/** Holds the fan-out's activities (keys starting `fan-suspend`) until the test lets them finish. */
let fanGate: Promise<void> = Promise.resolve();

@Activity({ name: 'rb_count' })
class Count extends ActivityBase<{ key: string }, number> {
  async run(_ctx: unknown, input: { key: string }): Promise<number> {
    if (input.key.startsWith('fan-suspend')) await fanGate;
    runs.set(input.key, (runs.get(input.key) ?? 0) + 1);
    return runs.get(input.key) ?? 0;
  }
}

@Workflow({ name: 'rb_fan_then_wait' })
class FanThenWait extends WorkflowBase<string, unknown> {
  async run(ctx: WorkflowContext, key: string): Promise<unknown> {
    await ctx.waitForExternalEvent('start');
    const done = await ctx.whenAll(
      Array.from({ length: 5 }, (_, i) => ctx.callActivity<number>(Count, { key: `${key}-${i}` })),
    );
    return done;
  }
}

describe.each(BACKENDS)('reported bugs of other engines, on %s', (kind) => {
  const setup = useBackend(kind, { workflows: [Counter, Waits, FanThenWait], activities: [Count] });

  // durabletask-dotnet#387: events sent quickly to a ContinueAsNew loop with preserveUnprocessedEvents were
  // sometimes lost (more often with a timer in each generation), so the loop never finished.
  it.each([false, true])(
    'a continue-as-new loop fed 10 events at once sees them all (timers: %s)',
    async (timers) => {
      const { client } = setup();
      const id = freshId(`can-events-${timers}`);
      await client.scheduleNewWorkflow(Counter, { counter: 0, target: 10, timers }, { instanceId: id });
      for (let i = 0; i < 10; i++) await client.raiseEvent(id, 'event', i);
      const state = await client.waitForWorkflowCompletion(id);
      expect(state.status).toBe(WorkflowStatus.COMPLETED);
      expect(state.output).toBe(10);
    },
  );

  // durabletask-mssql#300: a suspended instance could not be terminated.
  it('terminates a suspended instance', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(Waits, undefined, { instanceId: freshId('suspended-term') });
    await client.waitForWorkflowStart(id);
    await client.suspendWorkflow(id);
    await until(async () => (await client.getWorkflowState(id))?.status === WorkflowStatus.SUSPENDED);
    await client.terminateWorkflow(id, { output: 'stopped' });
    const state = await client.waitForWorkflowCompletion(id);
    expect(state.status).toBe(WorkflowStatus.TERMINATED);
    expect(state.output).toBe('stopped');
  });

  // durabletask-go#21: a suspended instance rescheduled the activities of its past history again and again.
  it('suspend and resume around a fan-out runs each activity once', async () => {
    const { client } = setup();
    const key = freshId('fan-suspend');
    let openGate: () => void = () => {};
    fanGate = new Promise<void>((resolve) => (openGate = resolve));
    const id = await client.scheduleNewWorkflow(FanThenWait, key, { instanceId: key });
    await client.waitForWorkflowStart(id);
    await client.raiseEvent(id, 'start');
    // The activities are held, so the fan-out cannot finish before the suspend lands; they finish while
    // the instance is SUSPENDED, and their outcomes wait for the resume.
    await client.suspendWorkflow(id);
    await until(async () => (await client.getWorkflowState(id))?.status === WorkflowStatus.SUSPENDED);
    openGate();
    await client.resumeWorkflow(id);
    const state = await client.waitForWorkflowCompletion(id);
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toEqual([1, 1, 1, 1, 1]);
    const scheduled = (await client.getWorkflowHistory(id)).filter((e) => e.type === 'TaskScheduled');
    expect(scheduled).toHaveLength(5);
  });
});

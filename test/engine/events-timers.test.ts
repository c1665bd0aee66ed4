import 'reflect-metadata';
import {
  Activity,
  ActivityBase,
  Workflow,
  WorkflowBase,
  WorkflowStatus,
  WorkflowTestEnvironment,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

@Activity({ name: 'noop' })
class Noop extends ActivityBase<void, string> {
  async run(): Promise<string> {
    return 'ok';
  }
}

@Workflow({ name: 'collect_events' })
class CollectEvents extends WorkflowBase<{ name: string; count: number }, unknown[]> {
  async run(ctx: WorkflowContext, input: { name: string; count: number }): Promise<unknown[]> {
    const received: unknown[] = [];
    for (let i = 0; i < input.count; i++) received.push(await ctx.waitForExternalEvent(input.name));
    return received;
  }
}

@Workflow({ name: 'event_or_timeout' })
class EventOrTimeout extends WorkflowBase<number, string> {
  async run(ctx: WorkflowContext, timeoutMs: number): Promise<string> {
    const approval = ctx.waitForExternalEvent<string>('Approval');
    const timer = ctx.createTimer(timeoutMs);
    const winner = await ctx.whenAny([approval, timer]);
    return winner === approval
      ? `approved:${approval.result}`
      : `timed out (timer completed: ${timer.isCompleted})`;
  }
}

@Workflow({ name: 'sleeper' })
class Sleeper extends WorkflowBase<number, string> {
  async run(ctx: WorkflowContext, days: number): Promise<string> {
    const start = ctx.currentUtcDateTime.getTime();
    await ctx.createTimer(days * 24 * 3600_000);
    await ctx.callActivity(Noop);
    const until = new Date(ctx.currentUtcDateTime.getTime() + 1000);
    await ctx.createTimer(until);
    return `${Math.round((ctx.currentUtcDateTime.getTime() - start) / 3600_000)}h`;
  }
}

describe('external events and durable timers', () => {
  let env: WorkflowTestEnvironment;
  beforeEach(async () => {
    env = await WorkflowTestEnvironment.create({
      workflows: [CollectEvents, EventOrTimeout, Sleeper],
      activities: [Noop],
    });
  });
  afterEach(() => env.teardown());

  it('buffers events raised before the wait, matches names case-insensitively, and delivers FIFO per name', async () => {
    const id = await env.client.scheduleNewWorkflow(CollectEvents, { name: 'Item', count: 4 });
    await env.client.raiseEvent(id, 'ITEM', 1);
    await env.client.raiseEvent(id, 'other', 'ignored');
    await env.client.raiseEvent(id, 'item', { n: 2 });
    await env.client.raiseEvent(id, 'iTeM', null);
    await env.client.raiseEvent(id, 'Item', 0);
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.output).toEqual([1, { n: 2 }, null, 0]);
  });

  it('whenAny returns the event task itself when it comes first', async () => {
    const id = await env.client.scheduleNewWorkflow(EventOrTimeout, 60_000);
    await env.client.waitForWorkflowStart(id);
    await env.client.raiseEvent(id, 'approval', 'yes');
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.output).toBe('approved:yes');
  });

  it('whenAny returns the timer task itself when the timer fires first', async () => {
    const id = await env.client.scheduleNewWorkflow(EventOrTimeout, 5_000);
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.output).toBe('timed out (timer completed: true)');
  });

  it('a 30-day durable timer completes at once on the virtual clock, at the right virtual time', async () => {
    const before = env.currentTime.getTime();
    const id = await env.client.scheduleNewWorkflow(Sleeper, 30);
    const state = await env.client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toBe('720h');
    expect(env.currentTime.getTime() - before).toBeGreaterThanOrEqual(30 * 24 * 3600_000);
    const history = await env.client.getWorkflowHistory(id);
    const fired = history.filter((e) => e.type === 'TimerFired');
    expect(fired).toHaveLength(2);
  });

  it('env.sleep moves time forward so timers fire without waiting for completion', async () => {
    const id = await env.client.scheduleNewWorkflow(EventOrTimeout, 10_000);
    await env.sleep(9_000);
    expect((await env.client.getWorkflowState(id))?.status).toBe(WorkflowStatus.RUNNING);
    await env.sleep(2_000);
    expect((await env.client.getWorkflowState(id))?.output).toBe('timed out (timer completed: true)');
  });
});

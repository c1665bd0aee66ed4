import 'reflect-metadata';
import {
  Activity,
  ActivityBase,
  Workflow,
  WorkflowBase,
  WorkflowStatus,
  WorkflowTestEnvironment,
} from 'weft-workflows';
import type { ActivityContext, WorkflowContext, WorkflowHistoryEvent } from 'weft-workflows';

@Activity({ name: 'double' })
class Double extends ActivityBase<number, number> {
  async run(_ctx: ActivityContext, n: number): Promise<number> {
    return n * 2;
  }
}

@Workflow({ name: 'mixed' })
class Mixed extends WorkflowBase<{ n: number; events: boolean }, unknown> {
  async run(ctx: WorkflowContext, { n, events }: { n: number; events: boolean }): Promise<unknown> {
    const results: unknown[] = [];
    for (let i = 0; i < n; i++) {
      const a = ctx.callActivity<number>(Double, i);
      const t = ctx.createTimer(1000 * (i + 1));
      const winner = await ctx.whenAny([a, t]);
      results.push(winner === a ? 'activity' : 'timer', await a);
      if (i % 2 === 0) await t;
      if (events) results.push(await ctx.waitForExternalEvent<number>('tick'));
      ctx.setCustomStatus({ i, at: ctx.currentUtcDateTime.toISOString() });
    }
    const child = n > 1 ? await ctx.callChildWorkflow(Mixed, { n: n - 2, events: false }) : null;
    return { results, guid: ctx.newGuid(), child };
  }
}

async function runWith(
  executionCacheSize: number,
): Promise<{ history: WorkflowHistoryEvent[]; output: unknown; customStatus: unknown }> {
  const env = await WorkflowTestEnvironment.create({
    workflows: [Mixed],
    activities: [Double],
    executionCacheSize,
    startTime: new Date('2026-01-01T00:00:00Z'),
  });
  try {
    // Events wait in the inbox of an instance that starts later, so every run sees the same steps.
    const startAt = new Date(env.currentTime.getTime() + 1);
    const id = await env.client.scheduleNewWorkflow(
      Mixed,
      { n: 4, events: true },
      { instanceId: 'm', startAt },
    );
    for (let i = 0; i < 4; i++) await env.client.raiseEvent(id, 'tick', i);
    expect((await env.client.getWorkflowState(id))?.status).toBe(WorkflowStatus.PENDING);
    const state = await env.client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    return {
      history: await env.client.getWorkflowHistory(id),
      output: state.output,
      customStatus: state.customStatus,
    };
  } finally {
    await env.teardown();
  }
}

describe('the execution cache', () => {
  it('gives identical histories, output and status with the cache on, off, and evicting after every step', async () => {
    const cached = await runWith(1000);
    const replayEveryStep = await runWith(0);
    const evicting = await runWith(1);
    expect(cached.output).toMatchObject({
      results: ['activity', 0, 0, 'activity', 2, 1, 'activity', 4, 2, 'activity', 6, 3],
      child: { results: ['activity', 0, 'activity', 2] },
    });
    expect(replayEveryStep).toEqual(cached);
    expect(evicting).toEqual(cached);
  });
});

import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteBackend, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { ActivityContext, WorkflowContext, WorkflowHistoryEvent } from 'weft-workflows';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * An activity's outcome and the step that consumes it commit together when the workflow is idle. Here
 * events and other activities of the same instance race with that fast path: every outcome and event must
 * be delivered exactly once, whichever path carried it.
 */
describe('activity outcome committed with the next step (fast path) under races', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-fast-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('delivers every activity result and every event exactly once while they race', async () => {
    const runtime = new WorkflowRuntime({
      backend: new SqliteBackend({ path: join(dir, 'weft.db'), logger: quiet }),
      workflows: [],
      activities: [],
      logger: quiet,
    });
    runtime.registerActivity(async (_ctx: ActivityContext, n: number) => {
      await new Promise((r) => setTimeout(r, n % 3));
      return n;
    }, 'jitter');
    runtime.registerWorkflow(async (ctx: WorkflowContext, rounds: number) => {
      const seen: unknown[] = [];
      for (let i = 0; i < rounds; i++) {
        const [a, b, e] = await ctx.whenAll<unknown>([
          ctx.callActivity('jitter', i),
          ctx.callActivity('jitter', i + 1),
          ctx.waitForExternalEvent('tick'),
        ]);
        seen.push([a, b, e]);
      }
      return seen;
    }, 'racer');
    await runtime.start();
    try {
      const rounds = 25;
      const ids = await Promise.all(
        [0, 1, 2].map((k) => runtime.client.scheduleNewWorkflow('racer', rounds, { instanceId: `r${k}` })),
      );
      for (let i = 0; i < rounds; i++) {
        await new Promise((r) => setTimeout(r, i % 2));
        await Promise.all(ids.map((id) => runtime.client.raiseEvent(id, 'tick', i)));
      }
      for (const id of ids) {
        const state = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
        expect(state.status).toBe(WorkflowStatus.COMPLETED);
        expect(state.output).toEqual(Array.from({ length: rounds }, (_, i) => [i, i + 1, i]));
        const history: WorkflowHistoryEvent[] = await runtime.client.getWorkflowHistory(id);
        const completed = history
          .filter((e) => e.type === 'TaskCompleted')
          .map((e) => e.taskScheduledId as number);
        expect(completed.sort((x, y) => x - y)).toEqual([...Array(rounds * 2).keys()]);
        expect(history.filter((e) => e.type === 'EventRaised')).toHaveLength(rounds);
      }
    } finally {
      await runtime.stop();
    }
  });
});

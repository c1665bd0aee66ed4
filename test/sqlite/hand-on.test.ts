import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteBackend, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';
import type { HistoryEvent, WorkflowStepResult, WorkflowWorkItem } from '../../src/core';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
/** An hour: no poll for work moves an instance on during a test; only a hand-over in the commit can. */
const NO_POLL = 3_600_000;

/**
 * A fused step (an activity's outcome and the step that consumes it, one commit) or an eager start (a new
 * instance and its first step, one commit) ran on an inbox read in that same transaction, so the step
 * commit reads the inbox again, to hand the next step on, only when the plan itself wrote something due
 * for the instance (`mayHaveDue` in step-commit.ts). These workflows depend on that exception: with the
 * poll interval an hour, nothing else would run their next step, and they would never complete.
 */
describe('the next step is handed on after a fused or eager step that wrote its own due work', () => {
  let dir: string;
  let backend: SqliteBackend;
  let runtime: WorkflowRuntime | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'weft-hand-on-'));
    backend = new SqliteBackend({ path: join(dir, 'weft.db'), logger: quiet, pollIntervalMs: NO_POLL });
  });
  afterEach(async () => {
    await runtime?.stop();
    runtime = undefined;
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function startRuntime(): Promise<WorkflowRuntime> {
    runtime = new WorkflowRuntime({ backend, workflows: [], activities: [], logger: quiet });
    runtime.registerActivity(async (_ctx: unknown, n: number) => n + 1, 'add_one');
    runtime.registerWorkflow(async (ctx: WorkflowContext, n: number) => {
      const a = await ctx.callActivity<number>('add_one', n);
      await ctx.createTimer(0);
      return ctx.callActivity<number>('add_one', a);
    }, 'activity_then_zero_timer');
    runtime.registerWorkflow(async (ctx: WorkflowContext) => {
      await ctx.createTimer(0);
      await ctx.createTimer(0);
      return 'fired';
    }, 'zero_timers_first');
    runtime.registerWorkflow(
      async (ctx: WorkflowContext) => ctx.waitForExternalEvent<string>('never'),
      'waits_forever',
    );
    runtime.registerWorkflow(async (ctx: WorkflowContext, afterActivity: boolean) => {
      if (afterActivity) await ctx.callActivity('add_one', 0);
      try {
        return await ctx.callChildWorkflow<string>('waits_forever', undefined, { instanceId: 'taken' });
      } catch (err) {
        return `refused: ${(err as Error).message}`;
      }
    }, 'child_refused');
    await runtime.start();
    return runtime;
  }

  it('a fused step that creates a zero-delay timer: the timer fires and the workflow completes', async () => {
    const { client } = await startRuntime();
    // The worker's start-up commits (its first claim) are behind a first workflow.
    await client.waitForWorkflowCompletion(await client.scheduleNewWorkflow('activity_then_zero_timer', 0));
    const commitsBefore = backend.syncStats.commits;
    const id = await client.scheduleNewWorkflow('activity_then_zero_timer', 1);
    const state = await client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toBe(3);
    // Eager start (1), outcome + step that sets the timer (fused, 1), the timer's step handed on (1),
    // outcome + last step (fused, 1): the fused path was taken, not a claim from the database.
    expect(backend.syncStats.commits - commitsBefore).toBe(4);
  });

  it('an eager start whose first step creates a zero-delay timer: it fires without a poll', async () => {
    const { client } = await startRuntime();
    const id = await client.scheduleNewWorkflow('zero_timers_first');
    const state = await client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toBe('fired');
  });

  for (const [path, afterActivity] of [
    ['an eager start', false],
    ['a fused step', true],
  ] as const) {
    it(`${path} whose child's id is taken: the refusal reaches the workflow without a poll`, async () => {
      const { client } = await startRuntime();
      await client.scheduleNewWorkflow('waits_forever', undefined, { instanceId: 'taken' });
      await client.waitForWorkflowStart('taken', { timeoutMs: 10_000 });
      const id = await client.scheduleNewWorkflow('child_refused', afterActivity);
      const state = await client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
      expect(state.status).toBe(WorkflowStatus.COMPLETED);
      expect(state.output).toMatch(/^refused: .*'taken'/);
    });
  }
});

/**
 * The same for a message the step sends to its own instance (SendEvent, as a Dapr SDK's workflow can do
 * over `weft sidecar`), driven through the Backend's worker API with a hand-written processor: after an
 * activity, the fused step sends 'self' to its own instance and the next step, handed on, completes.
 */
describe('a fused step that sends an event to its own instance', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-hand-on-send-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('gets the event in the step handed on and completes', async () => {
    const backend = new SqliteBackend({ path: join(dir, 'weft.db'), logger: quiet, pollIntervalMs: NO_POLL });
    await backend.open();
    const seen: string[][] = [];
    const has = (events: HistoryEvent[], type: string) => events.some((e) => e.type === type);
    const worker = backend.startWorker(
      {
        processWorkflow: async (item: WorkflowWorkItem): Promise<WorkflowStepResult> => {
          seen.push(item.newEvents.map((e) => e.type));
          if (has(item.newEvents, 'EventRaised'))
            return {
              actions: [
                {
                  type: 'CompleteWorkflow',
                  id: 2,
                  workflowStatus: WorkflowStatus.COMPLETED,
                  result: '"got it"',
                },
              ],
            };
          if (has(item.newEvents, 'TaskCompleted'))
            return {
              actions: [
                { type: 'SendEvent', id: 1, instanceId: item.instanceId, name: 'self', data: '"hi"' },
              ],
            };
          return {
            actions: [{ type: 'ScheduleTask', id: 0, name: 'act', taskExecutionId: 'act-0', attempt: 1 }],
          };
        },
        processActivity: async () => ({ result: '1' }),
        // The first step runs eagerly, so the activity's outcome finds the instance free here: fused.
        runsWorkflowHere: () => true,
      },
      { maxConcurrentWorkflows: 4, maxConcurrentActivities: 4 },
    );
    try {
      // The worker's start-up commits (its first claim) are behind a first instance.
      await backend.createInstance({ instanceId: 'warm-up', name: 'wf' });
      await backend.waitForInstance('warm-up', 'completion', 10_000);
      seen.length = 0;
      const commitsBefore = backend.syncStats.commits;
      await backend.createInstance({ instanceId: 'sends-to-itself', name: 'wf' });
      const done = await backend.waitForInstance('sends-to-itself', 'completion', 10_000);
      expect(done?.status).toBe(WorkflowStatus.COMPLETED);
      expect(done?.output).toBe('"got it"');
      // Eager start (1), the activity's outcome with the SendEvent step (fused, 1), the step handed on
      // with the event (1).
      expect(backend.syncStats.commits - commitsBefore).toBe(3);
      // The activity's outcome and the SendEvent step were one fused step; the event came in the next.
      expect(seen.map((types) => types.filter((t) => t !== 'WorkflowStarted'))).toEqual([
        ['ExecutionStarted'],
        ['TaskCompleted'],
        ['EventRaised'],
      ]);
    } finally {
      await worker.stop();
      await backend.close();
    }
  });
});

import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteBackend, WorkflowClient, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { ActivityContext, WorkflowContext, WorkflowHistoryEvent } from 'weft-workflows';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * When a step leaves an instance idle, the process notes its history length, and the activity that
 * completes next runs the workflow's step from that note without reading the instance first. Here the
 * instance moves on while the activity runs, through a second connection to the same file (another
 * process, for the engine: its own commits tell the runtime nothing), so the note is stale. The step run
 * from it must be discarded at commit and the activity's outcome handled as the instance now is.
 */
describe('a step run from a stale note of an idle instance', () => {
  let dir: string;
  let runtime: WorkflowRuntime;
  let other: SqliteBackend;
  let elsewhere: WorkflowClient;
  let started: Promise<string>;
  let activityStarted: (instanceId: string) => void;
  let release: () => void;
  /** The step after the gated activity ran (from the note: its commit follows and is drained by stop). */
  let ranAfterGate: Promise<string>;
  let stepRan: (instanceId: string) => void;

  /** A runtime on the file; `gated` activities wait for the test's release. */
  function runtimeOn(path: string): WorkflowRuntime {
    const rt = new WorkflowRuntime({
      backend: new SqliteBackend({ path, logger: quiet }),
      workflows: [],
      activities: [],
      logger: quiet,
    });
    rt.registerActivity(async (_ctx: ActivityContext, n: number) => n + 1, 'step');
    rt.registerActivity(async (ctx: ActivityContext, n: number) => {
      gatedRuns.set(ctx.instanceId, (gatedRuns.get(ctx.instanceId) ?? 0) + 1);
      activityStarted(ctx.instanceId);
      await gate;
      return n * 10;
    }, 'gated');
    // The first activity's step leaves the instance idle (noted); the gated one completes against the note.
    rt.registerWorkflow(async (ctx: WorkflowContext, n: number) => {
      const a = await ctx.callActivity<number>('step', n);
      const b = await ctx.callActivity<number>('gated', a);
      if (!ctx.isReplaying) stepRan(ctx.instanceId);
      const e = await ctx.waitForExternalEvent<string>('go');
      return [b, e];
    }, 'noted');
    rt.registerWorkflow(async (ctx: WorkflowContext, n: number) => {
      const a = await ctx.callActivity<number>('step', n);
      return ctx.whenAll<unknown>([ctx.callActivity<number>('gated', a), ctx.waitForExternalEvent('go')]);
    }, 'noted_all');
    rt.registerWorkflow(
      async (ctx: WorkflowContext, n: number) => ctx.callActivity<number>('step', n),
      'one_step',
    );
    return rt;
  }

  let path: string;
  let gate: Promise<void>;
  let gatedRuns: Map<string, number>;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-idle-'));
    path = join(dir, 'weft.db');
    gate = new Promise<void>((resolve) => (release = resolve));
    gatedRuns = new Map();
    started = new Promise((resolve) => (activityStarted = resolve));
    ranAfterGate = new Promise((resolve) => (stepRan = resolve));
    runtime = runtimeOn(path);
    await runtime.start();
    other = new SqliteBackend({ path, logger: quiet });
    elsewhere = new WorkflowClient({ backend: other });
  });
  afterEach(async () => {
    release();
    await runtime.stop();
    await other.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const types = (history: WorkflowHistoryEvent[]) => history.map((e) => e.type);

  // durabletask-mssql#81: an activity finishing after its orchestration was terminated threw, stayed queued and
  // ran again every lock interval. Here its outcome is dropped once, and nothing runs after the end.
  it('terminated elsewhere while the activity ran: the outcome is dropped and nothing follows the end', async () => {
    const id = await runtime.client.scheduleNewWorkflow('noted', 1);
    expect(await started).toBe(id);
    await elsewhere.terminateWorkflow(id, { output: 'stopped elsewhere' });
    release();
    expect(await ranAfterGate).toBe(id);
    // Stopping drains the worker: the step's commit (discarded, the outcome dropped) is done when this resolves.
    await runtime.stop();
    const history = types(await elsewhere.getWorkflowHistory(id));
    expect(history.slice(-2)).toEqual(['ExecutionTerminated', 'ExecutionCompleted']);
    expect(history.filter((t) => t === 'TaskCompleted')).toHaveLength(1);
    expect((await elsewhere.getWorkflowState(id))?.status).toBe(WorkflowStatus.TERMINATED);
    // Nothing of the instance is left to run: a runtime started on the file finds no work for it.
    runtime = runtimeOn(path);
    await runtime.start();
    await runtime.client.waitForWorkflowCompletion(await runtime.client.scheduleNewWorkflow('one_step', 0));
    expect(gatedRuns.get(id)).toBe(1);
  });

  it('suspended elsewhere while the activity ran: no step commits until resumed, then the result is whole', async () => {
    const id = await runtime.client.scheduleNewWorkflow('noted', 1);
    await started;
    await elsewhere.suspendWorkflow(id);
    release();
    expect(await ranAfterGate).toBe(id);
    await runtime.stop();
    // The outcome waits in the instance's inbox while it is SUSPENDED; its history did not move.
    expect(types(await elsewhere.getWorkflowHistory(id)).filter((t) => t === 'TaskCompleted')).toHaveLength(
      1,
    );
    expect((await elsewhere.getWorkflowState(id))?.status).toBe(WorkflowStatus.SUSPENDED);
    await elsewhere.raiseEvent(id, 'go', 'went');
    await elsewhere.resumeWorkflow(id);
    runtime = runtimeOn(path);
    await runtime.start();
    const state = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toEqual([20, 'went']);
    const history = types(await runtime.client.getWorkflowHistory(id));
    expect(history.filter((t) => t === 'TaskCompleted')).toHaveLength(2);
    expect(history.filter((t) => t === 'EventRaised')).toHaveLength(1);
  });

  it('an event raised elsewhere while the activity ran is in the step that takes the outcome', async () => {
    const id = await runtime.client.scheduleNewWorkflow('noted_all', 1);
    await started;
    await elsewhere.raiseEvent(id, 'go', 'early');
    release();
    const state = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toEqual([20, 'early']);
    const history = await runtime.client.getWorkflowHistory(id);
    expect(history.filter((e) => e.type === 'TaskCompleted')).toHaveLength(2);
    expect(history.filter((e) => e.type === 'EventRaised')).toHaveLength(1);
    // Both arrived before one step ran: the event and the outcome are in the same step, and that step
    // completes the workflow (a step run on the outcome alone would have committed, then a second one).
    const lastStart = history.map((e) => e.type).lastIndexOf('WorkflowStarted');
    expect(
      history
        .slice(lastStart)
        .map((e) => e.type)
        .sort(),
    ).toEqual(['EventRaised', 'ExecutionCompleted', 'WorkflowStarted', 'TaskCompleted'].sort());
  });
});

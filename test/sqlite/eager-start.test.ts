import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SqliteBackend,
  WorkflowAlreadyExistsError,
  WorkflowClient,
  WorkflowRuntime,
  WorkflowStatus,
} from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The eager start: a client's new instance and its first step commit together when this process's worker
 * runs the workflow (Temporal's "eager workflow start" does the same for a worker next to the client).
 */
describe('eager start', () => {
  let dir: string;
  let backend: SqliteBackend;
  let runtime: WorkflowRuntime;
  let runs: Map<string, number>;
  let release: () => void;
  let gate: Promise<void>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-eager-'));
    // No slow poll for other processes' work: its claim transactions would count among the commits.
    backend = new SqliteBackend({ path: join(dir, 'weft.db'), logger: quiet, pollIntervalMs: 3_600_000 });
    runtime = new WorkflowRuntime({ backend, workflows: [], activities: [], logger: quiet });
    runs = new Map();
    gate = new Promise((resolve) => (release = resolve));
    runtime.registerActivity(async (ctx: ActivityContext, n: number) => {
      runs.set(ctx.instanceId, (runs.get(ctx.instanceId) ?? 0) + 1);
      return n + 1;
    }, 'step');
    runtime.registerActivity(async () => gate, 'held');
    runtime.registerWorkflow(async (ctx: WorkflowContext, n: number) => {
      const a = await ctx.callActivity<number>('step', n);
      const b = await ctx.callActivity<number>('step', a);
      return ctx.callActivity<number>('step', b);
    }, 'three_steps');
    runtime.registerWorkflow(async (ctx: WorkflowContext) => {
      await ctx.callActivity('held');
      return 'released';
    }, 'held_wf');
    await runtime.start();
  });
  afterEach(async () => {
    release();
    await runtime.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits a three-step workflow in 4 transactions, its history as a started one has', async () => {
    // The worker's start-up commits (its first claim) are behind a first workflow.
    await runtime.client.waitForWorkflowCompletion(
      await runtime.client.scheduleNewWorkflow('three_steps', 0),
    );
    const before = backend.syncStats.commits;
    const id = await runtime.client.scheduleNewWorkflow('three_steps', 1);
    const state = await runtime.client.waitForWorkflowCompletion(id);
    expect(state.output).toBe(4);
    // Create+first step, then activity outcome+next step three times (5 before the eager start).
    expect(backend.syncStats.commits - before).toBe(4);
    const types = (await runtime.client.getWorkflowHistory(id)).map((e) => e.type);
    expect(types.slice(0, 3)).toEqual(['WorkflowStarted', 'ExecutionStarted', 'TaskScheduled']);
    expect(types.at(-1)).toBe('ExecutionCompleted');
  });

  it('a second start of a running id is refused, and the first runs on alone', async () => {
    await runtime.client.scheduleNewWorkflow('held_wf', null, { instanceId: 'dup' });
    await runtime.client.waitForWorkflowStart('dup');
    await expect(
      runtime.client.scheduleNewWorkflow('three_steps', 1, { instanceId: 'dup' }),
    ).rejects.toBeInstanceOf(WorkflowAlreadyExistsError);
    release();
    const state = await runtime.client.waitForWorkflowCompletion('dup');
    expect(state.output).toBe('released');
    expect(runs.get('dup')).toBeUndefined();
  });

  it('two starts of one new id at once: one wins, the other is refused, the loser ran nothing durable', async () => {
    const results = await Promise.allSettled([
      runtime.client.scheduleNewWorkflow('three_steps', 1, { instanceId: 'race' }),
      runtime.client.scheduleNewWorkflow('three_steps', 10, { instanceId: 'race' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(WorkflowAlreadyExistsError);
    const state = await runtime.client.waitForWorkflowCompletion('race');
    expect([4, 13]).toContain(state.output);
    // The winner's three activities, and none of the loser's step (it was never committed).
    expect(runs.get('race')).toBe(3);
    const scheduled = (await runtime.client.getWorkflowHistory('race')).filter(
      (e) => e.type === 'TaskScheduled',
    );
    expect(scheduled).toHaveLength(3);
  });

  it('a start in the future and an id being reused go the usual way', async () => {
    const later = new Date(Date.now() + 60_000);
    await runtime.client.scheduleNewWorkflow('three_steps', 1, { instanceId: 'later', startAt: later });
    expect((await runtime.client.getWorkflowState('later'))?.status).toBe(WorkflowStatus.PENDING);
    expect(await runtime.client.getWorkflowHistory('later')).toEqual([]);

    await runtime.client.waitForWorkflowCompletion(
      await runtime.client.scheduleNewWorkflow('three_steps', 1, { instanceId: 'again' }),
    );
    await runtime.client.scheduleNewWorkflow('three_steps', 5, { instanceId: 'again' });
    const state = await runtime.client.waitForWorkflowCompletion('again');
    expect(state.output).toBe(8);
    expect(runs.get('again')).toBe(6);
  });

  it('a workflow this process does not run is created without running anything', async () => {
    // A client without this runtime's registry (another service's workflow, say).
    const client = new WorkflowClient({ backend });
    await client.scheduleNewWorkflow('elsewhere_wf', 1, { instanceId: 'elsewhere' });
    expect((await client.getWorkflowState('elsewhere'))?.name).toBe('elsewhere_wf');
  });
});

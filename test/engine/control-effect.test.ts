import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SqliteBackend,
  ValidationError,
  Workflow,
  WorkflowAlreadyExistsError,
  WorkflowBase,
  WorkflowClient,
  WorkflowNotRunningError,
  WorkflowNotTerminalError,
  WorkflowRuntime,
  WorkflowStatus,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** Waits (polling the public state, bounded) until the instance exists and has started. */
async function started(client: WorkflowClient, id: string): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    const state = await client.getWorkflowState(id);
    if (state && state.status !== WorkflowStatus.PENDING) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`${id} did not start`);
}

/** Collects `count` 'go' events, then returns them. */
@Workflow({ name: 'collect' })
class Collect extends WorkflowBase<number, unknown[]> {
  async run(ctx: WorkflowContext, count: number): Promise<unknown[]> {
    const got: unknown[] = [];
    for (let i = 0; i < count; i++) got.push(await ctx.waitForExternalEvent('go'));
    return got;
  }
}

/** A chain of `depth` children; the last one waits for an event. */
@Workflow({ name: 'lineage' })
class Lineage extends WorkflowBase<number, string> {
  async run(ctx: WorkflowContext, depth: number): Promise<string> {
    if (depth > 0) return ctx.callChildWorkflow<string>(Lineage, depth - 1);
    return ctx.waitForExternalEvent<string>('go');
  }
}

/** Starts a child with a fixed id and waits for it. */
@Workflow({ name: 'names_its_child' })
class NamesItsChild extends WorkflowBase<string, string> {
  async run(ctx: WorkflowContext, childId: string): Promise<string> {
    return ctx.callChildWorkflow<string>(Lineage, 0, { instanceId: childId });
  }
}

describe('control operations take effect when they resolve', () => {
  let dir: string;
  const opened: (() => Promise<void>)[] = [];
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-control-'))));
  afterEach(async () => {
    for (const close of opened.splice(0).reverse()) await close();
    rmSync(dir, { recursive: true, force: true });
  });

  const runtimeOn = (path: string) =>
    new WorkflowRuntime({
      backend: new SqliteBackend({ path, logger: quiet, leaseMs: 500 }),
      workflows: [Collect, Lineage, NamesItsChild],
      logger: quiet,
    });
  /** A client on the file with no worker at all. */
  const clientOn = (path: string) => {
    const backend = new SqliteBackend({ path, logger: quiet });
    opened.push(() => backend.close());
    return new WorkflowClient({ backend });
  };
  const statusOf = async (client: WorkflowClient, id: string) => (await client.getWorkflowState(id))?.status;

  it('suspend, resume and terminate of an instance no worker has started show at once', async () => {
    const client = clientOn(join(dir, 'w.db'));
    const id = await client.scheduleNewWorkflow('collect', 1, { instanceId: 'never-ran' });
    await client.suspendWorkflow(id, 'hold');
    expect(await statusOf(client, id)).toBe(WorkflowStatus.SUSPENDED);
    await client.suspendWorkflow(id); // already suspended: resolves, nothing changes
    await client.raiseEvent(id, 'go', 'kept');
    // RUNNING once resume resolves, though no worker has run it yet (as daprd, where the suspend's step
    // took the start with it).
    await client.resumeWorkflow(id, undefined, { timeoutMs: 5000 });
    expect(await statusOf(client, id)).toBe(WorkflowStatus.RUNNING);
    await client.resumeWorkflow(id); // not suspended: a no-op that resolves
    await client.terminateWorkflow(id, { output: 'stopped', timeoutMs: 5000 });
    const state = await client.getWorkflowState(id);
    expect(state?.status).toBe(WorkflowStatus.TERMINATED);
    expect(state?.output).toBe('stopped');
    const types = (await client.getWorkflowHistory(id)).map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['ExecutionStarted', 'ExecutionTerminated', 'ExecutionCompleted']),
    );
    expect(types.indexOf('ExecutionStarted')).toBeLessThan(types.indexOf('ExecutionTerminated'));
    // Finished: the contract errors.
    await expect(client.suspendWorkflow(id)).rejects.toBeInstanceOf(WorkflowNotRunningError);
    await expect(client.resumeWorkflow(id)).rejects.toBeInstanceOf(WorkflowNotRunningError);
    await expect(client.terminateWorkflow(id)).rejects.toBeInstanceOf(WorkflowNotRunningError);
  });

  it('a suspend made while the worker is down holds the events; the resumed instance gets them in order', async () => {
    const db = join(dir, 'w.db');
    const first = runtimeOn(db);
    await first.start();
    const id = await first.client.scheduleNewWorkflow(Collect, 2);
    await first.client.waitForWorkflowStart(id);
    await first.stop();

    const client = clientOn(db);
    await client.suspendWorkflow(id, 'maintenance');
    expect(await statusOf(client, id)).toBe(WorkflowStatus.SUSPENDED);
    await client.raiseEvent(id, 'go', 'a');
    await client.raiseEvent(id, 'go', 'b');
    await client.resumeWorkflow(id);
    expect(await statusOf(client, id)).toBe(WorkflowStatus.RUNNING);
    await opened.pop()?.();

    const second = runtimeOn(db);
    await second.start();
    opened.push(() => second.stop());
    const done = await second.client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
    expect(done.output).toEqual(['a', 'b']);
    const types = (await second.client.getWorkflowHistory(id)).map((e) => e.type);
    expect(types.indexOf('ExecutionSuspended')).toBeLessThan(types.indexOf('ExecutionResumed'));
  });

  it('a suspend shows at once on a running worker, and nothing moves until resume', async () => {
    const backend = new SqliteBackend({ path: join(dir, 'w.db'), logger: quiet });
    const runtime = new WorkflowRuntime({ backend, workflows: [Collect], logger: quiet });
    await runtime.start();
    opened.push(() => runtime.stop());
    const id = await runtime.client.scheduleNewWorkflow(Collect, 1);
    // Suspend straight after the start was queued: whether or not its step is in flight, it is SUSPENDED
    // when the call resolves and stays so (a step that was in flight is discarded, not committed).
    await runtime.client.suspendWorkflow(id);
    expect(await statusOf(runtime.client, id)).toBe(WorkflowStatus.SUSPENDED);
    await runtime.client.raiseEvent(id, 'go', 'x');
    await backend.whenIdle();
    expect(await statusOf(runtime.client, id)).toBe(WorkflowStatus.SUSPENDED);
    await runtime.client.resumeWorkflow(id);
    expect((await runtime.client.waitForWorkflowCompletion(id)).output).toEqual(['x']);
  });

  it('terminate of a suspended family with the worker down: every member TERMINATED when it resolves', async () => {
    const db = join(dir, 'w.db');
    const first = runtimeOn(db);
    await first.start();
    await first.client.scheduleNewWorkflow(Lineage, 2, { instanceId: 'root' });
    await started(first.client, 'root:0000:0000');
    await first.stop();

    const client = clientOn(db);
    await client.suspendWorkflow('root:0000');
    await client.terminateWorkflow('root', { output: 'enough' });
    for (const id of ['root', 'root:0000', 'root:0000:0000']) {
      expect(await statusOf(client, id)).toBe(WorkflowStatus.TERMINATED);
    }
    expect((await client.getWorkflowState('root:0000:0000'))?.output).toBe('enough');
    await opened.pop()?.();

    // A worker started afterwards finds nothing to undo.
    const second = runtimeOn(db);
    await second.start();
    opened.push(() => second.stop());
    expect((await second.client.waitForWorkflowCompletion('root')).status).toBe(WorkflowStatus.TERMINATED);
    expect(await statusOf(second.client, 'root:0000')).toBe(WorkflowStatus.TERMINATED);
  });

  it('refuses a timeoutMs below 0 before doing anything', async () => {
    const client = clientOn(join(dir, 'w.db'));
    const id = await client.scheduleNewWorkflow('collect', 1);
    await expect(client.suspendWorkflow(id, undefined, { timeoutMs: -1 })).rejects.toBeInstanceOf(
      ValidationError,
    );
    expect(await statusOf(client, id)).toBe(WorkflowStatus.PENDING);
  });
});

describe('instance ids and families', () => {
  let dir: string;
  let runtime: WorkflowRuntime;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-family-'));
    runtime = new WorkflowRuntime({
      backend: new SqliteBackend({ path: join(dir, 'w.db'), logger: quiet }),
      workflows: [Collect, Lineage, NamesItsChild],
      logger: quiet,
    });
    await runtime.start();
  });
  afterEach(async () => {
    await runtime.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses to reuse an id while a child of the earlier run still runs, naming the child', async () => {
    const client = runtime.client;
    await client.scheduleNewWorkflow(Lineage, 1, { instanceId: 'job' });
    await started(client, 'job:0000');
    await client.terminateWorkflow('job', { recursive: false });
    expect(await statusOf(client, 'job:0000')).toBe(WorkflowStatus.RUNNING);

    const err = await client.scheduleNewWorkflow(Lineage, 1, { instanceId: 'job' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowAlreadyExistsError);
    expect((err as WorkflowAlreadyExistsError).liveInstanceId).toBe('job:0000');
    expect((err as Error).message).toContain("'job:0000'");
    // Nothing was replaced: the earlier run and its child are as they were.
    expect(await statusOf(client, 'job')).toBe(WorkflowStatus.TERMINATED);

    await client.raiseEvent('job:0000', 'go', 'done');
    await client.waitForWorkflowCompletion('job:0000');
    // Now the whole family has finished: the id is free, and the new run adopts no child of the old one.
    await client.scheduleNewWorkflow(Lineage, 0, { instanceId: 'job' });
    expect(await client.getWorkflowState('job:0000')).toBeUndefined();
    await client.raiseEvent('job', 'go', 'again');
    expect((await client.waitForWorkflowCompletion('job')).output).toBe('again');
  });

  it("a child start on an id whose family still runs fails the parent's call, naming the live one", async () => {
    const client = runtime.client;
    await client.scheduleNewWorkflow(Lineage, 1, { instanceId: 'taken' });
    await started(client, 'taken:0000');
    await client.terminateWorkflow('taken', { recursive: false });

    const parent = await client.scheduleNewWorkflow(NamesItsChild, 'taken');
    const state = await client.waitForWorkflowCompletion(parent);
    expect(state.status).toBe(WorkflowStatus.FAILED);
    expect(state.failureDetails?.message).toContain("'taken:0000'");
    expect(await statusOf(client, 'taken')).toBe(WorkflowStatus.TERMINATED);
  });

  it('purge is refused while a descendant runs, unless forced', async () => {
    const client = runtime.client;
    await client.scheduleNewWorkflow(Lineage, 2, { instanceId: 'tree' });
    await started(client, 'tree:0000:0000');
    // The root first: a child terminated first reports to its parent, which may fail on it before the
    // root's terminate lands (the parent then is FAILED, not running, and cannot be terminated).
    await client.terminateWorkflow('tree', { recursive: false });
    await client.terminateWorkflow('tree:0000', { recursive: false });
    expect(await statusOf(client, 'tree:0000:0000')).toBe(WorkflowStatus.RUNNING);

    const err = await client.purgeWorkflow('tree').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowNotTerminalError);
    expect((err as WorkflowNotTerminalError).instanceId).toBe('tree:0000:0000');
    expect((err as Error).message).toContain("'tree'");
    await expect(client.purgeWorkflow('tree', { recursive: false })).rejects.toBeInstanceOf(
      WorkflowNotTerminalError,
    );
    expect(await statusOf(client, 'tree:0000')).toBe(WorkflowStatus.TERMINATED);
    // Bulk purge leaves a family with a live member whole.
    expect(await client.purgeWorkflows()).toBe(0);

    expect(await client.purgeWorkflow('tree', { force: true })).toBe(true);
    for (const id of ['tree', 'tree:0000', 'tree:0000:0000']) {
      expect(await client.getWorkflowState(id)).toBeUndefined();
    }
  });

  const statusOf = async (client: WorkflowClient, id: string) => (await client.getWorkflowState(id))?.status;
});

import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InstanceReads } from '../../src/backends/sqlite/instance-reads';
import { InstanceWatchers } from '../../src/backends/sqlite/instance-watchers';
import { SqliteBackend, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { InstanceRecord, WorkflowContext } from 'weft-workflows';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * A wait in this process for an instance that finishes is answered from the finishing commit (the row it
 * wrote, built from the step and one narrow read in the same transaction) instead of a read of the whole
 * row after it. The answer must be exactly what a read would give, for every way an instance ends.
 */
describe('waits answered by the finishing commit', () => {
  let dir: string;
  let runtime: WorkflowRuntime;
  let backend: SqliteBackend;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-finished-waits-'));
    backend = new SqliteBackend({ path: join(dir, 'weft.db'), logger: quiet });
    runtime = new WorkflowRuntime({
      backend,
      workflows: [],
      activities: [],
      logger: quiet,
    });
    runtime.registerActivity(async (_ctx: unknown, n: number) => n + 1, 'inc');
    runtime.registerWorkflow(async (ctx: WorkflowContext, input: { fail?: boolean; n: number }) => {
      ctx.setCustomStatus({ phase: 'waiting' });
      const go = await ctx.waitForExternalEvent<number>('go');
      const n = await ctx.callActivity<number>('inc', input.n + go);
      ctx.setCustomStatus({ phase: 'done', n });
      if (input.fail) throw new Error(`failed at ${n}`);
      return { n };
    }, 'ends');
    runtime.registerWorkflow(async (ctx: WorkflowContext, n: number) => {
      return ctx.callChildWorkflow<{ n: number }>('ends', { n }, { instanceId: `${ctx.instanceId}-child` });
    }, 'parent');
    await runtime.start();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await runtime.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Resolves once waits in this process watch every one of `instanceIds` (their watchers registered). */
  function watched(instanceIds: string[]): Promise<void> {
    const watch = InstanceWatchers.prototype.watch;
    const waiting = new Set(instanceIds);
    return new Promise((resolve) => {
      jest.spyOn(InstanceWatchers.prototype, 'watch').mockImplementation(function (
        this: InstanceWatchers,
        id,
        fn,
      ) {
        const unwatch = watch.call(this, id, fn);
        if (waiting.delete(id) && waiting.size === 0) resolve();
        return unwatch;
      });
    });
  }

  /**
   * Waits (through the backend, whose record has every field) for `instanceIds` while `end` makes them
   * finish; checks that no read of the whole row answered them and that each answer is what a read gives
   * after.
   */
  async function waitThrough(instanceIds: string[], end: () => Promise<unknown>): Promise<InstanceRecord[]> {
    const registered = watched(instanceIds);
    const fullReads = jest.spyOn(InstanceReads.prototype, 'full');
    const answers = Promise.all(instanceIds.map((id) => backend.waitForInstance(id, 'completion', 20_000)));
    await registered;
    await end();
    const records = await answers;
    expect(fullReads).not.toHaveBeenCalled();
    for (const record of records) {
      expect(record).toEqual(await backend.getInstance(record.instanceId, true));
      expect(record.completedAt).toBe(record.lastUpdatedAt);
    }
    return records;
  }

  const json = (text: string | undefined): unknown => (text === undefined ? undefined : JSON.parse(text));

  it('answers a completion, with output, input, custom status and times', async () => {
    const id = await runtime.client.scheduleNewWorkflow('ends', { n: 1 });
    const [record] = await waitThrough([id], () => runtime.client.raiseEvent(id, 'go', 10));
    expect(record.status).toBe(WorkflowStatus.COMPLETED);
    expect(json(record.output)).toEqual({ n: 12 });
    expect(json(record.input)).toEqual({ n: 1 });
    expect(json(record.customStatus)).toEqual({ phase: 'done', n: 12 });
    expect((await runtime.client.waitForWorkflowCompletion(id)).output).toEqual({ n: 12 });
  });

  it('answers a failure, with its details', async () => {
    const id = await runtime.client.scheduleNewWorkflow('ends', { n: 1, fail: true });
    const [record] = await waitThrough([id], () => runtime.client.raiseEvent(id, 'go', 0));
    expect(record.status).toBe(WorkflowStatus.FAILED);
    expect(record.failureDetails?.message).toContain('failed at 2');
  });

  it('answers a termination (recorded without running workflow code)', async () => {
    const id = await runtime.client.scheduleNewWorkflow('ends', { n: 1 });
    await runtime.client.waitForWorkflowStart(id);
    const [record] = await waitThrough([id], () => runtime.client.terminateWorkflow(id, { output: 'stop' }));
    expect(record.status).toBe(WorkflowStatus.TERMINATED);
    expect(json(record.output)).toBe('stop');
    expect(json(record.customStatus)).toEqual({ phase: 'waiting' });
  });

  it('answers a child, with its parent, and an instance that started later than it was created', async () => {
    const parent = await runtime.client.scheduleNewWorkflow('parent', 5, {
      startAt: new Date(Date.now() + 20),
    });
    const child = `${parent}-child`;
    // The parent's first step, which starts the child, commits with its start.
    await runtime.client.waitForWorkflowStart(parent, { timeoutMs: 20_000 });
    const [childRecord, parentRecord] = await waitThrough([child, parent], () =>
      runtime.client.raiseEvent(child, 'go', 1),
    );
    expect(childRecord.parentInstanceId).toBe(parent);
    expect(json(childRecord.output)).toEqual({ n: 7 });
    expect(json(parentRecord.output)).toEqual({ n: 7 });
    expect(parentRecord.scheduledStartAt).toBeDefined();
  });
});

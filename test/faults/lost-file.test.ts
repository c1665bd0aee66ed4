import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowContext } from 'weft-workflows';
import { SqliteBackend, StorageError, WorkflowClient, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import { RecordingLogger } from './support';

/**
 * The database file removed or replaced while the engine runs. Before: not noticed — SQLite in WAL mode
 * keeps committing into the unlinked file, workflows started afterwards "complete", and after a restart
 * on the same path all of them are gone. Now: the engine notices (inode check before each commit, on a
 * timer and after a failure), copies what it had committed out of the still-open connection, and refuses
 * all further work with a StorageError that names the copy; its health turns `failed`.
 */
describe('database file lost while running', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-lost-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function newRuntime(path: string, logger: RecordingLogger, gate?: Promise<void>): WorkflowRuntime {
    const runtime = new WorkflowRuntime({
      backend: new SqliteBackend({ path, logger, leaseMs: 300, pollIntervalMs: 50 }),
      logger,
      workflows: [],
      activities: [],
    });
    runtime.registerWorkflow(async function order(ctx: WorkflowContext, id: string) {
      return ctx.callActivity<string>('pack', id);
    });
    runtime.registerActivity(async function pack(_ctx, id: string) {
      if (id.startsWith('held')) await gate;
      return `packed ${id}`;
    });
    return runtime;
  }

  it('refuses work once the file is deleted, and puts everything acknowledged back at the path', async () => {
    const path = join(dir, 'weft.db');
    const logger = new RecordingLogger();
    let openGate: () => void = () => {};
    const gate = new Promise<void>((r) => (openGate = r));
    const runtime = newRuntime(path, logger, gate);
    await runtime.start();
    const client = runtime.client;
    for (const id of ['done-1', 'done-2']) await client.scheduleNewWorkflow('order', id, { instanceId: id });
    await client.waitForWorkflowCompletion('done-2');
    await client.scheduleNewWorkflow('order', 'held-1', { instanceId: 'held-1' });
    await client.waitForWorkflowStart('held-1');

    unlinkSync(path);
    const err = await client
      .scheduleNewWorkflow('order', 'late', { instanceId: 'late' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toMatch(/weft\.db' was removed while this process had it open/);
    expect((err as Error).message).toMatch(/copied back to '.*weft\.db'/);
    expect(runtime.health()).toMatchObject({ status: 'failed', cause: 'DATABASE_LOST' });
    // reads are refused too, rather than answered from a file that is gone
    await expect(client.getWorkflowState('done-1')).rejects.toBeInstanceOf(StorageError);
    openGate();
    await runtime.stop();

    // A restart on the same path finds everything that was acknowledged, and the held work resumes.
    const again = newRuntime(path, new RecordingLogger(), Promise.resolve());
    await again.start();
    try {
      expect((await again.client.getWorkflowState('done-1'))?.output).toBe('packed done-1');
      expect(await again.client.getWorkflowState('late')).toBeUndefined();
      const held = await again.client.waitForWorkflowCompletion('held-1', { timeoutMs: 20_000 });
      expect(held?.status).toBe(WorkflowStatus.COMPLETED);
      expect(again.health()).toEqual({ status: 'ok' });
    } finally {
      await again.stop();
    }
  });

  it('notices a replaced file on its timer, leaves the new file alone and keeps a copy of the old', async () => {
    const path = join(dir, 'weft.db');
    const logger = new RecordingLogger();
    const backend = new SqliteBackend({ path, logger, fileCheckIntervalMs: 20 });
    const client = new WorkflowClient({ backend });
    await client.scheduleNewWorkflow('order', 'x', { instanceId: 'kept-1' });

    const other = new SqliteBackend({ path: join(dir, 'other.db') });
    await other.open();
    await other.createInstance({ instanceId: 'theirs', name: 'wf' });
    await other.close();
    renameSync(join(dir, 'other.db'), path);

    await logger.next(/was replaced while this process had it open/);
    expect(backend.health()).toMatchObject({ status: 'failed', cause: 'DATABASE_LOST' });
    await expect(client.scheduleNewWorkflow('order', 'y')).rejects.toThrow(/was replaced/);
    await backend.close();

    const rescued = readdirSync(dir).filter((f) => f.startsWith('weft.db.rescued-'));
    expect(rescued).toHaveLength(1);
    const copy = new SqliteBackend({ path: join(dir, rescued[0]) });
    await copy.open();
    expect((await copy.getInstance('kept-1', false))?.status).toBe(WorkflowStatus.PENDING);
    await copy.close();
    const replacement = new SqliteBackend({ path });
    await replacement.open();
    expect(await replacement.getInstance('theirs', false)).toBeDefined();
    expect(await replacement.getInstance('kept-1', false)).toBeUndefined();
    await replacement.close();
    expect(existsSync(`${path}.rescue-${process.pid}`)).toBe(false);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowContext } from 'weft-workflows';
import { SqliteBackend, StorageError, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import { immutableFilesWork, RecordingLogger, setImmutable } from './support';

/**
 * A database the process cannot write. The suite runs as root, and root ignores permission bits, so
 * `chmod` proves nothing here; the immutable attribute (`chattr +i`) binds root as well: the kernel
 * refuses every write to the file (EPERM), which SQLite meets exactly as a read-only file or file
 * system — SQLITE_READONLY when opening, SQLITE_IOERR_WRITE for a connection already open.
 * Before: a read-only file started fine and every write then failed, the worker logging "could not
 * claim work" every 250 ms forever.
 */
const withChattr = immutableFilesWork ? describe : describe.skip;

withChattr('read-only database file', () => {
  let dir: string;
  let locked: string[] = [];
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-ro-'))));
  afterEach(() => {
    if (locked.length) setImmutable(false, ...locked);
    locked = [];
    rmSync(dir, { recursive: true, force: true });
  });

  it('start() fails fast with StorageError and writes nothing', async () => {
    const path = join(dir, 'weft.db');
    const first = new SqliteBackend({ path });
    await first.open();
    await first.createInstance({ instanceId: 'kept', name: 'wf' });
    await first.close();
    setImmutable(true, path);
    locked = [path];
    const before = readFileSync(path);

    const runtime = new WorkflowRuntime({
      backend: new SqliteBackend({ path }),
      workflows: [],
      activities: [],
    });
    const err = await runtime.start().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toMatch(
      /Cannot write the Weft database at '.*weft\.db' \(SQLITE_READONLY/,
    );
    expect(((err as StorageError).cause as { code?: string }).code).toBe('SQLITE_READONLY');
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('refuses writes while the file is read-only, backs off without spinning, and resumes when writable', async () => {
    const path = join(dir, 'weft.db');
    const logger = new RecordingLogger();
    const backend = new SqliteBackend({ path, logger, storageRetryMs: { initialMs: 5, maxMs: 40 } });
    const runtime = new WorkflowRuntime({ backend, logger, workflows: [], activities: [] });
    let openGate: () => void = () => {};
    const gate = new Promise<void>((r) => (openGate = r));
    let runs = 0;
    runtime.registerWorkflow(async function order(ctx: WorkflowContext, id: string) {
      return ctx.callActivity<string>('pack', id);
    });
    runtime.registerActivity(async function pack(_ctx, id: string) {
      runs += 1;
      await gate;
      return `packed ${id}`;
    });
    await runtime.start();
    try {
      const client = runtime.client;
      await client.scheduleNewWorkflow('order', 'a', { instanceId: 'a' });
      await client.waitForWorkflowStart('a');

      setImmutable(true, path, `${path}-wal`);
      locked = [path, `${path}-wal`];
      const err = await client
        .scheduleNewWorkflow('order', 'b', { instanceId: 'b' })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageError);
      expect(((err as StorageError).cause as { code?: string }).code).toMatch(/^SQLITE_(IOERR|READONLY)/);
      // Reads still work.
      expect((await client.getWorkflowState('a'))?.status).toBe(WorkflowStatus.RUNNING);

      openGate(); // the activity's outcome cannot be stored now
      await logger.next(/storage is failing/);
      expect(runtime.health().status).toBe('degraded');

      setImmutable(false, ...locked);
      locked = [];
      const done = await client.waitForWorkflowCompletion('a', { timeoutMs: 20_000 });
      expect(done?.output).toBe('packed a');
      expect(runs).toBe(1);
      // One warning on the way in, none per retry: no "could not claim work" loop.
      expect(logger.lines.filter((l) => /storage is failing/.test(l))).toHaveLength(1);
      expect(logger.lines.filter((l) => /could not claim/.test(l))).toHaveLength(0);
      await client.scheduleNewWorkflow('order', 'b', { instanceId: 'b' });
      expect((await client.waitForWorkflowCompletion('b', { timeoutMs: 20_000 }))?.output).toBe('packed b');
      expect(runtime.health()).toEqual({ status: 'ok' });
    } finally {
      if (locked.length) setImmutable(false, ...locked);
      locked = [];
      await runtime.stop();
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { WorkflowContext } from 'weft-workflows';
import { SqliteBackend, StorageError, WorkflowRuntime } from 'weft-workflows';
import { RecordingLogger } from './support';

/**
 * Another process holding the write lock longer than `busyTimeoutMs` (microsoft/durabletask-go#27:
 * "SQLITE_BUSY failures when persisting to disk"; there the worker logged the failure and added back-off).
 * Weft answers StorageError (cause SQLITE_BUSY), reports degraded, logs once instead of on every poll,
 * and resumes by itself once the lock is released.
 */
describe('database locked by another process', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-locked-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('backs off while another writer holds the lock and resumes after it lets go', async () => {
    const path = join(dir, 'weft.db');
    const logger = new RecordingLogger();
    const backend = new SqliteBackend({
      path,
      logger,
      busyTimeoutMs: 20,
      pollIntervalMs: 10,
      storageRetryMs: { initialMs: 5, maxMs: 40 },
    });
    const runtime = new WorkflowRuntime({ backend, logger, workflows: [], activities: [] });
    runtime.registerWorkflow(async function greet(ctx: WorkflowContext, name: string) {
      return ctx.callActivity<string>('hello', name);
    });
    runtime.registerActivity(async function hello(_ctx, name: string) {
      return `hello ${name}`;
    });
    await runtime.start();
    const other = new Database(path);
    try {
      other.exec('BEGIN IMMEDIATE');
      const err = await runtime.client.scheduleNewWorkflow('greet', 'x').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageError);
      expect(((err as StorageError).cause as { code?: string }).code).toBe('SQLITE_BUSY');
      // the worker's next poll meets the lock too
      await logger.next(/storage is failing/);
      expect(runtime.health()).toMatchObject({ status: 'degraded', cause: 'SQLITE_BUSY' });
      other.exec('ROLLBACK');

      const id = await runtime.client.scheduleNewWorkflow('greet', 'y');
      expect((await runtime.client.waitForWorkflowCompletion(id))?.output).toBe('hello y');
      await logger.next(/storage works again/);
      expect(logger.lines.filter((l) => /storage is failing/.test(l))).toHaveLength(1);
      expect(runtime.health()).toEqual({ status: 'ok' });
    } finally {
      if (other.inTransaction) other.exec('ROLLBACK');
      other.close();
      await runtime.stop();
    }
  });
});

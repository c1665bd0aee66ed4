import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  SqliteBackend,
  StorageError,
  WorkflowNotFoundError,
  WorkflowNotRunningError,
  WorkflowStatus,
} from 'weft-workflows';

/**
 * The engine's failures reach callers as Weft's coded errors carrying their facts as fields: a failure
 * inside SQLite during a group commit is a StorageError with the driver's error as `cause`, and it fails
 * only the operation that hit it, never the others committed in the same batch.
 */
describe('SQLite engine errors are coded and carry their fields', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-engine-errors-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('turns an SQLite failure inside a group commit into StorageError with cause, failing only that operation', async () => {
    const path = join(dir, 'weft.db');
    const backend = new SqliteBackend({ path });
    await backend.open();
    try {
      // Another connection makes one kind of insert fail inside SQLite itself.
      const other = new Database(path);
      other.exec(`CREATE TRIGGER refuse_doomed BEFORE INSERT ON instances WHEN NEW.instance_id LIKE 'doomed%'
                  BEGIN SELECT RAISE(ABORT, 'disk says no'); END`);
      other.close();
      const results = await Promise.allSettled([
        backend.createInstance({ instanceId: 'kept-1', name: 'wf' }),
        backend.createInstance({ instanceId: 'doomed-1', name: 'wf' }),
        backend.createInstance({ instanceId: 'kept-2', name: 'wf' }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const err = (results[1] as PromiseRejectedResult).reason as StorageError;
      expect(err).toBeInstanceOf(StorageError);
      expect(err.code).toBe('STORAGE');
      expect(err.message).toContain('disk says no');
      expect((err.cause as Error).constructor.name).toBe('SqliteError');
      // nothing was lost around it
      expect((await backend.getInstance('kept-1', false))?.status).toBe(WorkflowStatus.PENDING);
      expect((await backend.getInstance('kept-2', false))?.status).toBe(WorkflowStatus.PENDING);
      expect(await backend.getInstance('doomed-1', false)).toBeUndefined();
    } finally {
      await backend.close();
    }
  });

  it('names the missing instance in WorkflowNotFoundError.instanceId', async () => {
    const backend = new SqliteBackend({ path: join(dir, 'weft.db') });
    await backend.open();
    try {
      const err = await backend.raiseEvent('nobody', 'ping').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkflowNotFoundError);
      expect((err as WorkflowNotFoundError).instanceId).toBe('nobody');
      const waited = await backend.waitForInstance('nobody', 'completion', 1000).catch((e: unknown) => e);
      expect((waited as WorkflowNotFoundError).instanceId).toBe('nobody');
    } finally {
      await backend.close();
    }
  });

  it('names instance and status in WorkflowNotRunningError', async () => {
    const backend = new SqliteBackend({ path: join(dir, 'weft.db') });
    await backend.open();
    try {
      await backend.createInstance({ instanceId: 'done', name: 'wf' });
      const other = new Database(join(dir, 'weft.db'));
      other.prepare(`UPDATE instances SET status = 'COMPLETED' WHERE instance_id = 'done'`).run();
      other.close();
      const err = (await backend.suspend('done').catch((e: unknown) => e)) as WorkflowNotRunningError;
      expect(err).toBeInstanceOf(WorkflowNotRunningError);
      expect([err.instanceId, err.status]).toEqual(['done', 'COMPLETED']);
    } finally {
      await backend.close();
    }
  });
});

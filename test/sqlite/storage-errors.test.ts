import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteBackend, StorageError, WorkflowClient, WorkflowStatus } from 'weft-workflows';
import { SCHEMA_VERSION } from '../../src/backends/sqlite/schema';

describe('SqliteBackend refuses storage it cannot use, writing nothing', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-storage-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the directory and a versioned schema on first open', async () => {
    const path = join(dir, 'nested', 'deeper', 'weft.db');
    const backend = new SqliteBackend({ path });
    await backend.open();
    await backend.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('migrates a database from an older schema, keeping its data', async () => {
    const path = join(dir, 'old.db');
    const first = new SqliteBackend({ path });
    const client = new WorkflowClient({ backend: first });
    await client.scheduleNewWorkflow('wf', { kept: true }, { instanceId: 'old-1' });
    await first.close();
    // make it look like a version-1 file
    const db = new Database(path);
    db.exec('DROP INDEX instances_by_name');
    db.exec('ALTER TABLE instances DROP COLUMN version');
    db.exec('ALTER TABLE instances DROP COLUMN stalled_reason');
    db.exec('ALTER TABLE instances DROP COLUMN stall_retry_at');
    db.pragma('user_version = 1');
    db.close();

    const second = new SqliteBackend({ path });
    const reopened = new WorkflowClient({ backend: second });
    expect((await reopened.getWorkflowState('old-1'))?.input).toEqual({ kept: true });
    await second.close();
    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(
      check.prepare(`SELECT name FROM sqlite_master WHERE name = 'instances_by_name'`).get(),
    ).toBeDefined();
    check.close();
  });

  it('migrates a version-3 file (through every later migration) to the status index in listing order, and its pages keep working', async () => {
    const path = join(dir, 'v3.db');
    const first = new SqliteBackend({ path });
    const client = new WorkflowClient({ backend: first });
    for (const id of ['a', 'b', 'c']) await client.scheduleNewWorkflow('wf', 1, { instanceId: id });
    await first.close();
    const db = new Database(path);
    db.exec('DROP INDEX instances_by_status');
    db.exec('CREATE INDEX instances_by_status ON instances (status, created_at DESC)');
    db.pragma('user_version = 3');
    db.close();

    const second = new SqliteBackend({ path });
    const reopened = new WorkflowClient({ backend: second });
    const page = await reopened.listWorkflows({ status: WorkflowStatus.PENDING, pageSize: 2 });
    const rest = await reopened.listWorkflows({
      status: WorkflowStatus.PENDING,
      pageSize: 2,
      continuationToken: page.continuationToken,
    });
    expect([...page.items, ...rest.items].map((s) => s.instanceId).sort()).toEqual(['a', 'b', 'c']);
    await second.close();
    const check = new Database(path, { readonly: true });
    expect(check.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const columns = check.prepare(`PRAGMA index_info('instances_by_status')`).all() as { name: string }[];
    expect(columns.map((c) => c.name)).toEqual(['status', 'created_at', 'instance_id']);
    check.close();
  });

  it('reports an unwritable path clearly', async () => {
    const blocker = join(dir, 'a-file');
    writeFileSync(blocker, 'not a directory');
    const err = await new SqliteBackend({ path: join(blocker, 'weft.db') }).open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).code).toBe('STORAGE');
    expect((err as Error).message).toMatch(/Cannot open the Weft database at '.*a-file\/weft.db'/);
  });

  it('refuses a corrupt file and leaves its bytes as they were', async () => {
    const path = join(dir, 'corrupt.db');
    const garbage = Buffer.from(
      'this is definitely not an SQLite database file, just some text '.repeat(100),
    );
    writeFileSync(path, garbage);
    const err = await new SqliteBackend({ path }).open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toMatch(/corrupt or not SQLite/);
    expect(readFileSync(path).equals(garbage)).toBe(true);
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('refuses a file from a newer schema before writing anything', async () => {
    const path = join(dir, 'newer.db');
    const db = new Database(path);
    db.exec('CREATE TABLE instances (x)');
    db.pragma('user_version = 99');
    db.close();
    const before = readFileSync(path);
    const err = await new SqliteBackend({ path }).open().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toMatch(
      /schema version 99, written by a newer Weft; this version understands up to \d+\./,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it("refuses an SQLite file that isn't Weft's", async () => {
    const path = join(dir, 'other.db');
    const db = new Database(path);
    db.exec('CREATE TABLE customers (id INTEGER)');
    db.close();
    await expect(new SqliteBackend({ path }).open()).rejects.toThrow(
      /Weft did not create \(it has tables customers\)/,
    );
  });

  it('tells a client used before open what to do', async () => {
    const backend = new SqliteBackend({ path: join(dir, 'x.db') });
    await expect(backend.getInstance('a', true)).rejects.toThrow(/not open/);
    // a client opens its backend itself
    const client = new WorkflowClient({ backend });
    expect(await client.getWorkflowState('a')).toBeUndefined();
    await backend.close();
  });
});

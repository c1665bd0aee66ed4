import type Database from 'better-sqlite3';
import { StorageError } from '../../errors';

/**
 * The schema, as numbered migrations. `PRAGMA user_version` holds the number applied; a file with a
 * higher number than this code knows is refused before anything is written.
 */
const MIGRATIONS: readonly (string | ((db: Database.Database) => void))[] = [
  `
  CREATE TABLE instances (
    instance_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_updated_at INTEGER NOT NULL,
    completed_at INTEGER,
    scheduled_start_at INTEGER,
    input TEXT,
    output TEXT,
    custom_status TEXT,
    failure_details TEXT,
    parent_instance_id TEXT,
    parent_task_id INTEGER,
    history_length INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_expires_at INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX instances_by_created ON instances (created_at DESC, instance_id DESC);
  CREATE INDEX instances_by_status ON instances (status, created_at DESC);
  CREATE INDEX instances_by_parent ON instances (parent_instance_id) WHERE parent_instance_id IS NOT NULL;
  CREATE INDEX instances_by_lease_owner ON instances (lease_owner) WHERE lease_owner IS NOT NULL;

  CREATE TABLE history (
    instance_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    event TEXT NOT NULL,
    PRIMARY KEY (instance_id, seq)
  ) WITHOUT ROWID;

  CREATE TABLE inbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id TEXT NOT NULL,
    type TEXT NOT NULL,
    event TEXT NOT NULL,
    visible_at INTEGER NOT NULL
  );
  CREATE INDEX inbox_by_instance ON inbox (instance_id, id);
  CREATE INDEX inbox_by_visible ON inbox (visible_at);

  CREATE TABLE activities (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    instance_id TEXT NOT NULL,
    task_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    input TEXT,
    attempt INTEGER NOT NULL,
    task_execution_id TEXT,
    created_at INTEGER NOT NULL,
    lease_owner TEXT,
    lease_expires_at INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX activities_by_lease ON activities (lease_expires_at);
  CREATE INDEX activities_by_instance ON activities (instance_id);
  CREATE INDEX activities_by_lease_owner ON activities (lease_owner) WHERE lease_owner IS NOT NULL;
  `,
  // 2: listing by workflow name, newest first; leases are renewed by key, so no index on the owner
  `
  CREATE INDEX instances_by_name ON instances (name, created_at DESC, instance_id DESC);
  DROP INDEX IF EXISTS instances_by_lease_owner;
  DROP INDEX IF EXISTS activities_by_lease_owner;
  `,
  // 3: versioned workflows and STALLED instances
  `
  ALTER TABLE instances ADD COLUMN version TEXT;
  ALTER TABLE instances ADD COLUMN stalled_reason TEXT;
  ALTER TABLE instances ADD COLUMN stall_retry_at INTEGER;
  `,
  // 4: retention sweeps read finished instances by status and completion time, oldest first
  `
  CREATE INDEX IF NOT EXISTS instances_by_finished ON instances (status, completed_at, instance_id) WHERE completed_at IS NOT NULL;
  `,
  // 5: each instance's history size in bytes, for the maxHistoryBytes check; existing histories are
  // measured. (Kept by triggers until 8.)
  (db) => {
    const columns = db.prepare(`PRAGMA table_info(instances)`).all() as { name: string }[];
    if (!columns.some((c) => c.name === 'history_bytes')) {
      db.exec(`ALTER TABLE instances ADD COLUMN history_bytes INTEGER NOT NULL DEFAULT 0`);
    }
    db.exec(`
    UPDATE instances SET history_bytes = (SELECT COALESCE(SUM(length(CAST(h.event AS BLOB))), 0)
                                            FROM history h WHERE h.instance_id = instances.instance_id);
    CREATE TRIGGER IF NOT EXISTS history_bytes_added AFTER INSERT ON history BEGIN
      UPDATE instances SET history_bytes = history_bytes + length(CAST(NEW.event AS BLOB))
       WHERE instance_id = NEW.instance_id;
    END;
    CREATE TRIGGER IF NOT EXISTS history_bytes_removed AFTER DELETE ON history BEGIN
      UPDATE instances SET history_bytes = history_bytes - length(CAST(OLD.event AS BLOB))
       WHERE instance_id = OLD.instance_id;
    END;`);
  },
  // Flat as it grows (6). A status-filtered page (and a purge window) reads one range of this index per
  // status, already in listing order (the old index lacked the id tie-break, so pages sorted every row).
  `
  DROP INDEX IF EXISTS instances_by_status;
  CREATE INDEX instances_by_status ON instances (status, created_at DESC, instance_id DESC);
  `,
  // 7: the external events an unfinished instance waits for (JSON array of names), as its last step left it
  (db) => {
    const columns = db.prepare(`PRAGMA table_info(instances)`).all() as { name: string }[];
    if (!columns.some((c) => c.name === 'waiting_for_events')) {
      db.exec(`ALTER TABLE instances ADD COLUMN waiting_for_events TEXT`);
    }
  },
  // 8: history_bytes is kept by the statements that write history (the step's own UPDATE of the instance
  // adds what it appended), not by triggers: a trigger ran one more UPDATE of the instance per event.
  `
  DROP TRIGGER IF EXISTS history_bytes_added;
  DROP TRIGGER IF EXISTS history_bytes_removed;
  `,
  // 9: history keyed by its instance's creation time first, so that the histories being written (those of
  // recent instances) share the last pages of the tree instead of each dirtying (and splitting) a page at
  // a random place. Readers find the creation time in the instance's row.
  (db) => {
    const columns = db.prepare(`PRAGMA table_info(history)`).all() as { name: string }[];
    if (columns.some((c) => c.name === 'instance_created_at')) return;
    db.exec(`
    CREATE TABLE history_by_creation (
      instance_created_at INTEGER NOT NULL,
      instance_id TEXT NOT NULL,
      seq INTEGER NOT NULL,
      event TEXT NOT NULL,
      PRIMARY KEY (instance_created_at, instance_id, seq)
    ) WITHOUT ROWID;
    INSERT INTO history_by_creation (instance_created_at, instance_id, seq, event)
      SELECT i.created_at, h.instance_id, h.seq, h.event FROM history h JOIN instances i USING (instance_id);
    DROP TABLE history;
    ALTER TABLE history_by_creation RENAME TO history;`);
  },
  // 10: each instance's waiting external events with their sizes, so a raise counts them (maxPendingEvents,
  // maxPendingEventBytes) from this index alone, without reading a message. Only EventRaised rows are in
  // it: other messages cost nothing more to write or delete.
  `
  CREATE INDEX IF NOT EXISTS inbox_events_by_instance ON inbox (instance_id, length(CAST(event AS BLOB)))
   WHERE type = 'EventRaised';
  `,
  // 11: inbox and activity ids without AUTOINCREMENT: a commit that adds a message or an activity no longer
  // rewrites the sqlite_sequence page (about 0.75 of a commit's 10 WAL frames). A new row still gets an id
  // above every row in the table, so a table's order is kept; an id may now be used again once its row is
  // gone, which is harmless: a message is consumed only with its instance (under the instance's lease and
  // history-length checks), an activity is finished or given back only with its instance, task id,
  // attempt and execution id (see `finishActivity`). The rows keep their ids.
  `
  CREATE TABLE inbox_v11 (
    id INTEGER PRIMARY KEY,
    instance_id TEXT NOT NULL,
    type TEXT NOT NULL,
    event TEXT NOT NULL,
    visible_at INTEGER NOT NULL
  );
  INSERT INTO inbox_v11 (id, instance_id, type, event, visible_at)
    SELECT id, instance_id, type, event, visible_at FROM inbox;
  DROP TABLE inbox;
  ALTER TABLE inbox_v11 RENAME TO inbox;
  CREATE INDEX inbox_by_instance ON inbox (instance_id, id);
  CREATE INDEX inbox_by_visible ON inbox (visible_at);
  CREATE INDEX inbox_events_by_instance ON inbox (instance_id, length(CAST(event AS BLOB)))
   WHERE type = 'EventRaised';

  CREATE TABLE activities_v11 (
    id INTEGER PRIMARY KEY,
    instance_id TEXT NOT NULL,
    task_id INTEGER NOT NULL,
    name TEXT NOT NULL,
    input TEXT,
    attempt INTEGER NOT NULL,
    task_execution_id TEXT,
    created_at INTEGER NOT NULL,
    lease_owner TEXT,
    lease_expires_at INTEGER NOT NULL DEFAULT 0
  );
  INSERT INTO activities_v11 (id, instance_id, task_id, name, input, attempt, task_execution_id, created_at,
                              lease_owner, lease_expires_at)
    SELECT id, instance_id, task_id, name, input, attempt, task_execution_id, created_at, lease_owner,
           lease_expires_at FROM activities;
  DROP TABLE activities;
  ALTER TABLE activities_v11 RENAME TO activities;
  CREATE INDEX activities_by_lease ON activities (lease_expires_at);
  CREATE INDEX activities_by_instance ON activities (instance_id);
  `,
];

/** The schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Checks the file's schema version and reads it, before anything is written.
 *
 * @throws {@link StorageError} for a file that is not SQLite, not Weft's, or from a newer Weft
 */
export function checkSchema(db: Database.Database, path: string): number {
  let version: number;
  let tables: string[];
  try {
    version = db.pragma('user_version', { simple: true }) as number;
    tables = (
      db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]
    ).map((r) => r.name);
  } catch (err) {
    throw new StorageError(
      `Cannot read '${path}' as a Weft database: ${(err as Error).message}. The file is corrupt or not SQLite; ` +
        `move it away or point Weft at another path.`,
      { cause: err },
    );
  }
  if (version > SCHEMA_VERSION) {
    throw new StorageError(
      `'${path}' has schema version ${version}, written by a newer Weft; this version understands up to ` +
        `${SCHEMA_VERSION}. Upgrade Weft or use another database file.`,
    );
  }
  if (version === 0 && tables.some((t) => t !== 'sqlite_sequence')) {
    throw new StorageError(
      `'${path}' is an SQLite database that Weft did not create (it has tables ${tables.join(', ')}). ` +
        `Use a separate file for Weft.`,
    );
  }
  return version;
}

/** Applies the migrations after `from`, each in its own transaction. */
export function migrate(db: Database.Database, from: number): void {
  for (let v = from; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      const migration = MIGRATIONS[v];
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
      db.pragma(`user_version = ${v + 1}`);
    }).immediate();
  }
}

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type BetterSqlite3 from 'better-sqlite3';
import { StorageError } from '../../errors';
import { checkSchema, migrate } from './schema';
import { sqliteCode } from './storage-health';

/** How {@link openDatabaseFile} sets the connection up. */
export interface DatabaseFileOptions {
  /** How long to wait for another process's write lock (ms). */
  busyTimeoutMs: number;
  /**
   * True when commits are flushed by `WalSync` and the WAL checkpointed by the `Checkpointer` (the connection
   * then runs at `synchronous=NORMAL` with SQLite's own checkpoints off); false when SQLite does both.
   */
  offload: boolean;
  /** SQLite's `synchronous` setting when not offloaded. */
  synchronous: 'FULL' | 'NORMAL';
}

/**
 * Opens the engine's database file (creating it and its directory when needed): WAL mode, the durability
 * settings, a 32 MB page cache, the schema checked and migrated, and a probe write, so that a file SQLite
 * opened read-only (permissions, a read-only file system) or a full disk fails here, at start, and not on the
 * first write. Nothing is written when it throws.
 *
 * @param path - the resolved file path, or `':memory:'`
 * @returns the open connection
 * @throws {@link StorageError} for an unwritable path or file, a corrupt file or a newer schema
 */
export function openDatabaseFile(path: string, options: DatabaseFileOptions): BetterSqlite3.Database {
  // Loaded here so that an application on another backend never loads the native module.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Database = require('better-sqlite3') as typeof BetterSqlite3;
  let db: BetterSqlite3.Database;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path, { timeout: options.busyTimeoutMs });
  } catch (err) {
    throw new StorageError(
      `Cannot open the Weft database at '${path}': ${(err as Error).message}. Check that the directory is writable.`,
      { cause: err },
    );
  }
  try {
    const version = checkSchema(db, path);
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    // Offloaded, COMMIT only writes the WAL; WalSync flushes it and the Checkpointer checkpoints it.
    db.pragma(`synchronous = ${options.offload ? 'NORMAL' : options.synchronous}`);
    if (options.offload) {
      db.pragma('wal_autocheckpoint = 0');
      // Once started over, the WAL file is cut back to 64 MiB (its length is otherwise its high-water mark).
      db.pragma('journal_size_limit = 67108864');
    }
    // A 32 MB page cache (SQLite's default is 2 MB): the index pages a step touches stay in memory as
    // finished instances pile up (bench:scale). Memory, not durability.
    db.pragma('cache_size = -32000');
    migrate(db, version);
    probeWrite(db);
  } catch (err) {
    db.close();
    if (err instanceof StorageError) throw err;
    const code = sqliteCode(err);
    throw new StorageError(
      `Cannot ${code ? 'write' : 'prepare'} the Weft database at '${path}'${code ? ` (${code})` : ''}: ` +
        `${(err as Error).message}.${code ? ' Check that the file and its directory are writable, the file system is not read-only and the disk has space.' : ''}`,
      { cause: err },
    );
  }
  return db;
}

/**
 * Writes the header's user version back unchanged: a file SQLite opened read-only (permissions, a
 * read-only file system, an immutable file) or a full disk fails here, at start, instead of on the first
 * write.
 */
function probeWrite(db: BetterSqlite3.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  db.pragma(`user_version = ${version}`);
}

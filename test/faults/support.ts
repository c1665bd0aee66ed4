import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Logger, SqliteBackend } from 'weft-workflows';

/**
 * The engine's own connection, to set the per-connection pragma that simulates a full disk
 * (`max_page_count`). Test only: no public API hands out the connection.
 */
export function engineConnection(backend: SqliteBackend): Database.Database {
  return (backend as unknown as { db: Database.Database }).db;
}

/** Makes the database "full": no page may be added beyond those it has (SQLite answers SQLITE_FULL). */
export function fillDisk(backend: SqliteBackend): void {
  const db = engineConnection(backend);
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
}

/** Gives the database room again. */
export function freeDisk(backend: SqliteBackend): void {
  engineConnection(backend).pragma('max_page_count = 1073741823');
}

/**
 * Whether `chattr +i` works here. The tests run as root, which ignores permission bits (chmod); the
 * immutable attribute binds root too: the kernel refuses writes to the file (EPERM) as on a read-only
 * file system. Needs ext4/xfs/btrfs and CAP_LINUX_IMMUTABLE.
 */
export const immutableFilesWork: boolean = (() => {
  const dir = mkdtempSync(join(tmpdir(), 'weft-chattr-'));
  try {
    const file = join(dir, 'probe');
    writeFileSync(file, 'x');
    execFileSync('chattr', ['+i', file], { stdio: 'ignore' });
    execFileSync('chattr', ['-i', file], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
})();

/** Sets (`true`) or clears the immutable attribute of the files. */
export function setImmutable(on: boolean, ...files: string[]): void {
  execFileSync('chattr', [on ? '+i' : '-i', ...files]);
}

/** A logger that records messages and resolves waits for a matching one (an event, not a pause). */
export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  private waits: { pattern: RegExp; resolve: () => void }[] = [];

  debug(): void {}
  info(...args: unknown[]): void {
    this.record(args);
  }
  warn(...args: unknown[]): void {
    this.record(args);
  }
  error(...args: unknown[]): void {
    this.record(args);
  }

  /** Resolves once a message matching `pattern` was (or is) logged. */
  next(pattern: RegExp): Promise<void> {
    if (this.lines.some((l) => pattern.test(l))) return Promise.resolve();
    return new Promise((resolve) => this.waits.push({ pattern, resolve }));
  }

  private record(args: unknown[]): void {
    const line = args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
    this.lines.push(line);
    this.waits = this.waits.filter((w) => (w.pattern.test(line) ? (w.resolve(), false) : true));
  }
}

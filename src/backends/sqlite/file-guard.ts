import { existsSync, renameSync, statSync } from 'node:fs';
import type BetterSqlite3 from 'better-sqlite3';
import type { Logger } from '../../core';
import { StorageError } from '../../errors';
import type { StorageHealth } from './storage-health';

/** The stable cause the engine's health reports once its database file is lost. */
export const DATABASE_LOST = 'DATABASE_LOST';

/**
 * Watches that the database file the engine writes is still the one at its path: same device and inode
 * as when it was opened. SQLite itself does not notice when the file is deleted or replaced under an open
 * connection (in WAL mode it keeps committing into the unlinked file, and the next process on the path
 * starts empty). Checked before every group commit, on a timer, and after a failed batch.
 *
 * Once the file is gone or replaced the guard rescues what the connection can still read — a copy made
 * with `VACUUM INTO`, put back at the path when nothing else is there (else next to it as
 * `<path>.rescued-<time>`) — closes the connection and refuses all further work with a
 * {@link StorageError} naming the copy. The engine's health turns `failed` (cause `DATABASE_LOST`).
 */
export class FileGuard {
  private readonly dev: number;
  private readonly ino: number;
  private lostError: StorageError | undefined;
  private readonly timer: NodeJS.Timeout;

  /**
   * @param path - the database file (absolute)
   * @param db - the open connection on it
   * @param health - told when the file is lost
   * @param logger - where the loss is reported
   * @param intervalMs - how often the file is checked while idle (ms)
   */
  constructor(
    private readonly path: string,
    private readonly db: BetterSqlite3.Database,
    private readonly health: StorageHealth,
    private readonly logger: Logger,
    intervalMs: number,
  ) {
    const st = statSync(path);
    this.dev = st.dev;
    this.ino = st.ino;
    this.timer = setInterval(() => this.check(), intervalMs);
    this.timer.unref();
  }

  /** The refusal once the file was lost; undefined while it is in place. */
  get error(): StorageError | undefined {
    return this.lostError;
  }

  /**
   * Looks at the file now.
   *
   * @returns the {@link StorageError} to refuse work with once the file is lost; undefined while it is in place
   */
  check(): StorageError | undefined {
    if (this.lostError) return this.lostError;
    let how: 'removed' | 'replaced' | undefined;
    try {
      const st = statSync(this.path);
      if (st.ino !== this.ino || st.dev !== this.dev) how = 'replaced';
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') how = 'removed';
    }
    if (how) this.lose(how);
    return this.lostError;
  }

  /** Stops the timer. */
  stop(): void {
    clearInterval(this.timer);
  }

  private lose(how: 'removed' | 'replaced'): void {
    this.stop();
    const kept = this.rescue(how);
    const message =
      `The Weft database file '${this.path}' was ${how} while this process had it open. Weft stopped ` +
      `accepting work rather than commit into a file no one will read again. ${kept} Find what removed ` +
      `it, then restart; never delete or move the file (or its -wal/-shm) while a process has it open.`;
    this.lostError = new StorageError(message, {
      cause: Object.assign(new Error(how), { code: DATABASE_LOST }),
    });
    this.health.lost(message, DATABASE_LOST);
    this.logger.error(message);
  }

  /** Copies what the connection still sees, closes it, and puts the copy in place; describes the outcome. */
  private rescue(how: 'removed' | 'replaced'): string {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const temporary = `${this.path}.rescue-${process.pid}`;
    try {
      this.db.prepare('VACUUM INTO ?').run(temporary);
    } catch (err) {
      this.closeQuietly();
      return `Copying what it had committed failed (${(err as Error).message}): work acknowledged since the file was opened may be lost.`;
    }
    // Closing first lets SQLite remove the old connection's -wal/-shm, which must not be read with the copy.
    this.closeQuietly();
    const target = how === 'removed' && !existsSync(this.path) ? this.path : `${this.path}.rescued-${stamp}`;
    try {
      renameSync(temporary, target);
    } catch (err) {
      return `Everything it had committed was copied to '${temporary}' (moving it to '${target}' failed: ${(err as Error).message}).`;
    }
    return target === this.path
      ? `Everything it had committed was copied back to '${target}'.`
      : `Everything it had committed was copied to '${target}'.`;
  }

  private closeQuietly(): void {
    try {
      // Move the WAL's frames into the old file and empty the WAL: the -wal at the path must not be
      // replayed into whatever file is (or will be) there.
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // nothing more can be done for it
    }
    try {
      this.db.close();
    } catch {
      // already closed
    }
  }
}

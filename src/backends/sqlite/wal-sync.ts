import { closeSync, fdatasync, fstatSync, openSync, statSync } from 'node:fs';
import { StorageError } from '../../errors';

/** Flushes a file's data to disk and calls back (Node's `fs.fdatasync` signature); replaceable in tests. */
export type SyncFile = (fd: number, callback: (err: NodeJS.ErrnoException | null) => void) => void;

/** The stable cause the engine's health reports once flushing the WAL to disk failed. */
export const WAL_SYNC_FAILED = 'WAL_SYNC_FAILED';

/**
 * Makes commits durable off the event loop. The connection runs with `synchronous=NORMAL` in WAL mode,
 * so COMMIT writes the transaction's frames to the `-wal` file without waiting for the disk; this part
 * then flushes that file (`fdatasync`, on libuv's thread pool) and tells who waits for a commit once the
 * flush that started after it has finished. That is the same guarantee as SQLite's `synchronous=FULL`
 * in WAL mode (which syncs the WAL at every commit), with the wait moved off the thread that runs
 * workflow and activity code.
 *
 * Flushes are grouped: while one runs, later commits wait for the next, which covers all of them (the
 * group commit of the disk, on top of the commit queue's group commit of operations). Commits are
 * numbered in order; the WAL is append-only between checkpoints, so a flush covers every commit written
 * before it started.
 *
 * A failed flush leaves the disk's content unknown (as PostgreSQL's "fsync failure" stance: never retry
 * a failed fsync and trust it). Every waiting and later commit is refused with a {@link StorageError},
 * and the engine stops taking work until restarted; recovery then reads what the WAL really holds.
 */
export class WalSync {
  private fd: number | undefined;
  private ino = -1;
  /** Number of the last commit written to the WAL. */
  private written = 0;
  /** Number of the last commit known to be on disk. */
  private durable = 0;
  private flushing = false;
  private failure: StorageError | undefined;
  private waiters: { upTo: number; resolve: () => void; reject: (err: unknown) => void }[] = [];
  /** Flushes finished so far (for diagnostics and benchmarks). */
  flushes = 0;
  /** Told once when a flush fails (the engine turns `failed`). */
  onFailure: ((err: StorageError) => void) | undefined;

  /**
   * @param walPath - the database's `-wal` file (it exists once the database is in WAL mode and written)
   * @param sync - how a file is flushed; default `fs.fdatasync`
   */
  constructor(
    private readonly walPath: string,
    private readonly sync: SyncFile = fdatasync,
  ) {}

  /** The refusal once a flush failed; undefined while flushing works. */
  get error(): StorageError | undefined {
    return this.failure;
  }

  /** True while some written commit is not yet known to be on disk. */
  get pending(): boolean {
    return this.durable < this.written;
  }

  /**
   * Notes that a transaction just committed into the WAL and starts a flush if none is running.
   *
   * @returns the commit's number, for {@link whenDurable}
   */
  committed(): number {
    this.written += 1;
    if (!this.flushing) this.flush();
    return this.written;
  }

  /**
   * Resolves once commit `upTo` (and every one before it) is on disk.
   *
   * @throws {@link StorageError} (rejects) when the flush covering it failed
   */
  whenDurable(upTo: number): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    if (upTo <= this.durable) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ upTo, resolve, reject }));
  }

  /**
   * Resolves once everything committed so far is on disk: a read taken now may be shown to a caller then.
   * Undefined when nothing is waiting for the disk (the read may be shown at once).
   */
  barrier(): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    return this.pending ? this.whenDurable(this.written) : undefined;
  }

  /** Closes the file handle (after the connection wrote its last commit and it was flushed). */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private flush(): void {
    const upTo = this.written;
    let fd: number;
    try {
      fd = this.handle();
    } catch (err) {
      return this.fail(err);
    }
    this.flushing = true;
    this.sync(fd, (err) => {
      this.flushing = false;
      if (err) return this.fail(err);
      this.flushes += 1;
      this.durable = upTo;
      const ready = this.waiters.filter((w) => w.upTo <= upTo);
      if (ready.length > 0) this.waiters = this.waiters.filter((w) => w.upTo > upTo);
      for (const w of ready) w.resolve();
      if (this.written > this.durable) this.flush();
    });
  }

  /**
   * The open `-wal` file. Reopened when the path no longer names the file held (SQLite recreates the WAL
   * only when the last connection closes, so this is a guard, not an expected path).
   */
  private handle(): number {
    if (this.fd !== undefined) {
      if (statSync(this.walPath).ino === this.ino) return this.fd;
      closeSync(this.fd);
      this.fd = undefined;
    }
    const fd = openSync(this.walPath, 'r');
    this.ino = fstatSync(fd).ino;
    this.fd = fd;
    return fd;
  }

  private fail(err: unknown): void {
    this.flushing = false;
    if (!this.failure) {
      const code = (err as NodeJS.ErrnoException | null)?.code;
      this.failure = new StorageError(
        `Flushing the Weft database's write-ahead log '${this.walPath}' to disk failed` +
          `${code ? ` (${code})` : ''}: ${(err as Error).message}. Commits since the last good flush may ` +
          'not be on disk; Weft stopped accepting work. Check the disk, then restart.',
        {
          cause: Object.assign(err instanceof Error ? err : new Error(String(err)), {
            weftCause: WAL_SYNC_FAILED,
          }),
        },
      );
      this.onFailure?.(this.failure);
    }
    const waiting = this.waiters;
    this.waiters = [];
    for (const w of waiting) w.reject(this.failure);
  }
}

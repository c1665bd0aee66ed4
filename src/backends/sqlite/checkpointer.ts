import { Worker } from 'node:worker_threads';
import type { Logger } from '../../core';

/**
 * The checkpointer thread's code (plain CommonJS, run with `eval` so that it works the same from compiled
 * `dist/` and from sources under ts-jest). It opens its own connection on the database and runs a
 * PASSIVE checkpoint when asked: WAL frames are copied into the database file and both are synced there,
 * never on the thread that runs workflow code. PASSIVE never waits for the writer, nor makes it wait.
 */
const THREAD_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db;
try {
  // fileMustExist: a file removed under the engine is not recreated empty here (the file guard restores it).
  db = new Database(workerData.path, { timeout: workerData.busyTimeoutMs, fileMustExist: true });
  db.pragma('synchronous = NORMAL');
} catch (err) {
  parentPort.postMessage({ ok: false, message: String((err && err.message) || err) });
}
parentPort.on('message', (m) => {
  if (m === 'close') {
    try { if (db) db.close(); } catch {}
    parentPort.close();
    return;
  }
  if (!db) return parentPort.postMessage({ ok: false, message: 'the checkpointer has no connection' });
  try {
    // 'restart': RESTART holds other connections' writers (their busy handlers wait) until the whole WAL
    // is in the database file, so the next writer starts it over even while other processes write.
    const r = db.pragma(m === 'restart' ? 'wal_checkpoint(RESTART)' : 'wal_checkpoint(PASSIVE)')[0];
    parentPort.postMessage({ ok: true, log: r.log, checkpointed: r.checkpointed });
  } catch (err) {
    parentPort.postMessage({ ok: false, message: String((err && err.message) || err), code: err && err.code });
  }
});
`;

/** What one checkpoint did. */
interface CheckpointResult {
  ok: boolean;
  /** Frames in the WAL. */
  log?: number;
  /** Frames of it now in the database file. */
  checkpointed?: number;
  message?: string;
}

/** Options of {@link Checkpointer}. */
export interface CheckpointerOptions {
  /** Fewest commits between two checkpoints. Default 64. */
  everyCommits?: number;
  /** Longest time (ms) a committed frame waits for a checkpoint while commits go on. Default 250. */
  everyMs?: number;
  /**
   * WAL length (frames, 4 KiB pages) from which the writer pauses for a moment so that a checkpoint can
   * finish the whole WAL and SQLite can start it over from the beginning. Default 4096 (16 MiB).
   */
  restartFrames?: number;
}

/**
 * Checkpoints the WAL on a worker thread, in place of SQLite's automatic checkpoint (which runs inside
 * the COMMIT of whichever connection crosses 1,000 pages and syncs the database file on its thread).
 * Asked after commits; one checkpoint runs at a time.
 *
 * SQLite starts the WAL over only when a write transaction begins while every frame is checkpointed;
 * under steady load a commit always lands first, and the WAL would grow without end. So once the WAL is longer
 * than `restartFrames`, the commit queue is paused (`hold`) for one RESTART checkpoint, after which the next
 * commit starts the WAL over. RESTART also makes other processes' writers on the file wait (in their busy
 * handlers) while it runs; with PASSIVE their commits kept the WAL from ever being finished. The pause costs
 * waiting operations a few ms; this process's event loop is never blocked.
 */
export class Checkpointer {
  /** The thread, started at the first checkpoint (a process that only reads, like the CLI, never starts it). */
  private worker: Worker | undefined;
  private running = false;
  private commitsSince = 0;
  private lastAt = Date.now();
  private holdRelease: (() => void) | undefined;
  private closed = false;
  private timer: NodeJS.Timeout | undefined;
  private readonly everyCommits: number;
  private readonly everyMs: number;
  private readonly restartFrames: number;
  /** Checkpoints finished so far (diagnostics, benchmarks). */
  checkpoints = 0;
  /** Asks the commit queue to hold batches until the promise given resolves. */
  hold: ((until: Promise<void>) => void) | undefined;

  /**
   * @param path - the database file (absolute)
   * @param busyTimeoutMs - the connection's busy timeout (ms)
   * @param logger - where failed checkpoints are reported (they are retried at the next request)
   */
  constructor(
    private readonly path: string,
    private readonly busyTimeoutMs: number,
    private readonly logger: Logger,
    options: CheckpointerOptions = {},
  ) {
    this.everyCommits = options.everyCommits ?? 64;
    this.everyMs = options.everyMs ?? 250;
    this.restartFrames = options.restartFrames ?? 4096;
  }

  /**
   * @internal The checkpointer thread while one runs, for tests: ending it (`terminate()`) stands for a
   * thread that crashed.
   */
  get runningThread(): Worker | undefined {
    return this.worker;
  }

  private thread(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(THREAD_SOURCE, {
      eval: true,
      workerData: {
        path: this.path,
        busyTimeoutMs: this.busyTimeoutMs,
        driver: require.resolve('better-sqlite3'),
      },
    });
    worker.unref();
    worker.on('message', (r: CheckpointResult) => this.done(r));
    worker.on('error', (err) => this.logger.error(`Weft checkpointer thread failed: ${err.message}`));
    // A thread that ended on its own (an error in it) must not leave the writer held: the next request
    // starts a new one.
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.running = false;
      this.release();
    });
    this.worker = worker;
    return worker;
  }

  /** Notes a commit; starts a checkpoint when enough commits or time went by. */
  committed(): void {
    if (this.closed) return;
    this.commitsSince += 1;
    if (this.running) return;
    if (this.commitsSince >= this.everyCommits || Date.now() - this.lastAt >= this.everyMs) this.start();
    else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (!this.running && this.commitsSince > 0) this.start();
      }, this.everyMs);
      this.timer.unref();
    }
  }

  /**
   * Stops the thread (its connection closes; the last connection to close checkpoints the rest).
   * Resolves once it has exited.
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.release();
    const worker = this.worker;
    if (!worker) return;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    // Unreferenced, the thread would not keep the process alive until it has exited.
    worker.ref();
    worker.postMessage('close');
    await exited;
  }

  private start(mode: 'checkpoint' | 'restart' = 'checkpoint'): void {
    this.running = true;
    this.commitsSince = 0;
    this.thread().postMessage(mode);
  }

  private done(r: CheckpointResult): void {
    this.running = false;
    this.lastAt = Date.now();
    if (this.closed) return;
    if (!r.ok) {
      this.release();
      this.logger.warn({ reason: r.message }, 'Weft: WAL checkpoint failed; retried later');
      return;
    }
    this.checkpoints += 1;
    if (this.holdRelease) {
      // The checkpoint that ran with the writer paused: the WAL is done, the next commit restarts it.
      this.release();
      return;
    }
    // Even a checkpoint that finished every frame it saw rarely lets the WAL start over under load: a commit
    // lands before the writer's next transaction begins. Pausing the writer for one more checkpoint does.
    if ((r.log ?? 0) >= this.restartFrames && this.hold) {
      this.hold(new Promise<void>((resolve) => (this.holdRelease = resolve)));
      this.start('restart');
    }
  }

  private release(): void {
    const release = this.holdRelease;
    this.holdRelease = undefined;
    release?.();
  }
}

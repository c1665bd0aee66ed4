import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { Checkpointer } from '../../src/backends/sqlite/checkpointer';
import { CommitQueue } from '../../src/backends/sqlite/commit-queue';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The checkpointer's thread dying on its own (a crash, here: terminated from outside) must neither leave
 * the writer paused for good nor stop checkpoints: the commit queue goes on, and the next request starts a
 * new thread (the kind of hang WiredTiger fixed in WT-16915, where an error in a checkpoint worker thread
 * could leave the application waiting). Real parts: a WAL database file on disk, the engine's commit
 * queue and checkpointer wired as the SQLite backend wires them (without its WAL flusher, so a commit is
 * acknowledged at COMMIT).
 */
describe('checkpointer thread that exits on its own', () => {
  let dir: string;
  let db: Database.Database;
  let commits: CommitQueue;
  let checkpointer: Checkpointer;
  let rows = 0;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'weft-checkpointer-'));
    const path = join(dir, 'weft.db');
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (n INTEGER)');
    commits = new CommitQueue(db);
    // A checkpoint after every commit, and a WAL of one frame is already long: every checkpoint that finds
    // frames pauses the writer for a restart checkpoint.
    checkpointer = new Checkpointer(path, 5000, quiet, { everyCommits: 1, restartFrames: 1 });
    commits.onCommit = () => checkpointer.committed();
    checkpointer.hold = (until) => commits.hold(until);
    rows = 0;
  });

  afterEach(async () => {
    await checkpointer.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (): Promise<void> =>
    commits.enqueue(() => {
      db.prepare('INSERT INTO t (n) VALUES (?)').run((rows += 1));
    });

  /** Resolves with a thread's next answer, after the checkpointer has handled it. */
  const nextAnswer = (thread: Worker): Promise<void> =>
    new Promise((resolve) => thread.once('message', () => resolve()));

  it('releases the paused writer and starts a new thread at the next request', async () => {
    // Crash the thread the moment the writer is paused for a restart checkpoint: the request for that
    // checkpoint is posted to a thread that is going away, and no answer ever comes.
    const realHold = checkpointer.hold!;
    let crashed:
      | { thread: Worker; checkpointsAtHold: number; exitCode: Promise<number>; exitedBeforeAnswer?: boolean }
      | undefined;
    const order: string[] = [];
    let paused: () => void = () => {};
    const pausedNow = new Promise<void>((resolve) => (paused = resolve));
    checkpointer.hold = (until) => {
      realHold(until);
      if (crashed) return;
      const thread = checkpointer.runningThread!;
      const exitCode = new Promise<number>((resolve) =>
        thread.once('exit', (code) => {
          order.push('thread exited');
          crashed!.exitedBeforeAnswer = checkpointer.checkpoints === crashed!.checkpointsAtHold;
          resolve(code);
        }),
      );
      crashed = { thread, checkpointsAtHold: checkpointer.checkpoints, exitCode };
      void thread.terminate();
      paused();
    };

    await insert();
    await pausedNow;
    // The writer is paused now: a commit asked for waits until the dead thread's hold is released.
    const held = insert().then(() => order.push('held commit done'));
    await held;
    expect(order).toEqual(['thread exited', 'held commit done']);
    await crashed!.exitCode;
    // The exit, not an answer to the restart checkpoint, released the writer.
    expect(crashed!.exitedBeforeAnswer).toBe(true);

    // The commit that went through asked for a checkpoint: a new thread runs it.
    const replacement = checkpointer.runningThread;
    expect(replacement).toBeDefined();
    expect(replacement).not.toBe(crashed!.thread);
    await nextAnswer(replacement!);
    expect(checkpointer.checkpoints).toBeGreaterThan(crashed!.checkpointsAtHold);

    // Commits go on, through the pauses for restart checkpoints the new thread now answers.
    for (let i = 0; i < 5; i++) await insert();
    expect(db.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: rows });
    expect(rows).toBe(7);
  });

  it('starts a new thread after one that died during a checkpoint with the writer running', async () => {
    // Crash the thread right after the first checkpoint is asked of it (no pause yet: that comes with the
    // answer). Without the exit handler the checkpointer would think that checkpoint still runs, for good.
    const realOnCommit = commits.onCommit!;
    let crashedThread: Worker | undefined;
    let exited: Promise<number> | undefined;
    commits.onCommit = () => {
      realOnCommit();
      if (crashedThread) return;
      crashedThread = checkpointer.runningThread!;
      exited = new Promise<number>((resolve) => crashedThread!.once('exit', resolve));
      void crashedThread.terminate();
    };

    await insert();
    await exited;
    expect(checkpointer.checkpoints).toBe(0);
    expect(checkpointer.runningThread).toBeUndefined();

    await insert();
    const replacement = checkpointer.runningThread;
    expect(replacement).toBeDefined();
    expect(replacement).not.toBe(crashedThread);
    await nextAnswer(replacement!);
    expect(checkpointer.checkpoints).toBe(1);
    await insert();
    expect(db.prepare('SELECT count(*) AS c FROM t').get()).toEqual({ c: 3 });
  });
});

import 'reflect-metadata';
import { fdatasync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteBackend, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { ActivityContext, SyncFile, WorkflowContext } from 'weft-workflows';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A real `fdatasync` that counts the flushes asked for and lets a test wait for the next one. */
class CountingDisk {
  requests = 0;
  private next: (() => void)[] = [];
  readonly sync: SyncFile = (fd, callback) => {
    this.requests += 1;
    for (const fn of this.next.splice(0)) fn();
    fdatasync(fd, callback);
  };
  /** Resolves when the flush after the ones asked for so far is asked for. */
  nextRequest(): Promise<void> {
    return new Promise((resolve) => this.next.push(resolve));
  }
}

/**
 * A step that nobody waits for (the in-process worker's own, acknowledged at commit) does not start a flush
 * of its own: it is flushed with the next acknowledgement, or `maxUnflushedMs` later. Every answer to a
 * caller still waits for its flush (test/sqlite/off-loop-durability.test.ts holds the disk to show that).
 */
describe('WAL flushes are asked for by what waits for the disk', () => {
  let dir: string;
  let backend: SqliteBackend | undefined;
  let open: () => void = () => {};
  let entered: () => void = () => {};
  let gate: Promise<void>;
  let inGate: Promise<void>;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'weft-flush-'));
    gate = new Promise<void>((resolve) => (open = resolve));
    inGate = new Promise<void>((resolve) => (entered = resolve));
  });
  afterEach(async () => {
    open();
    await backend?.close();
    backend = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** A runtime whose workflow runs `step`, then `gated` (which waits for the test), then `step`. */
  async function start(disk: CountingDisk, maxUnflushedMs?: number): Promise<WorkflowRuntime> {
    backend = new SqliteBackend({
      path: join(dir, 'weft.db'),
      logger: quiet,
      syncFile: disk.sync,
      maxUnflushedMs,
    });
    const runtime = new WorkflowRuntime({ backend, workflows: [], activities: [], logger: quiet });
    runtime.registerActivity(async (_ctx: ActivityContext, n: number) => n + 1, 'step');
    runtime.registerActivity(async (_ctx: ActivityContext, n: number) => {
      entered();
      await gate;
      return n + 1;
    }, 'gated');
    runtime.registerWorkflow(async (ctx: WorkflowContext, n: number) => {
      const a = await ctx.callActivity<number>('step', n);
      const b = await ctx.callActivity<number>('gated', a);
      return ctx.callActivity<number>('step', b);
    }, 'three_steps');
    await runtime.start();
    // The worker's start queued a commit (stalled instances woken); a client operation queued now commits
    // with it and is acknowledged once it is on disk: no flush is due after that.
    await runtime.client.purgeWorkflow('nothing');
    return runtime;
  }

  it('flushes once for the start and once for the completion a caller waits for, not for each step', async () => {
    const disk = new CountingDisk();
    const runtime = await start(disk, 60_000);
    const opened = disk.requests;
    const id = await runtime.client.scheduleNewWorkflow('three_steps', 1);
    const afterStart = disk.requests;
    expect(afterStart).toBe(opened + 1);
    // The gated activity runs once the step that scheduled it committed (work is handed over at commit):
    // that step, which nobody waited for, asked for no flush.
    await inGate;
    expect(disk.requests).toBe(afterStart);
    const done = runtime.client.waitForWorkflowCompletion(id);
    open();
    const state = await done;
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toBe(4);
    expect(disk.requests).toBe(afterStart + 1);
    // Four commits (the eager start with its first step, then three fused steps), two flushes.
    expect(backend!.syncStats.flushes).toBe(afterStart + 1);
  });

  it('flushes the steps nobody waits for on its own, without anyone asking', async () => {
    const disk = new CountingDisk();
    const runtime = await start(disk);
    const flushed = disk.nextRequest();
    await runtime.client.scheduleNewWorkflow('three_steps', 1);
    await flushed;
    const late = disk.nextRequest();
    // The step that scheduled the gated activity committed; nothing waits for it, and no one is asked to.
    await inGate;
    await late;
    expect(backend!.syncStats.flushes).toBeGreaterThanOrEqual(1);
  });

  it('a read shown to a caller asks for the flush of the steps before it', async () => {
    const disk = new CountingDisk();
    const runtime = await start(disk, 60_000);
    const id = await runtime.client.scheduleNewWorkflow('three_steps', 1);
    await inGate;
    const before = disk.requests;
    const state = await runtime.client.getWorkflowState(id);
    expect(state?.status).toBe(WorkflowStatus.RUNNING);
    expect(disk.requests).toBe(before + 1);
  });
});

import { fdatasync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DaprSidecarBackend, SqliteBackend, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { ActivityContext, SyncFile, WorkflowContext } from 'weft-workflows';
import { startSidecarServer } from '../../src/backends/dapr';
import type { SidecarServer } from '../../src/backends/dapr';

jest.setTimeout(60_000);

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** A disk whose flushes the test can hold back: while held, each flush waits for `release` (then it is real). */
class HeldDisk {
  holding = false;
  private held: (() => void)[] = [];
  readonly sync: SyncFile = (fd, callback) => {
    if (!this.holding) return fdatasync(fd, callback);
    this.held.push(() => fdatasync(fd, callback));
  };
  release(): void {
    this.holding = false;
    for (const go of this.held.splice(0)) go();
  }
}

/** 'pending' unless `p` settled within the event-loop turns already queued. */
async function stateOf(p: Promise<unknown>): Promise<'pending' | 'settled'> {
  let settled = false;
  p.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setImmediate(resolve));
  return settled ? 'settled' : 'pending';
}

/**
 * `weft sidecar` hands work to remote workers as soon as the commit that made it due is written, not once that
 * commit is on disk: whatever the worker's result commits is ordered after it in the WAL, so nothing derived
 * from it can be on disk without it. Only answers to the outside (a caller's StartInstance) wait for the disk.
 * The same property as Azure/azure-functions-durable-extension#281 (a fan-out's activities did not start until
 * the whole checkpoint was written; fixed by starting them before it is committed).
 */
describe('weft sidecar: work is dispatched at commit, callers are answered once on disk', () => {
  let dir: string;
  let server: SidecarServer | undefined;
  const disk = new HeldDisk();
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-dispatch-disk-'));
    server = await startSidecarServer({
      backend: new SqliteBackend({ path: join(dir, 'sidecar.db'), logger: silent, syncFile: disk.sync }),
      port: 0,
      logger: silent,
    });
  });
  afterAll(async () => {
    disk.release();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs a fan-out's activities on the remote worker before its start is acknowledged", async () => {
    const runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ port: server?.port ?? 0, logger: silent }),
      workflows: [],
      activities: [],
      logger: silent,
    });
    const started: number[] = [];
    let allStarted!: () => void;
    const fourStarted = new Promise<void>((resolve) => (allStarted = resolve));
    runtime.registerActivity(async (_ctx: ActivityContext, n: number) => {
      started.push(n);
      if (started.length === 4) allStarted();
      return n * 10;
    }, 'fan_leaf');
    runtime.registerWorkflow(async (ctx: WorkflowContext) => {
      const parts = await ctx.whenAll([1, 2, 3, 4].map((n) => ctx.callActivity<number>('fan_leaf', n)));
      return parts.reduce((a, b) => a + b, 0);
    }, 'fan_out');
    await runtime.start();
    try {
      disk.holding = true;
      const scheduled = runtime.client.scheduleNewWorkflow('fan_out', undefined, { instanceId: 'fan-1' });
      // The first step and its four activities went to the worker while no flush has been let through.
      await fourStarted;
      expect(started.sort()).toEqual([1, 2, 3, 4]);
      expect(await stateOf(scheduled)).toBe('pending');
      disk.release();
      expect(await scheduled).toBe('fan-1');
      const state = await runtime.client.waitForWorkflowCompletion('fan-1', { timeoutMs: 30_000 });
      expect(state.status).toBe(WorkflowStatus.COMPLETED);
      expect(state.output).toBe(100);
    } finally {
      disk.release();
      await runtime.stop();
    }
  });
});

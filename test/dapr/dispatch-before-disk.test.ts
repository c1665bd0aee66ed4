import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DaprSidecarBackend, SqliteBackend, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';
import { startSidecarServer } from '../../src/backends/dapr';
import type { SidecarServer } from '../../src/backends/dapr';
import { HeldDisk, stateOf } from '../support/held-disk';

jest.setTimeout(60_000);

const silent = { debug() {}, info() {}, warn() {}, error() {} };

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
  const disk = new HeldDisk(false);
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

import 'reflect-metadata';
import { join } from 'node:path';
import { Activity, DaprSidecarBackend, Workflow, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';
import { startSidecarProcess, tempDir, until } from './support/sidecar-process';
import type { SidecarProcess } from './support/sidecar-process';

jest.setTimeout(60_000);

/** Lets the test hold step 2 in flight while it kills the sidecar. */
const gate = {
  calls: [] as number[],
  released: false,
  release: () => {},
  opened: new Promise<void>(() => {}),
};
gate.opened = new Promise<void>((resolve) => (gate.release = resolve));

@Activity({ name: 'restart_step' })
class RestartStep {
  async run(_ctx: ActivityContext, n: number): Promise<number> {
    gate.calls.push(n);
    if (n === 2) await gate.opened;
    return n * 10;
  }
}

@Workflow({ name: 'restart_wf' })
class RestartWf {
  async run(ctx: WorkflowContext): Promise<number[]> {
    const results: number[] = [];
    for (const n of [1, 2, 3]) results.push(await ctx.callActivity<number>(RestartStep, n));
    return results;
  }
}

describe('weft sidecar killed with SIGKILL mid-workflow', () => {
  const tmp = tempDir('weft-dapr-restart-');
  const db = join(tmp.dir, 'sidecar.db');
  let sidecar: SidecarProcess | undefined;

  afterAll(async () => {
    await sidecar?.stop();
    tmp.remove();
  });

  it('the worker reconnects to the restarted sidecar and the workflow completes', async () => {
    sidecar = await startSidecarProcess({ db, leaseMs: 500 });
    const port = sidecar.port;
    const warnings: string[] = [];
    const logger = {
      debug() {},
      info() {},
      warn: (m: string) => warnings.push(m),
      error: (m: string) => warnings.push(m),
    };
    const backend = new DaprSidecarBackend({
      port,
      reconnectBackoff: { initialDelayMs: 50, maxDelayMs: 500 },
      logger,
    });
    const runtime = new WorkflowRuntime({
      backend,
      workflows: [RestartWf],
      activities: [RestartStep],
      logger,
    });
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow(RestartWf, undefined, { instanceId: 'restart-1' });
      await until(() => gate.calls.includes(2));

      await sidecar.kill();
      sidecar = await startSidecarProcess({ db, port, leaseMs: 500 });
      gate.release();

      const done = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
      expect(done.status).toBe(WorkflowStatus.COMPLETED);
      expect(done.output).toEqual([10, 20, 30]);
      // Step 2's first result went to a dead sidecar; the restarted one handed it out again.
      expect(gate.calls.filter((n) => n === 2).length).toBeGreaterThanOrEqual(2);
      expect(warnings.some((w) => /reconnecting/.test(w))).toBe(true);
    } finally {
      await runtime.stop();
    }
  });
});

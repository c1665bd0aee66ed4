import 'reflect-metadata';
import { join } from 'node:path';
import {
  Activity,
  ActivityBase,
  DaprSidecarBackend,
  Workflow,
  WorkflowBase,
  WorkflowRuntime,
  WorkflowStatus,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';
import { startSidecarProcess, tempDir, until } from '../dapr/support/sidecar-process';
import type { SidecarProcess } from '../dapr/support/sidecar-process';

jest.setTimeout(60_000);
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

@Activity({ name: 'sc_step' })
class Step extends ActivityBase<string, string> {
  async run(_ctx: unknown, label: string): Promise<string> {
    return label;
  }
}

@Workflow({ name: 'sc_order', version: 'v1' })
class OrderV1 extends WorkflowBase<void, string[]> {
  async run(ctx: WorkflowContext): Promise<string[]> {
    const a = await ctx.callActivity<string>(Step, 'reserve');
    await ctx.waitForExternalEvent('go');
    const detached = await ctx.scheduleNewWorkflow('sc_order', undefined, {
      instanceId: `${ctx.instanceId}-next`,
    });
    return [ctx.version ?? '-', a, ctx.isPatched('late-patch') ? 'patched' : 'unpatched', detached];
  }
}

@Workflow({ name: 'sc_order', version: 'v2', latest: true })
class OrderV2 extends WorkflowBase<void, string[]> {
  async run(ctx: WorkflowContext): Promise<string[]> {
    await ctx.waitForExternalEvent('go');
    return [ctx.version ?? '-'];
  }
}

describe('versions, stalls and detached workflows over the sidecar (weft sidecar, real gRPC)', () => {
  const tmp = tempDir('weft-versions-sidecar-');
  let sidecar: SidecarProcess;
  let runtime: WorkflowRuntime | undefined;
  beforeAll(async () => {
    sidecar = await startSidecarProcess({ db: join(tmp.dir, 'sidecar.db') });
  });
  afterAll(async () => {
    await runtime?.stop();
    await sidecar?.stop();
    tmp.remove();
  });

  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  async function deploy(workflows: Function[]): Promise<WorkflowRuntime> {
    await runtime?.stop();
    runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ port: sidecar.port, logger: quiet }),
      workflows,
      activities: [Step],
      logger: quiet,
    });
    await runtime.start();
    return runtime;
  }

  it('records the version, stalls without it, continues when a worker with it connects', async () => {
    let rt = await deploy([OrderV1]);
    const id = await rt.client.scheduleNewWorkflow('sc_order', undefined, { instanceId: 'sc-1' });
    await until(async () => (await rt.client.getWorkflowHistory(id)).some((e) => e.type === 'TaskCompleted'));
    await until(
      async () =>
        (await rt.client.getWorkflowHistory(id)).filter((e) => e.type === 'WorkflowStarted').length >= 2,
    );
    const started = (await rt.client.getWorkflowHistory(id)).find((e) => e.type === 'WorkflowStarted');
    expect(started?.version).toEqual({ name: 'v1', patches: [] });

    rt = await deploy([OrderV2]);
    await rt.client.raiseEvent(id, 'go');
    await until(async () => (await rt.client.getWorkflowState(id))?.status === WorkflowStatus.STALLED);
    const stalledEvent = (await rt.client.getWorkflowHistory(id)).find((e) => e.type === 'ExecutionStalled');
    expect(stalledEvent?.reason).toBe('VERSION_NOT_AVAILABLE');
    // The state carries the version (the protocol's WorkflowState.version, as durabletask-go) and the stall's
    // reason (no wire field: the client reads the ExecutionStalled event), as the embedded engine answers.
    const stalled = await rt.client.getWorkflowState(id);
    expect(stalled).toMatchObject({
      status: 'STALLED',
      version: 'v1',
      stalledReason: 'VERSION_NOT_AVAILABLE',
    });
    const listed = await rt.client.listWorkflows({ status: [WorkflowStatus.STALLED] });
    expect(listed.items.map((s) => [s.instanceId, s.version, s.stalledReason])).toEqual([
      [id, 'v1', 'VERSION_NOT_AVAILABLE'],
    ]);

    rt = await deploy([OrderV1, OrderV2]);
    const done = await rt.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
    expect(done.status).toBe(WorkflowStatus.COMPLETED);
    expect(done.output).toEqual(['v1', 'reserve', 'patched', 'sc-1-next']);
    expect(done.version).toBe('v1');
    expect(done.stalledReason).toBeUndefined();
    const next = await rt.client.waitForWorkflowStart('sc-1-next', { timeoutMs: 30_000 });
    expect(next.parentInstanceId).toBeUndefined();
    const created = (await rt.client.getWorkflowHistory(id)).find(
      (e) => e.type === 'DetachedWorkflowInstanceCreated',
    );
    expect(created?.instanceId).toBe('sc-1-next');
  });
});

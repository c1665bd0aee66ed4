import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Activity,
  ActivityBase,
  NonDeterminismError,
  RegistrationError,
  SqliteBackend,
  Workflow,
  WorkflowBase,
  WorkflowRuntime,
  WorkflowStatus,
  replayWorkflowHistory,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

@Activity({ name: 'step' })
class Step extends ActivityBase<string, string> {
  async run(_ctx: unknown, label: string): Promise<string> {
    return label;
  }
}

// ---- two versions of 'order' ----
@Workflow({ name: 'order', version: 'v1' })
class OrderV1 extends WorkflowBase<void, string[]> {
  async run(ctx: WorkflowContext): Promise<string[]> {
    const a = await ctx.callActivity<string>(Step, 'reserve');
    await ctx.waitForExternalEvent('go');
    return [ctx.version ?? '-', a, await ctx.callActivity<string>(Step, 'charge')];
  }
}

@Workflow({ name: 'order', version: 'v2', latest: true })
class OrderV2 extends WorkflowBase<void, string[]> {
  async run(ctx: WorkflowContext): Promise<string[]> {
    const a = await ctx.callActivity<string>(Step, 'charge');
    await ctx.waitForExternalEvent('go');
    return [ctx.version ?? '-', a, await ctx.callActivity<string>(Step, 'reserve')];
  }
}

// ---- one workflow, before and after a patch ----
@Workflow({ name: 'shipping' })
class ShippingBefore extends WorkflowBase<void, string[]> {
  async run(ctx: WorkflowContext): Promise<string[]> {
    await ctx.waitForExternalEvent('paid');
    const out = [await ctx.callActivity<string>(Step, 'ground')];
    await ctx.waitForExternalEvent('done');
    return out;
  }
}

@Workflow({ name: 'shipping' })
class ShippingAfter extends WorkflowBase<void, string[]> {
  async run(ctx: WorkflowContext): Promise<string[]> {
    await ctx.waitForExternalEvent('paid');
    const mode = ctx.isPatched('air-shipping') ? 'air' : 'ground';
    const out = [await ctx.callActivity<string>(Step, mode)];
    await ctx.waitForExternalEvent('done');
    return out;
  }
}

describe('versioned workflows and patches on a SQLite file', () => {
  let dir: string;
  let db: string;
  let runtime: WorkflowRuntime | undefined;
  let backend: SqliteBackend;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'weft-versions-'));
    db = join(dir, 'weft.db');
  });
  afterEach(async () => {
    await runtime?.stop();
    runtime = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  async function deploy(workflows: Function[]): Promise<WorkflowRuntime> {
    await runtime?.stop();
    backend = new SqliteBackend({ path: db, logger: quiet });
    runtime = new WorkflowRuntime({ backend, workflows, activities: [Step], logger: quiet });
    await runtime.start();
    return runtime;
  }

  const stateOf = async (id: string) => (await runtime!.client.getWorkflowState(id))!;

  it('an instance runs the version it started with; new instances take the latest', async () => {
    let rt = await deploy([OrderV1]);
    const old = await rt.client.scheduleNewWorkflow('order', undefined, { instanceId: 'old' });
    await rt.client.waitForWorkflowStart(old);
    await backend.whenIdle();
    expect((await stateOf(old)).version).toBe('v1');

    rt = await deploy([OrderV1, OrderV2]);
    const fresh = await rt.client.scheduleNewWorkflow('order', undefined, { instanceId: 'new' });
    await rt.client.waitForWorkflowStart(fresh);
    await rt.client.raiseEvent(old, 'go');
    await rt.client.raiseEvent(fresh, 'go');
    expect((await rt.client.waitForWorkflowCompletion(old)).output).toEqual(['v1', 'reserve', 'charge']);
    const done = await rt.client.waitForWorkflowCompletion(fresh);
    expect(done.output).toEqual(['v2', 'charge', 'reserve']);
    expect(done.version).toBe('v2');
    const started = (await rt.client.getWorkflowHistory(old)).find((e) => e.type === 'WorkflowStarted');
    expect(started?.version).toEqual({ name: 'v1', patches: [] });
  });

  it('a worker without the recorded version leaves the instance STALLED until one with it runs', async () => {
    let rt = await deploy([OrderV1]);
    const id = await rt.client.scheduleNewWorkflow('order');
    await rt.client.waitForWorkflowStart(id);
    await backend.whenIdle();

    rt = await deploy([OrderV2]);
    await rt.client.raiseEvent(id, 'go');
    await backend.whenIdle();
    const stalled = await stateOf(id);
    expect(stalled.status).toBe(WorkflowStatus.STALLED);
    expect(stalled.stalledReason).toBe('VERSION_NOT_AVAILABLE');
    const history = await rt.client.getWorkflowHistory(id);
    expect(history.filter((e) => e.type === 'ExecutionStalled')).toEqual([
      expect.objectContaining({ reason: 'VERSION_NOT_AVAILABLE' }),
    ]);

    rt = await deploy([OrderV1, OrderV2]);
    const done = await rt.client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
    expect(done.status).toBe(WorkflowStatus.COMPLETED);
    expect(done.output).toEqual(['v1', 'reserve', 'charge']);
    expect(done.stalledReason).toBeUndefined();
  });

  it('isPatched: false for an instance that passed the point without it, true for new ones', async () => {
    let rt = await deploy([ShippingBefore]);
    const old = await rt.client.scheduleNewWorkflow('shipping');
    await rt.client.waitForWorkflowStart(old);
    await rt.client.raiseEvent(old, 'paid');
    await backend.whenIdle();

    rt = await deploy([ShippingAfter]);
    const fresh = await rt.client.scheduleNewWorkflow('shipping');
    await rt.client.raiseEvent(fresh, 'paid');
    for (const id of [old, fresh]) await rt.client.raiseEvent(id, 'done');
    expect((await rt.client.waitForWorkflowCompletion(old)).output).toEqual(['ground']);
    expect((await rt.client.waitForWorkflowCompletion(fresh)).output).toEqual(['air']);
    const history = await rt.client.getWorkflowHistory(fresh);
    const patched = history.filter((e) => e.type === 'WorkflowStarted' && e.version);
    expect(patched.at(-1)?.version).toEqual({ patches: ['air-shipping'] });

    // Replaying in CI: the patched history needs the patched code.
    await expect(replayWorkflowHistory(history, { workflows: [ShippingAfter] })).resolves.toBeUndefined();
    await expect(replayWorkflowHistory(history, { workflows: [ShippingBefore] })).rejects.toThrow(
      /PATCH_MISMATCH.*air-shipping/,
    );
  });

  it('code that no longer checks a recorded patch stalls with PATCH_MISMATCH, then continues on a fix', async () => {
    let rt = await deploy([ShippingAfter]);
    const id = await rt.client.scheduleNewWorkflow('shipping');
    await rt.client.waitForWorkflowStart(id);
    await rt.client.raiseEvent(id, 'paid');
    await backend.whenIdle();

    rt = await deploy([ShippingBefore]); // a rollback
    await rt.client.raiseEvent(id, 'done');
    await backend.whenIdle();
    const stalled = await stateOf(id);
    expect(stalled.status).toBe(WorkflowStatus.STALLED);
    expect(stalled.stalledReason).toBe('PATCH_MISMATCH');

    rt = await deploy([ShippingAfter]);
    const done = await rt.client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
    expect(done.status).toBe(WorkflowStatus.COMPLETED);
    expect(done.output).toEqual(['air']);
  });

  it('a STALLED instance can still be terminated', async () => {
    let rt = await deploy([OrderV1]);
    const id = await rt.client.scheduleNewWorkflow('order');
    await rt.client.waitForWorkflowStart(id);
    await backend.whenIdle();
    rt = await deploy([OrderV2]);
    await rt.client.raiseEvent(id, 'go');
    await backend.whenIdle();
    expect((await stateOf(id)).status).toBe(WorkflowStatus.STALLED);
    await rt.client.terminateWorkflow(id, { output: 'given up' });
    const done = await rt.client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
    expect(done.status).toBe(WorkflowStatus.TERMINATED);
  });

  it('refuses several versions without exactly one latest', async () => {
    @Workflow({ name: 'pair', version: 'a' })
    class PairA extends WorkflowBase<void, void> {
      async run(): Promise<void> {}
    }
    @Workflow({ name: 'pair', version: 'b' })
    class PairB extends WorkflowBase<void, void> {
      async run(): Promise<void> {}
    }
    const rt = new WorkflowRuntime({
      backend: new SqliteBackend({ path: join(dir, 'pair.db'), logger: quiet }),
      workflows: [PairA, PairB],
      logger: quiet,
    });
    const failure = await rt.start().catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(RegistrationError);
    expect((failure as Error).message).toMatch(/'pair' has versions 'a', 'b' and none is marked latest/);
  });

  it('replayWorkflowHistory names a version the code does not have', async () => {
    const rt = await deploy([OrderV1]);
    const id = await rt.client.scheduleNewWorkflow('order');
    await rt.client.waitForWorkflowStart(id);
    await backend.whenIdle();
    const history = await rt.client.getWorkflowHistory(id);
    await expect(replayWorkflowHistory(history, { workflows: [OrderV2] })).rejects.toThrow(
      NonDeterminismError,
    );
    await expect(replayWorkflowHistory(history, { workflows: [OrderV2] })).rejects.toThrow(
      /VERSION_NOT_AVAILABLE.*'v1'/,
    );
  });
});

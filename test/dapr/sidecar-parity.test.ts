import { join } from 'node:path';
import { status as GrpcStatus } from '@grpc/grpc-js';
import {
  DaprSidecarBackend,
  WorkflowNotFoundError,
  WorkflowNotRunningError,
  WorkflowNotTerminalError,
  WorkflowRuntime,
  WorkflowStatus,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';
import { SidecarConnection } from '../../src/backends/dapr/client/sidecar-connection';
import { startSidecarProcess, tempDir } from './support/sidecar-process';
import type { SidecarProcess } from './support/sidecar-process';

jest.setTimeout(60_000);

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The answers of `weft sidecar` that SDKs depend on, as the reference sidecar gives them. Every expected
 * answer was recorded from durabletask-go v0.14.0's sidecar (SQLite backend, the engine inside daprd) with
 * `npm run parity:dapr` (bench/sidecar-parity.ts), which runs the same calls against both.
 */
describe('weft sidecar answers as durabletask-go', () => {
  const tmp = tempDir('weft-dapr-parity-');
  let sidecar: SidecarProcess;
  let wire: SidecarConnection;
  let runtime: WorkflowRuntime;
  const unknownInstance = { code: GrpcStatus.UNKNOWN, details: 'no such instance exists' };

  /** Runs a workflow to completion through Weft's own runtime on the sidecar. */
  const finished = async (instanceId: string, name = 'done', input?: unknown): Promise<void> => {
    await runtime.client.scheduleNewWorkflow(name, input, { instanceId });
    const done = await runtime.client.waitForWorkflowCompletion(instanceId, { timeoutMs: 30_000 });
    expect(done.status).toBe(WorkflowStatus.COMPLETED);
  };

  /** Weft's runtime on the sidecar, with the workflows the cases use. */
  const makeRuntime = (): WorkflowRuntime => {
    const rt = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ port: sidecar.port, logger: silent }),
      workflows: [],
      activities: [],
      logger: silent,
    });
    rt.registerWorkflow(async (_ctx: WorkflowContext, input: unknown) => input, 'done');
    rt.registerWorkflow(
      async (ctx: WorkflowContext) =>
        ctx.callChildWorkflow('done', 'child', { instanceId: `${ctx.instanceId}-child` }),
      'parent',
    );
    rt.registerWorkflow(async (ctx: WorkflowContext) => ctx.waitForExternalEvent('go'), 'waiter');
    return rt;
  };

  beforeAll(async () => {
    sidecar = await startSidecarProcess({ db: join(tmp.dir, 'sidecar.db') });
    wire = new SidecarConnection({ host: '127.0.0.1', port: sidecar.port, secure: false });
    runtime = makeRuntime();
    await runtime.start();
  });

  afterAll(async () => {
    await runtime?.stop();
    wire?.close();
    await sidecar?.stop();
    tmp.remove();
  });

  it('discards an event for an unknown or finished instance and answers OK', async () => {
    // durabletask-go v0.14.0 answered OK {} to both.
    await expect(wire.call('RaiseEvent', { instanceId: 'raise-unknown', name: 'e' })).resolves.toEqual({});
    await finished('raise-finished', 'done', 1);
    await expect(
      wire.call('RaiseEvent', { instanceId: 'raise-finished', name: 'e', input: { value: '1' } }),
    ).resolves.toEqual({});
    expect(await wire.call('GetInstance', { instanceId: 'raise-unknown' })).toEqual({ exists: false });
    const events = (await wire.call('GetInstanceHistory', { instanceId: 'raise-finished' })).events ?? [];
    expect(events.some((e) => e.eventRaised)).toBe(false);
  });

  it('answers Suspend, Resume and Terminate of a finished instance OK, leaving it as it was', async () => {
    // durabletask-go v0.14.0 answered OK {} to each; the instance stayed COMPLETED with its output.
    await finished('control-finished', 'done', 'in');
    const instanceId = 'control-finished';
    await expect(wire.call('SuspendInstance', { instanceId, reason: { value: 'r' } })).resolves.toEqual({});
    await expect(wire.call('ResumeInstance', { instanceId })).resolves.toEqual({});
    await expect(wire.call('TerminateInstance', { instanceId, output: { value: '"t"' } })).resolves.toEqual(
      {},
    );
    const state = await wire.call('GetInstance', { instanceId, getInputsAndOutputs: true });
    expect(state.workflowState?.workflowStatus).toBe(1);
    expect(state.workflowState?.output).toEqual({ value: '"in"' });
  });

  it('answers calls about an unknown instance with UNKNOWN "no such instance exists"', async () => {
    // durabletask-go v0.14.0 answered UNKNOWN "no such instance exists" to each of these.
    const instanceId = 'does-not-exist';
    for (const rpc of ['SuspendInstance', 'ResumeInstance', 'TerminateInstance'] as const) {
      await expect(wire.call(rpc, { instanceId })).rejects.toMatchObject(unknownInstance);
    }
    for (const rpc of ['WaitForInstanceStart', 'WaitForInstanceCompletion'] as const) {
      await expect(wire.call(rpc, { instanceId }, { timeoutMs: 10_000 })).rejects.toMatchObject(
        unknownInstance,
      );
    }
    // ...and OK to these: GetInstance {} (exists false), GetInstanceHistory {} (no events). daprd once
    // answered GetInstance of an unknown id with UNKNOWN (dapr/dapr#8085, fixed to exists=false) and
    // panicked on GetInstanceHistory of one (dapr/dapr#9218).
    expect(await wire.call('GetInstance', { instanceId })).toEqual({ exists: false });
    expect(await wire.call('GetInstance', { instanceId, getInputsAndOutputs: true })).toEqual({
      exists: false,
    });
    expect((await wire.call('GetInstanceHistory', { instanceId })).events ?? []).toEqual([]);
  });

  it('answers a purge of an unknown or already purged id with "no such instance exists"', async () => {
    // durabletask-go v0.14.0: UNKNOWN "failed to purge workflow state: no such instance exists" for both,
    // OK {deletedInstanceCount: 1} for the first purge of a finished instance.
    const purgeFailed = {
      ...unknownInstance,
      details: 'failed to purge workflow state: no such instance exists',
    };
    await expect(wire.call('PurgeInstances', { instanceId: 'purge-unknown' })).rejects.toMatchObject(
      purgeFailed,
    );
    await finished('purge-twice');
    expect(await wire.call('PurgeInstances', { instanceId: 'purge-twice' })).toMatchObject({
      deletedInstanceCount: 1,
    });
    await expect(wire.call('PurgeInstances', { instanceId: 'purge-twice' })).rejects.toMatchObject(
      purgeFailed,
    );
  });

  it('counts the purged child in a recursive purge, and not in a plain one', async () => {
    // durabletask-go v0.14.0: recursive purge of a finished parent with a finished child →
    // deletedInstanceCount 2; without recursive → 1, and the child stays.
    await finished('purge-parent-r', 'parent');
    expect(
      await wire.call('PurgeInstances', { instanceId: 'purge-parent-r', recursive: true }),
    ).toMatchObject({ deletedInstanceCount: 2 });
    expect(await wire.call('GetInstance', { instanceId: 'purge-parent-r-child' })).toEqual({ exists: false });

    await finished('purge-parent', 'parent');
    expect(await wire.call('PurgeInstances', { instanceId: 'purge-parent' })).toMatchObject({
      deletedInstanceCount: 1,
    });
    expect((await wire.call('GetInstance', { instanceId: 'purge-parent-child' })).exists).toBe(true);
  });

  it('refuses to purge an instance that has not finished, in the reference words', async () => {
    // durabletask-go v0.14.0: UNKNOWN "failed to purge workflow state: orchestration has not yet completed".
    await runtime.client.scheduleNewWorkflow('waiter', undefined, { instanceId: 'purge-running' });
    await runtime.client.waitForWorkflowStart('purge-running', { timeoutMs: 30_000 });
    await expect(wire.call('PurgeInstances', { instanceId: 'purge-running' })).rejects.toMatchObject({
      code: GrpcStatus.UNKNOWN,
      details: expect.stringMatching(/^failed to purge workflow state: orchestration has not yet completed/),
    });
    expect((await wire.call('GetInstance', { instanceId: 'purge-running' })).exists).toBe(true);
    await runtime.client.raiseEvent('purge-running', 'go', 1);
    await runtime.client.waitForWorkflowCompletion('purge-running', { timeoutMs: 30_000 });
  });

  it("keeps Weft's contract errors in its own client over the wire", async () => {
    const client = runtime.client;
    await finished('client-finished');
    await expect(client.raiseEvent('client-finished', 'e', 1)).rejects.toBeInstanceOf(
      WorkflowNotRunningError,
    );
    await expect(client.raiseEvent('client-unknown', 'e', 1)).rejects.toBeInstanceOf(WorkflowNotFoundError);
    await expect(client.suspendWorkflow('client-finished')).rejects.toBeInstanceOf(WorkflowNotRunningError);
    await expect(client.resumeWorkflow('client-finished')).rejects.toBeInstanceOf(WorkflowNotRunningError);
    await expect(client.terminateWorkflow('client-finished')).rejects.toBeInstanceOf(WorkflowNotRunningError);
    const notFound = client.suspendWorkflow('client-unknown');
    await expect(notFound).rejects.toBeInstanceOf(WorkflowNotFoundError);
    await expect(notFound).rejects.toThrow("No workflow instance with id 'client-unknown' exists.");
    await expect(
      client.waitForWorkflowCompletion('client-unknown', { timeoutMs: 10_000 }),
    ).rejects.toBeInstanceOf(WorkflowNotFoundError);
    await expect(client.getWorkflowHistory('client-unknown')).rejects.toBeInstanceOf(WorkflowNotFoundError);
    expect(await client.purgeWorkflow('client-unknown')).toBe(false);
    expect(await client.purgeWorkflow('client-finished')).toBe(true);
    expect(await client.purgeWorkflow('client-finished')).toBe(false);

    await client.scheduleNewWorkflow('waiter', undefined, { instanceId: 'client-running' });
    const refused = client.purgeWorkflow('client-running');
    await expect(refused).rejects.toBeInstanceOf(WorkflowNotTerminalError);
    await expect(refused).rejects.toThrow(/^Cannot purge workflow instance 'client-running'/);
    await client.raiseEvent('client-running', 'go', 1);
    expect((await client.waitForWorkflowCompletion('client-running', { timeoutMs: 30_000 })).output).toBe(1);
  });

  it('accepts an event while no worker is connected and delivers it once one connects', async () => {
    // dapr/docs#5305: daprd's RaiseEvent fails with "actor type not registered" while no app worker is
    // connected, though the state is durable. weft sidecar queues the event; the next worker receives it.
    await runtime.client.scheduleNewWorkflow('waiter', undefined, { instanceId: 'offline-event' });
    await runtime.client.waitForWorkflowStart('offline-event', { timeoutMs: 30_000 });
    await runtime.stop();
    await expect(
      wire.call('RaiseEvent', { instanceId: 'offline-event', name: 'go', input: { value: '"late"' } }),
    ).resolves.toEqual({});
    runtime = makeRuntime();
    await runtime.start();
    const done = await runtime.client.waitForWorkflowCompletion('offline-event', { timeoutMs: 30_000 });
    expect(done.output).toBe('late');
  });
});

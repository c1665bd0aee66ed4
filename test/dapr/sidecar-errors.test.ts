import { join } from 'node:path';
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { ClientReadableStream } from '@grpc/grpc-js';
import { DaprSidecarBackend, StorageError, WorkflowRuntime } from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';
import { SidecarConnection } from '../../src/backends/dapr/client/sidecar-connection';
import type { WireWorkItem } from '../../src/backends/dapr/protocol/wire-types';
import { startSidecarProcess, tempDir, until } from './support/sidecar-process';
import type { SidecarProcess } from './support/sidecar-process';

jest.setTimeout(60_000);

const TOKEN = 'secret-token';
const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** The next work item of a stream for the given instance (items of other instances are left pending). */
function nextItemFor(stream: ClientReadableStream<WireWorkItem>, instanceId: string): Promise<WireWorkItem> {
  return new Promise((resolve, reject) => {
    const onData = (item: WireWorkItem) => {
      if (item.workflowRequest?.instanceId !== instanceId) return;
      stream.off('data', onData);
      resolve(item);
    };
    stream.on('data', onData);
    stream.once('error', reject);
  });
}

/** The status a stream ends with. */
function streamError(stream: ClientReadableStream<WireWorkItem>): Promise<{ code: number }> {
  return new Promise((resolve) => stream.once('error', (err: { code: number }) => resolve(err)));
}

describe('weft sidecar: tokens, bad input and work item completion', () => {
  const tmp = tempDir('weft-dapr-errors-');
  let sidecar: SidecarProcess;
  let good: SidecarConnection;
  const connect = (apiToken?: string) =>
    new SidecarConnection({ host: '127.0.0.1', port: sidecar.port, apiToken, secure: false });
  const historyLength = async (instanceId: string) =>
    ((await good.call('GetInstanceHistory', { instanceId })).events ?? []).length;

  beforeAll(async () => {
    sidecar = await startSidecarProcess({ db: join(tmp.dir, 'sidecar.db'), apiToken: TOKEN });
    good = connect(TOKEN);
  });

  afterAll(async () => {
    good?.close();
    await sidecar?.stop();
    tmp.remove();
  });

  it('answers a missing or wrong dapr-api-token with UNAUTHENTICATED and stores nothing', async () => {
    for (const token of [undefined, 'wrong-token']) {
      const conn = connect(token);
      try {
        await expect(conn.call('Hello', {})).rejects.toMatchObject({ code: GrpcStatus.UNAUTHENTICATED });
        await expect(
          conn.call('StartInstance', { instanceId: 'sneaky', name: 'wf', input: { value: '1' } }),
        ).rejects.toMatchObject({ code: GrpcStatus.UNAUTHENTICATED });
        const stream = conn.openWorkItems();
        expect((await streamError(stream)).code).toBe(GrpcStatus.UNAUTHENTICATED);
      } finally {
        conn.close();
      }
    }
    expect(await good.call('GetInstance', { instanceId: 'sneaky' })).toEqual({ exists: false });
  });

  it('makes DaprSidecarBackend.open() fail with a message about the token', async () => {
    const backend = new DaprSidecarBackend({
      port: sidecar.port,
      apiToken: 'wrong-token',
      connectTimeoutMs: 5000,
    });
    const opened = backend.open();
    await expect(opened).rejects.toBeInstanceOf(StorageError);
    await expect(opened).rejects.toThrow(/API token/);
  });

  it('serves a runtime whose DaprSidecarBackend sends the right token, worker stream included', async () => {
    const runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ port: sidecar.port, apiToken: TOKEN, logger: silent }),
      workflows: [],
      activities: [],
      logger: silent,
    });
    runtime.registerActivity(async (_ctx: ActivityContext, name: string) => `Hello ${name}!`, 'greet');
    runtime.registerWorkflow(
      async (ctx: WorkflowContext, name: string) => ctx.callActivity('greet', name),
      'greeter',
    );
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow('greeter', 'Tokyo');
      const done = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
      expect(done.output).toBe('Hello Tokyo!');
    } finally {
      await runtime.stop();
    }
  });

  it('answers malformed requests with INVALID_ARGUMENT and stores nothing', async () => {
    const invalid = { code: GrpcStatus.INVALID_ARGUMENT };
    await expect(good.call('StartInstance', { instanceId: 'no-name' })).rejects.toMatchObject(invalid);
    await expect(
      good.call('StartInstance', { instanceId: 'bad-json', name: 'wf', input: { value: '{not json' } }),
    ).rejects.toMatchObject(invalid);
    await expect(good.call('GetInstance', {})).rejects.toMatchObject(invalid);
    await expect(good.call('PurgeInstances', {})).rejects.toMatchObject(invalid);
    const { instanceIds = [] } = await good.call('ListInstanceIDs', {});
    expect(instanceIds).not.toContain('no-name');
    expect(instanceIds).not.toContain('bad-json');

    await good.call('StartInstance', { instanceId: 'target', name: 'wf' });
    await expect(good.call('RaiseEvent', { instanceId: 'target' })).rejects.toMatchObject(invalid);
    await expect(
      good.call('RaiseEvent', { instanceId: 'target', name: 'e', input: { value: 'nope' } }),
    ).rejects.toMatchObject(invalid);
  });

  // Answers about unknown and finished instances follow durabletask-go: see sidecar-parity.test.ts.

  it('hands work of a worker that disconnects to the next, and refuses unknown or repeated completions', async () => {
    const instanceId = 'handover';
    await good.call('StartInstance', { instanceId, name: 'remote_wf', input: { value: '0' } });

    const first = good.openWorkItems();
    const firstItem = await nextItemFor(first, instanceId);
    expect(firstItem.workflowRequest?.instanceId).toBe(instanceId);
    first.cancel();

    const second = good.openWorkItems();
    second.on('error', () => {});
    const item = await nextItemFor(second, instanceId);
    expect(item.workflowRequest?.instanceId).toBe(instanceId);
    const events = item.workflowRequest?.newEvents ?? [];
    expect(events.map((e) => e.eventType)).toEqual(['workflowStarted', 'executionStarted']);
    expect(events[1].executionStarted?.input).toEqual({ value: '0' });
    const token = item.completionToken ?? '';
    expect(token).not.toBe(firstItem.completionToken);

    const before = await historyLength(instanceId);
    const failedPrecondition = { code: GrpcStatus.FAILED_PRECONDITION };
    const done = { id: 0, completeWorkflow: { workflowStatus: 1, result: { value: '"done"' } } };
    await expect(
      good.call('CompleteWorkflowTask', { instanceId, completionToken: 'no-such-token', actions: [done] }),
    ).rejects.toMatchObject(failedPrecondition);
    await expect(
      good.call('CompleteWorkflowTask', {
        instanceId,
        completionToken: firstItem.completionToken,
        actions: [done],
      }),
    ).rejects.toMatchObject(failedPrecondition);
    await expect(
      good.call('CompleteWorkflowTask', { instanceId, completionToken: token, actions: [{ id: 0 }] }),
    ).rejects.toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT });
    await expect(
      good.call('CompleteActivityTask', { instanceId, taskId: 7, completionToken: 'no-such-token' }),
    ).rejects.toMatchObject(failedPrecondition);
    expect(await historyLength(instanceId)).toBe(before);

    await good.call('CompleteWorkflowTask', { instanceId, completionToken: token, actions: [done] });
    const finished = await good.call('WaitForInstanceCompletion', { instanceId, getInputsAndOutputs: true });
    expect(finished.workflowState?.workflowStatus).toBe(1);
    expect(finished.workflowState?.output).toEqual({ value: '"done"' });
    const after = await historyLength(instanceId);

    await expect(
      good.call('CompleteWorkflowTask', { instanceId, completionToken: token, actions: [done] }),
    ).rejects.toMatchObject(failedPrecondition);
    expect(await historyLength(instanceId)).toBe(after);
    second.cancel();
  });

  it('names a child workflow started without an id <parent id>:<task id in 4 hex digits>', async () => {
    const instanceId = 'parent-x';
    await good.call('StartInstance', { instanceId, name: 'parent_wf' });
    const stream = good.openWorkItems();
    stream.on('error', () => {});
    try {
      const item = await nextItemFor(stream, instanceId);
      await good.call('CompleteWorkflowTask', {
        instanceId,
        completionToken: item.completionToken,
        actions: [{ id: 26, createChildWorkflow: { name: 'child_wf', input: { value: '7' } } }],
      });
      const childId = 'parent-x:001a';
      await until(async () => (await good.call('GetInstance', { instanceId: childId })).exists === true);
      const child = await good.call('GetInstance', { instanceId: childId, getInputsAndOutputs: true });
      expect(child.exists).toBe(true);
      expect(child.workflowState?.name).toBe('child_wf');
      expect(child.workflowState?.parentInstanceId).toEqual({ value: instanceId });
    } finally {
      stream.cancel();
    }
  });

  it('refuses to start on a port in use, saying so', async () => {
    await expect(startSidecarProcess({ db: join(tmp.dir, 'third.db'), port: sidecar.port })).rejects.toThrow(
      /Cannot listen on 127\.0\.0\.1:\d+.*another sidecar/,
    );
  });

  it('stops cleanly on SIGTERM', async () => {
    const other = await startSidecarProcess({ db: join(tmp.dir, 'other.db') });
    await other.stop();
    expect(other.child.exitCode).toBe(0);
  });
});

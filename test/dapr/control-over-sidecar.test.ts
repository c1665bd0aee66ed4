import 'reflect-metadata';
import { join } from 'node:path';
import type { ClientReadableStream } from '@grpc/grpc-js';
import { DaprWorkflowClient, LogLevel, WorkflowRuntimeStatus } from '@dapr/dapr';
import {
  DaprSidecarBackend,
  Workflow,
  WorkflowAlreadyExistsError,
  WorkflowBase,
  WorkflowNotTerminalError,
  WorkflowRuntime,
  WorkflowStatus,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';
import { SidecarConnection } from '../../src/backends/dapr/client/sidecar-connection';
import type { WireWorkItem } from '../../src/backends/dapr/protocol/wire-types';
import { startSidecarProcess, tempDir, until } from './support/sidecar-process';
import type { SidecarProcess } from './support/sidecar-process';

jest.setTimeout(60_000);

/** A chain of `depth` children; the last one waits for an event. */
@Workflow({ name: 'sidecar_lineage' })
class Lineage extends WorkflowBase<number, string> {
  async run(ctx: WorkflowContext, depth: number): Promise<string> {
    if (depth > 0) return ctx.callChildWorkflow<string>(Lineage, depth - 1);
    return ctx.waitForExternalEvent<string>('go');
  }
}

/** Reads work items off a raw `GetWorkItems` stream, one at a time, for a test acting as the worker. */
class HeldWorkItems {
  private readonly items: WireWorkItem[] = [];
  private wake: (() => void) | undefined;
  constructor(private readonly stream: ClientReadableStream<WireWorkItem>) {
    stream.on('data', (item: WireWorkItem) => {
      this.items.push(item);
      this.wake?.();
    });
    stream.on('error', () => {});
  }
  /** The next item for `instanceId` (items for others, e.g. left waiting for a worker, are skipped). */
  async next(instanceId: string): Promise<WireWorkItem> {
    for (;;) {
      while (this.items.length === 0) await new Promise<void>((r) => (this.wake = r));
      const item = this.items.shift() as WireWorkItem;
      if (item.workflowRequest?.instanceId === instanceId) return item;
    }
  }
  close(): void {
    this.stream.cancel();
  }
}

describe('control operations over weft sidecar resolve once they show', () => {
  const tmp = tempDir('weft-control-sidecar-');
  let sidecar: SidecarProcess;
  let sdk: DaprWorkflowClient;

  beforeAll(async () => {
    jest.spyOn(console, 'info').mockImplementation(() => {});
    jest.spyOn(console, 'log').mockImplementation(() => {});
    sidecar = await startSidecarProcess({ db: join(tmp.dir, 'sidecar.db') });
    sdk = new DaprWorkflowClient({
      daprHost: '127.0.0.1',
      daprPort: String(sidecar.port),
      logger: { level: LogLevel.Error },
    });
  });

  afterAll(async () => {
    await sdk?.stop();
    await sidecar?.stop();
    tmp.remove();
  });

  const status = async (id: string) => (await sdk.getWorkflowState(id, false))?.runtimeStatus;

  it('the official SDK client sees SUSPENDED, then not, then TERMINATED as each call returns, with no worker', async () => {
    const id = await sdk.scheduleNewWorkflow('nobody_runs_this', 1, 'sdk-no-worker');
    await sdk.suspendWorkflow(id);
    expect(await status(id)).toBe(WorkflowRuntimeStatus.SUSPENDED);
    await sdk.raiseEvent(id, 'go', 'kept while suspended');
    await sdk.resumeWorkflow(id);
    expect(await status(id)).toBe(WorkflowRuntimeStatus.RUNNING); // as daprd, though no worker ran it
    await sdk.terminateWorkflow(id, 'stop');
    expect(await status(id)).toBe(WorkflowRuntimeStatus.TERMINATED);
    expect(await sdk.purgeWorkflow(id)).toBe(true);
  });

  it('a step in flight on a worker when the suspend returns does not undo it; it runs again after resume', async () => {
    // The race behind microsoft/durabletask-js#175 (suspend queued, status not updated) and Azure/durabletask
    // #764's review ("wait until the status changes before returning"): the worker holds the instance's
    // first step; the suspend returns with SUSPENDED; the worker's late answer (completing the workflow)
    // must not turn it into COMPLETED. Weft discards that step; after resume the worker gets the start
    // again, now followed by the suspend and resume events.
    const connection = new SidecarConnection({ host: '127.0.0.1', port: sidecar.port, secure: false });
    await connection.call('Hello', {});
    const items = new HeldWorkItems(connection.openWorkItems({}));
    try {
      const id = await sdk.scheduleNewWorkflow('held_by_test', 'in', 'sdk-race');
      const first = await items.next(id);
      expect(first.workflowRequest?.instanceId).toBe(id);
      await sdk.suspendWorkflow(id);
      expect(await status(id)).toBe(WorkflowRuntimeStatus.SUSPENDED);

      const complete = (item: WireWorkItem, result: string) =>
        connection.call('CompleteOrchestratorTask', {
          instanceId: id,
          completionToken: item.completionToken,
          actions: [{ id: 0, completeWorkflow: { workflowStatus: 1, result: { value: result } } }],
        });
      await complete(first, '"too late"');
      await sdk.resumeWorkflow(id);
      expect(await status(id)).toBe(WorkflowRuntimeStatus.RUNNING);

      const again = await items.next(id);
      expect(again.workflowRequest?.pastEvents ?? []).toEqual([]);
      expect((again.workflowRequest?.newEvents ?? []).map((e) => e.eventType)).toEqual([
        'workflowStarted',
        'executionStarted',
        'executionSuspended',
        'executionResumed',
      ]);
      await complete(again, '"after resume"');
      const done = await sdk.waitForWorkflowCompletion(id, true, 20);
      expect(done?.runtimeStatus).toBe(WorkflowRuntimeStatus.COMPLETED);
      expect(done?.serializedOutput).toBe('"after resume"');
    } finally {
      items.close();
      connection.close();
    }
  });

  it("Weft's client over DaprSidecarBackend: terminate of a family, id reuse and purge with a live child", async () => {
    const runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ host: '127.0.0.1', port: sidecar.port }),
      workflows: [Lineage],
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    await runtime.start();
    const client = runtime.client;
    const state = async (id: string) => (await client.getWorkflowState(id))?.status;
    try {
      await client.scheduleNewWorkflow(Lineage, 1, { instanceId: 'fam' });
      await until(async () => (await state('fam:0000')) === WorkflowStatus.RUNNING);
      await client.terminateWorkflow('fam', { recursive: false, timeoutMs: 10_000 });
      expect(await state('fam')).toBe(WorkflowStatus.TERMINATED);
      expect(await state('fam:0000')).toBe(WorkflowStatus.RUNNING);

      const reuse = await client
        .scheduleNewWorkflow(Lineage, 0, { instanceId: 'fam' })
        .catch((e: unknown) => e);
      expect(reuse).toBeInstanceOf(WorkflowAlreadyExistsError);
      expect((reuse as Error).message).toContain("'fam:0000'");
      // The error's fields cross the sidecar too (its weft-error-fields-bin trailer).
      expect(reuse).toMatchObject({ instanceId: 'fam', liveInstanceId: 'fam:0000' });
      const purge = await client.purgeWorkflow('fam').catch((e: unknown) => e);
      expect(purge).toBeInstanceOf(WorkflowNotTerminalError);
      expect((purge as Error).message).toContain("'fam:0000'");
      expect(purge).toMatchObject({ instanceId: 'fam:0000', purgedInstanceId: 'fam', status: 'RUNNING' });

      // Fields hold what callers sent, any text: a trailer of them crashed the sidecar on non-ASCII text
      // (grpc-js throws on it in a text trailer; they go in a binary one).
      const taken = await client
        .scheduleNewWorkflow(Lineage, 0, { instanceId: 'заказ-✓' })
        .then(() => client.scheduleNewWorkflow(Lineage, 0, { instanceId: 'заказ-✓' }))
        .catch((e: unknown) => e);
      expect(taken).toBeInstanceOf(WorkflowAlreadyExistsError);
      expect(taken).toMatchObject({ instanceId: 'заказ-✓' });
      expect(await state('заказ-✓')).toBeDefined();

      await client.suspendWorkflow('fam:0000');
      expect(await state('fam:0000')).toBe(WorkflowStatus.SUSPENDED);
      expect(await client.purgeWorkflow('fam', { force: true })).toBe(true);
      expect(await client.getWorkflowState('fam:0000')).toBeUndefined();

      await client.scheduleNewWorkflow(Lineage, 1, { instanceId: 'fam' });
      await until(async () => (await state('fam:0000')) === WorkflowStatus.RUNNING);
      await client.terminateWorkflow('fam');
      expect(await state('fam')).toBe(WorkflowStatus.TERMINATED);
      expect(await state('fam:0000')).toBe(WorkflowStatus.TERMINATED);
    } finally {
      await runtime.stop();
    }
  });
});

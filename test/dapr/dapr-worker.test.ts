import 'reflect-metadata';
import { join } from 'node:path';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import type { ServerWritableStream, UntypedServiceImplementation } from '@grpc/grpc-js';
import {
  Activity,
  DaprSidecarBackend,
  SqliteBackend,
  TimeoutError,
  ValidationError,
  Workflow,
  WorkflowAlreadyExistsError,
  WorkflowNotFoundError,
  WorkflowNotTerminalError,
  WorkflowRuntime,
  WorkflowStatus,
} from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';
import { resolveSidecarAddress } from '../../src/backends/dapr';
import { loadSidecarService } from '../../src/backends/dapr/protocol/load-protocol';
import type { WireWorkflowResponse, WireWorkItem } from '../../src/backends/dapr/protocol/wire-types';
import { createDefaultBackend } from '../../src/runtime/workflow-runtime';
import { startSidecarProcess, tempDir } from './support/sidecar-process';
import type { SidecarProcess } from './support/sidecar-process';

jest.setTimeout(60_000);

const silent = { debug() {}, info() {}, warn() {}, error() {} };

const load = { running: 0, peak: 0, release: () => {}, gate: Promise.resolve() };

@Activity({ name: 'limited_act' })
class LimitedAct {
  async run(_ctx: ActivityContext, n: number): Promise<number> {
    load.running += 1;
    load.peak = Math.max(load.peak, load.running);
    await load.gate;
    await new Promise((r) => setImmediate(r));
    load.running -= 1;
    return n;
  }
}

@Workflow({ name: 'fan_out_wf' })
class FanOutWf {
  async run(ctx: WorkflowContext, count: number): Promise<number> {
    const tasks = Array.from({ length: count }, (_, i) => ctx.callActivity<number>(LimitedAct, i));
    const results = await ctx.whenAll(tasks);
    return results.reduce((a, b) => a + b, 0);
  }
}

const attempts: number[] = [];

@Activity({ name: 'flaky_act' })
class FlakyAct {
  async run(ctx: ActivityContext): Promise<string> {
    attempts.push(ctx.attempt);
    if (ctx.attempt < 2) throw new Error('first attempt fails');
    return 'ok';
  }
}

@Workflow({ name: 'retrying_wf' })
class RetryingWf {
  async run(ctx: WorkflowContext): Promise<string> {
    return ctx.callActivity<string>(FlakyAct, undefined, {
      retryPolicy: { maxNumberOfAttempts: 3, firstRetryInterval: 10 },
    });
  }
}

@Workflow({ name: 'waiting_wf' })
class WaitingWf {
  async run(ctx: WorkflowContext): Promise<string> {
    return ctx.waitForExternalEvent<string>('go');
  }
}

describe('DaprSidecarBackend against weft sidecar', () => {
  const tmp = tempDir('weft-dapr-worker-');
  let sidecar: SidecarProcess;

  beforeAll(async () => {
    sidecar = await startSidecarProcess({ db: join(tmp.dir, 'sidecar.db') });
  });

  afterAll(async () => {
    await sidecar?.stop();
    tmp.remove();
  });

  it('keeps within maxConcurrentActivities and drops none of the items past the limit', async () => {
    let open = () => {};
    load.gate = new Promise<void>((resolve) => (open = resolve));
    const runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ port: sidecar.port, logger: silent }),
      workflows: [FanOutWf],
      activities: [LimitedAct],
      maxConcurrentActivities: 2,
      logger: silent,
    });
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow(FanOutWf, 12);
      while (load.running < 2) await new Promise((r) => setTimeout(r, 20));
      open();
      const done = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
      expect(done.status).toBe(WorkflowStatus.COMPLETED);
      expect(done.output).toBe(66);
      expect(load.peak).toBe(2);
    } finally {
      await runtime.stop();
    }
  });

  it('carries the attempt number of retried activities to the worker', async () => {
    const runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ port: sidecar.port, logger: silent }),
      workflows: [RetryingWf],
      activities: [FlakyAct],
      logger: silent,
    });
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow(RetryingWf);
      const done = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
      expect(done.output).toBe('ok');
      expect(attempts).toEqual([1, 2]);
    } finally {
      await runtime.stop();
    }
  });

  it('reruns from an event and purges by filter through the sidecar', async () => {
    const backend = new DaprSidecarBackend({ port: sidecar.port, logger: silent });
    const runtime = new WorkflowRuntime({ backend, workflows: [], activities: [], logger: silent });
    runtime.registerActivity(async (_ctx: ActivityContext, n: number) => n + 1, 'add_one');
    runtime.registerWorkflow(async (ctx: WorkflowContext, n: number) => {
      const a = await ctx.callActivity<number>('add_one', n);
      return ctx.callActivity<number>('add_one', a * 10);
    }, 'two_steps');
    await runtime.start();
    const client = runtime.client;
    try {
      const source = await client.scheduleNewWorkflow('two_steps', 1, { instanceId: 'rerun-source' });
      expect((await client.waitForWorkflowCompletion(source, { timeoutMs: 30_000 })).output).toBe(21);
      const scheduled = (await client.getWorkflowHistory(source)).filter((e) => e.type === 'TaskScheduled');
      const rerun = await client.rerunWorkflowFromEvent(source, scheduled[0].eventId, {
        newInstanceId: 'rerun-copy',
        input: 5,
      });
      expect(rerun).toBe('rerun-copy');
      expect((await client.waitForWorkflowCompletion(rerun, { timeoutMs: 30_000 })).output).toBe(61);

      const purged = await backend.purgeWhere({ status: [WorkflowStatus.COMPLETED] });
      expect(purged).toBeGreaterThanOrEqual(2);
      expect(await client.getWorkflowState(source)).toBeUndefined();
      expect(await client.getWorkflowState(rerun)).toBeUndefined();
    } finally {
      await runtime.stop();
    }
  });

  it("turns the sidecar's errors back into Weft's errors", async () => {
    const runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ port: sidecar.port, logger: silent }),
      workflows: [WaitingWf],
      activities: [],
      logger: silent,
    });
    await runtime.start();
    const client = runtime.client;
    try {
      const id = await client.scheduleNewWorkflow(WaitingWf, undefined, { instanceId: 'errors-1' });
      await expect(
        client.scheduleNewWorkflow(WaitingWf, undefined, { instanceId: id }),
      ).rejects.toBeInstanceOf(WorkflowAlreadyExistsError);
      await expect(client.raiseEvent('nobody', 'go')).rejects.toBeInstanceOf(WorkflowNotFoundError);
      await expect(client.purgeWorkflow(id)).rejects.toBeInstanceOf(WorkflowNotTerminalError);
      await expect(client.waitForWorkflowCompletion(id, { timeoutMs: 300 })).rejects.toBeInstanceOf(
        TimeoutError,
      );
      expect(await client.getWorkflowState('nobody')).toBeUndefined();
      // Remote workers do not report their event waits (the protocol has no field): the extension stays absent.
      expect((await client.getWorkflowState(id))?.waitingForEvents).toBeUndefined();
      await expect(client.getWorkflowHistory('nobody')).rejects.toBeInstanceOf(WorkflowNotFoundError);

      await client.raiseEvent(id, 'GO', 'now');
      const done = await client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
      expect(done.output).toBe('now');
      const page = await client.listWorkflows({ status: WorkflowStatus.COMPLETED });
      expect(page.items.map((s) => s.instanceId)).toContain(id);
      const history = await client.getWorkflowHistory(id);
      expect(history.map((e) => e.type)).toContain('EventRaised');
    } finally {
      await runtime.stop();
    }
  });
});

describe('DaprSidecarBackend worker against a server without CompleteWorkflowTask', () => {
  it('falls back to CompleteOrchestratorTask and echoes the completion token', async () => {
    const service = loadSidecarService();
    const completed: WireWorkflowResponse[] = [];
    let gotCompletion = () => {};
    const completion = new Promise<void>((resolve) => (gotCompletion = resolve));
    const item: WireWorkItem = {
      workflowRequest: {
        instanceId: 'legacy-1',
        newEvents: [
          { eventId: -1, timestamp: { seconds: 1 }, workflowStarted: {} },
          { eventId: -1, timestamp: { seconds: 1 }, executionStarted: { name: 'waiting_wf' } },
        ],
      },
      completionToken: 'token-42',
    };
    // An older server: every other RPC answers UNIMPLEMENTED.
    const handlers: UntypedServiceImplementation = {
      Hello: (_call: unknown, cb: (err: null, res: object) => void) => cb(null, {}),
      GetWorkItems: (call: ServerWritableStream<object, WireWorkItem>) => {
        call.write(item);
      },
      CompleteOrchestratorTask: (
        call: { request: WireWorkflowResponse },
        cb: (err: null, res: object) => void,
      ) => {
        completed.push(call.request);
        cb(null, {});
        gotCompletion();
      },
    };
    const server = new Server();
    server.addService(
      Object.fromEntries(Object.entries(service).filter(([name]) => name in handlers)) as typeof service,
      handlers,
    );
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) =>
        err ? reject(err) : resolve(p),
      ),
    );
    const runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ port, logger: silent }),
      workflows: [WaitingWf],
      activities: [],
      logger: silent,
    });
    await runtime.start();
    try {
      await completion;
      expect(completed).toHaveLength(1);
      expect(completed[0].completionToken).toBe('token-42');
      expect(completed[0].instanceId).toBe('legacy-1');
      // The workflow waits for its event: a timer-free step with no actions yet.
      expect(completed[0].actions ?? []).toEqual([]);
    } finally {
      await runtime.stop();
      server.forceShutdown();
    }
  });
});

describe('backend selection from the environment', () => {
  it('picks Dapr for WEFT_BACKEND=dapr or a Dapr port, SQLite otherwise, and refuses unknown names', () => {
    expect(createDefaultBackend({ WEFT_BACKEND: 'dapr' })).toBeInstanceOf(DaprSidecarBackend);
    expect(createDefaultBackend({ DAPR_GRPC_PORT: '50001' })).toBeInstanceOf(DaprSidecarBackend);
    expect(createDefaultBackend({ WEFT_BACKEND: 'sqlite', DAPR_GRPC_PORT: '50001' })).toBeInstanceOf(
      SqliteBackend,
    );
    expect(createDefaultBackend({})).toBeInstanceOf(SqliteBackend);
    expect(() => createDefaultBackend({ WEFT_BACKEND: 'postgres' })).toThrow(ValidationError);
  });

  it('reads the sidecar address from DAPR_GRPC_ENDPOINT, DAPR_GRPC_PORT and DAPR_API_TOKEN', () => {
    expect(resolveSidecarAddress({}, {})).toEqual({
      host: '127.0.0.1',
      port: 50001,
      apiToken: undefined,
      secure: false,
    });
    expect(resolveSidecarAddress({}, { DAPR_GRPC_PORT: '4001', DAPR_API_TOKEN: 't' })).toMatchObject({
      port: 4001,
      apiToken: 't',
    });
    expect(resolveSidecarAddress({}, { DAPR_GRPC_ENDPOINT: 'https://dapr.example:443' })).toMatchObject({
      host: 'dapr.example',
      port: 443,
      secure: true,
    });
    expect(resolveSidecarAddress({ port: 7000 }, { DAPR_GRPC_ENDPOINT: 'localhost:6000' })).toMatchObject({
      host: 'localhost',
      port: 7000,
    });
    expect(() => resolveSidecarAddress({}, { DAPR_GRPC_PORT: 'abc' })).toThrow(ValidationError);
  });
});

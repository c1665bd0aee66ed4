import { Client } from '@grpc/grpc-js';
import { DaprSidecarBackend, TimeoutError, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';
import { resolveSidecarAddress } from '../../src/backends/dapr';
import { SidecarConnection } from '../../src/backends/dapr/client/sidecar-connection';
import { GrpcStatus } from '../../src/backends/dapr/grpc-status';
import { loadSidecarService } from '../../src/backends/dapr/protocol/load-protocol';
import { MAX_CALLS_IN_FLIGHT } from '../../src/backends/dapr/server/call-stream';
import type { WireCall, WireCallResult } from '../../src/backends/dapr/protocol/wire-types';
import { useSidecarServer } from './support/in-process-sidecar';
import { threePlusOneRuntime } from './support/three-plus-one';
import { startNoExtensionProxy } from './support/no-extension-proxy';

jest.setTimeout(60_000);

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const service = loadSidecarService();

/** Sends calls on one Calls stream and collects the answers until each was answered (in any order). */
async function exchange(
  connection: SidecarConnection,
  calls: WireCall[],
): Promise<{ results: Map<number, WireCallResult>; error?: { code: number; details: string } }> {
  const stream = connection.openCalls();
  const results = new Map<number, WireCallResult>();
  return new Promise((resolve) => {
    stream.on('data', (result: WireCallResult) => {
      results.set(Number(result.sequence), result);
      if (results.size === calls.length) {
        stream.end();
        resolve({ results });
      }
    });
    stream.on('error', (error: { code: number; details: string }) => resolve({ results, error }));
    for (const call of calls) stream.write(connection.encodeCall(call));
  });
}

/** The unary calls grpc-js makes while `fn` runs, by method name. */
async function unaryCallsDuring(fn: () => Promise<void>): Promise<string[]> {
  const methods: string[] = [];
  const original = Client.prototype.makeUnaryRequest;
  const spy = jest.spyOn(Client.prototype, 'makeUnaryRequest').mockImplementation(function (
    this: Client,
    ...args: unknown[]
  ) {
    methods.push(String(args[0]).split('/').pop() ?? '');
    return (original as (...a: unknown[]) => ReturnType<typeof original>).apply(this, args);
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return methods;
}

/** Runs one three-activity workflow through a runtime and a client on `port`. */
async function runThreeSteps(port: number): Promise<void> {
  const runtime = threePlusOneRuntime(port, 'secret');
  await runtime.start();
  try {
    const id = await runtime.client.scheduleNewWorkflow('three_plus_one', 1);
    const state = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toBe(4);
    expect((await runtime.client.getWorkflowState(id))?.status).toBe(WorkflowStatus.COMPLETED);
  } finally {
    await runtime.stop();
  }
}

/**
 * The Calls stream (Weft extension): a client's unary calls as messages of one stream, each answered with the
 * status and the response its own call would have had.
 */
describe('weft sidecar: Calls', () => {
  const server = useSidecarServer('weft-call-stream-', { apiToken: 'secret' });

  const connect = (apiToken?: string) =>
    new SidecarConnection(resolveSidecarAddress({ port: server.port, apiToken }, {}));

  it('answers each call by its sequence number with the status and response its call would have', async () => {
    const connection = connect('secret');
    const encode = <K extends keyof typeof service>(method: K, request: object) =>
      service[method].requestSerialize(request as never);
    try {
      const { results, error } = await exchange(connection, [
        {
          sequence: 1,
          method: 'StartInstance',
          request: encode('StartInstance', { instanceId: 'c-1', name: 'w' }),
        },
        { sequence: 2, method: 'GetInstance', request: encode('GetInstance', { instanceId: 'nobody' }) },
        {
          sequence: 3,
          method: 'GetInstance',
          request: encode('GetInstance', { instanceId: 'x'.repeat(5000) }),
        },
        { sequence: 4, method: 'NoSuchMethod', request: Buffer.alloc(0) },
        { sequence: 5, method: 'GetWorkItems', request: Buffer.alloc(0) },
        { sequence: 6, method: 'GetInstance', request: Buffer.from([0xff, 0xff, 0xff]) },
        // No worker runs: the instance never finishes, so the call's deadline ends it.
        {
          sequence: 7,
          method: 'WaitForInstanceCompletion',
          request: encode('WaitForInstanceCompletion', { instanceId: 'c-1' }),
          timeoutMs: 100,
        },
      ]);
      expect(error).toBeUndefined();
      const code = (sequence: number) => results.get(sequence)?.code;
      expect(code(1)).toBe(0);
      expect(service.StartInstance.responseDeserialize(results.get(1)?.response as Buffer)).toEqual({
        instanceId: 'c-1',
      });
      expect(code(2)).toBe(0);
      expect(
        service.GetInstance.responseDeserialize(results.get(2)?.response as Buffer).exists ?? false,
      ).toBe(false);
      expect(code(3)).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(results.get(3)?.message).toMatch(/instanceId has 5000 characters/);
      expect(results.get(3)?.errorCode).toBe('VALIDATION');
      expect(code(4)).toBe(GrpcStatus.UNIMPLEMENTED);
      expect(code(5)).toBe(GrpcStatus.UNIMPLEMENTED);
      expect(code(6)).toBe(GrpcStatus.INVALID_ARGUMENT);
      expect(code(7)).toBe(GrpcStatus.DEADLINE_EXCEEDED);
      expect(results.get(7)?.errorCode).toBe('TIMEOUT');
    } finally {
      connection.close();
    }
  });

  it('refuses calls past the in-flight limit with RESOURCE_EXHAUSTED and answers the rest', async () => {
    const connection = connect('secret');
    const encode = <K extends keyof typeof service>(method: K, request: object) =>
      service[method].requestSerialize(request as never);
    try {
      // No worker runs: every wait stays pending until its deadline, so all are in flight at once.
      const waits: WireCall[] = Array.from({ length: MAX_CALLS_IN_FLIGHT + 1 }, (_, i) => ({
        sequence: i + 2,
        method: 'WaitForInstanceCompletion',
        request: encode('WaitForInstanceCompletion', { instanceId: 'flood-1' }),
        timeoutMs: 2_000,
      }));
      const { results, error } = await exchange(connection, [
        {
          sequence: 1,
          method: 'StartInstance',
          request: encode('StartInstance', { instanceId: 'flood-1', name: 'w' }),
        },
        ...waits,
      ]);
      expect(error).toBeUndefined();
      const codes = [...results.values()].map((r) => r.code);
      const refused = [...results.values()].filter((r) => r.code === GrpcStatus.RESOURCE_EXHAUSTED);
      expect(refused).toHaveLength(1);
      expect(refused[0].message).toContain(`${MAX_CALLS_IN_FLIGHT} calls waiting`);
      expect(codes.filter((c) => c === GrpcStatus.DEADLINE_EXCEEDED)).toHaveLength(MAX_CALLS_IN_FLIGHT);
    } finally {
      connection.close();
    }
  });

  it('a Weft client with more waits than the stream takes sends the rest as calls, and every wait is answered', async () => {
    const runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ port: server.port, apiToken: 'secret', logger: silent }),
      workflows: [],
      activities: [],
      logger: silent,
    });
    runtime.registerWorkflow(
      async (ctx: WorkflowContext) => ctx.waitForExternalEvent<string>('go'),
      'waits_for_go',
    );
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow('waits_for_go');
      await runtime.client.waitForWorkflowStart(id);
      let waits: Promise<unknown>[] = [];
      const unary = await unaryCallsDuring(async () => {
        waits = Array.from({ length: MAX_CALLS_IN_FLIGHT + 50 }, () =>
          runtime.client.waitForWorkflowCompletion(id).then((state) => state.output),
        );
        await runtime.client.raiseEvent(id, 'go', 'now');
        await Promise.all(waits);
      });
      expect(new Set(await Promise.all(waits))).toEqual(new Set(['now']));
      expect(unary.filter((m) => m === 'WaitForInstanceCompletion').length).toBeGreaterThanOrEqual(50);
    } finally {
      await runtime.stop();
    }
  });

  it('refuses a stream without the API token', async () => {
    const connection = connect();
    try {
      const { error } = await exchange(connection, [
        { sequence: 1, method: 'GetInstance', request: Buffer.alloc(0) },
      ]);
      expect(error?.code).toBe(GrpcStatus.UNAUTHENTICATED);
    } finally {
      connection.close();
    }
  });

  it("carries Weft's client and worker calls: the only unary call left is Hello", async () => {
    const methods = await unaryCallsDuring(() => runThreeSteps(server.port));
    expect(new Set(methods)).toEqual(new Set(['Hello']));
  });

  it('answers calls made while an idle stream is ending (a new stream carries them)', async () => {
    const connection = connect('secret');
    try {
      // Each call's answer leaves the stream idle; it is ended on the next event-loop turn, when the next
      // call (made on that turn, or after it) already went on a new stream: its answer must not be lost.
      for (let i = 0; i < 20; i++) {
        const turns = i % 3;
        for (let t = 0; t < turns; t++) await new Promise((resolve) => setImmediate(resolve));
        const response = await connection.call('GetInstance', { instanceId: `idle-${i}` });
        expect(response.exists ?? false).toBe(false);
      }
      expect(connection.streamedCalls).toBe(20);
    } finally {
      connection.close();
    }
  });

  it('ends a wait at its timeout with the contract error, and the next call still answers', async () => {
    const backend = new DaprSidecarBackend({ port: server.port, apiToken: 'secret', logger: silent });
    await backend.open();
    try {
      await backend.createInstance({ instanceId: 'never-runs', name: 'nobody_runs_this' });
      await expect(backend.waitForInstance('never-runs', 'completion', 50)).rejects.toBeInstanceOf(
        TimeoutError,
      );
      expect((await backend.getInstance('never-runs', false))?.status).toBe(WorkflowStatus.PENDING);
    } finally {
      await backend.close();
    }
  });
});

describe('Calls: a sidecar without the extension', () => {
  const server = useSidecarServer('weft-call-stream-fallback-', { apiToken: 'secret' });

  it('gets every call as a call of its own, and the workflow runs the same', async () => {
    const proxy = await startNoExtensionProxy(server.port);
    try {
      const methods = await unaryCallsDuring(() => runThreeSteps(proxy.port));
      expect(methods).toEqual(expect.arrayContaining(['StartInstance', 'WaitForInstanceCompletion']));
    } finally {
      await proxy.stop();
    }
  });
});

import { Server, ServerCredentials } from '@grpc/grpc-js';
import type { sendUnaryData, ServerUnaryCall, UntypedServiceImplementation } from '@grpc/grpc-js';
import { DaprSidecarBackend, WorkflowClient, WorkflowStatus } from 'weft-workflows';
import { instanceFromWire } from '../../src/backends/dapr/convert/instance-converter';
import { loadSidecarService } from '../../src/backends/dapr/protocol/load-protocol';
import type { WireGetInstanceRequest, WireWorkflowState } from '../../src/backends/dapr/protocol/wire-types';

const t = { seconds: 1_700_000_000, nanos: 0 };

/**
 * A COMPLETED instance as durabletask-go's backends send it: its PostgreSQL backend (the one several
 * sidecars share) sends `customStatus: ""` for an instance that never set one, and its SQLite backend
 * (v0.14.0, checked with bench/sidecar-parity.ts) sends `input: ""` / `output: ""` for an instance without
 * input or output. Only `output` carries a value here.
 */
const STATE: WireWorkflowState = {
  instanceId: 'pg-1',
  name: 'order',
  workflowStatus: 1,
  createdTimestamp: t,
  lastUpdatedTimestamp: t,
  input: { value: '' },
  output: { value: '"shipped"' },
  customStatus: { value: '' },
};

/**
 * A stand-in for a sidecar on a shared PostgreSQL database, which cannot run in CI: real gRPC on
 * 127.0.0.1, serving only Hello and the instance reads.
 */
async function startFakeSidecar(): Promise<{ port: number; stop(): Promise<void> }> {
  const server = new Server();
  const read = (
    call: ServerUnaryCall<WireGetInstanceRequest, unknown>,
    callback: sendUnaryData<unknown>,
  ): void => {
    if (call.request.instanceId !== STATE.instanceId) return callback(null, { exists: false });
    const withPayloads = call.request.getInputsAndOutputs === true;
    // durabletask-go leaves the payloads out unless asked for them.
    const { input: _input, output: _output, customStatus: _customStatus, ...bare } = STATE;
    callback(null, { exists: true, workflowState: withPayloads ? STATE : bare });
  };
  const handlers: UntypedServiceImplementation = {
    Hello: (_call: unknown, callback: sendUnaryData<unknown>) => callback(null, {}),
    GetInstance: read,
    WaitForInstanceStart: read,
    WaitForInstanceCompletion: read,
  };
  server.addService(loadSidecarService(), handlers);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  return { port, stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())) };
}

describe('empty payloads from durabletask-go backends', () => {
  it('reads "" in every payload field of WorkflowState as absent, and JSON "" as the empty string', () => {
    const record = instanceFromWire({
      ...STATE,
      output: { value: '' },
      parentInstanceId: { value: '' },
      failureDetails: { errorType: 'E', errorMessage: 'm', stackTrace: { value: '' } },
    });
    expect(record.input).toBeUndefined();
    expect(record.output).toBeUndefined();
    expect(record.customStatus).toBeUndefined();
    expect(record.parentInstanceId).toBeUndefined();
    expect(record.failureDetails?.stackTrace).toBeUndefined();
    expect(instanceFromWire({ ...STATE, customStatus: { value: '""' } }).customStatus).toBe('""');
  });

  it('lets DaprSidecarBackend read and wait for a COMPLETED instance whose customStatus is ""', async () => {
    const sidecar = await startFakeSidecar();
    const backend = new DaprSidecarBackend({ port: sidecar.port, connectTimeoutMs: 5000 });
    const client = new WorkflowClient({ backend });
    try {
      await backend.open();
      const expected = { instanceId: 'pg-1', status: WorkflowStatus.COMPLETED, output: 'shipped' };
      const state = await client.getWorkflowState('pg-1');
      expect(state).toMatchObject(expected);
      expect(state).not.toHaveProperty('customStatus');
      expect(state).not.toHaveProperty('input');
      expect(await client.getWorkflowState('pg-1', { getInputsAndOutputs: false })).toMatchObject({
        status: WorkflowStatus.COMPLETED,
      });
      expect(await client.waitForWorkflowStart('pg-1', { timeoutMs: 5000 })).toMatchObject(expected);
      const done = await client.waitForWorkflowCompletion('pg-1', { timeoutMs: 5000 });
      expect(done).toMatchObject(expected);
      expect(done).not.toHaveProperty('customStatus');
    } finally {
      await backend.close();
      await sidecar.stop();
    }
  });
});

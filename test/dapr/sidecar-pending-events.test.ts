import 'reflect-metadata';
import { join } from 'node:path';
import { Metadata, status as GrpcStatus } from '@grpc/grpc-js';
import {
  DaprSidecarBackend,
  SqliteBackend,
  TooManyPendingEventsError,
  WorkflowClient,
  Workflow,
  WorkflowBase,
  WorkflowRuntime,
  WorkflowStatus,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';
import { startSidecarServer } from '../../src/backends/dapr';
import type { SidecarServer } from '../../src/backends/dapr';
import { SidecarConnection } from '../../src/backends/dapr/client/sidecar-connection';
import { tempDir } from './support/sidecar-process';
import { startNoExtensionProxy } from './support/no-extension-proxy';
import { RawSidecarClient } from './support/raw-grpc';

jest.setTimeout(60_000);

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** Waits for two 'item' events and returns their data. */
@Workflow({ name: 'sidecar_pending_pair' })
class Pair extends WorkflowBase<void, unknown[]> {
  async run(ctx: WorkflowContext): Promise<unknown[]> {
    return [await ctx.waitForExternalEvent('item'), await ctx.waitForExternalEvent('item')];
  }
}

/**
 * `weft sidecar` on an engine with `maxPendingEvents: 2`: RaiseEvent at an instance no worker has taken
 * yet answers RESOURCE_EXHAUSTED (with Weft's code as trailer) for the third event and stores nothing;
 * once a worker runs the instance and it consumes the two, it completes with exactly those.
 */
describe('weft sidecar: RaiseEvent at a full inbox', () => {
  const tmp = tempDir('weft-sidecar-pending-');
  let server: SidecarServer;
  let conn: SidecarConnection;
  beforeAll(async () => {
    server = await startSidecarServer({
      backend: new SqliteBackend({ path: join(tmp.dir, 'sidecar.db'), logger: silent, maxPendingEvents: 2 }),
      port: 0,
      logger: silent,
    });
    conn = new SidecarConnection({ host: '127.0.0.1', port: server.port, secure: false });
  });
  afterAll(async () => {
    conn?.close();
    await server?.stop();
    tmp.remove();
  });

  it('answers RESOURCE_EXHAUSTED with TOO_MANY_PENDING_EVENTS, and the instance gets only the events accepted', async () => {
    const instanceId = 'pending-pair';
    await conn.call('StartInstance', { instanceId, name: 'sidecar_pending_pair' });
    const raise = (n: number) =>
      conn.call('RaiseEvent', { instanceId, name: 'item', input: { value: String(n) } });
    await raise(1);
    await raise(2);
    const refused = (await raise(3).catch((e: unknown) => e)) as {
      code: number;
      details: string;
      metadata: Metadata;
    };
    expect(refused.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(refused.details).toMatch(/2 unconsumed events waiting, the limit is 2/);
    expect(refused.metadata.get('weft-error-code')).toEqual(['TOO_MANY_PENDING_EVENTS']);

    const runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ port: server.port }),
      workflows: [Pair],
      activities: [],
      logger: silent,
    });
    await runtime.start();
    try {
      const state = await runtime.client.waitForWorkflowCompletion(instanceId, { timeoutMs: 20_000 });
      expect(state.status).toBe(WorkflowStatus.COMPLETED);
      expect(state.output).toEqual([1, 2]);
    } finally {
      await runtime.stop();
    }
  });

  it("gives Weft's client TooManyPendingEventsError with its fields, on the Calls stream and as calls", async () => {
    // The proxy serves no Weft extension: Weft's client sends its calls one by one (unary) through it.
    const proxy = await startNoExtensionProxy(server.port);
    try {
      for (const [port, path] of [
        [server.port, 'stream'],
        [proxy.port, 'unary'],
      ] as const) {
        const instanceId = `pending-typed-${path}`;
        await conn.call('StartInstance', { instanceId, name: 'sidecar_pending_pair' });
        const backend = new DaprSidecarBackend({ port, logger: silent });
        const client = new WorkflowClient({ backend });
        try {
          await client.raiseEvent(instanceId, 'item', 1);
          await client.raiseEvent(instanceId, 'item', 2);
          const refused = await client.raiseEvent(instanceId, 'item', 3).catch((e: unknown) => e);
          expect(refused).toBeInstanceOf(TooManyPendingEventsError);
          const error = refused as TooManyPendingEventsError;
          expect(error.code).toBe('TOO_MANY_PENDING_EVENTS');
          expect(error.message).toMatch(/2 unconsumed events waiting, the limit is 2/);
          expect({
            instanceId: error.instanceId,
            pendingEvents: error.pendingEvents,
            maxPendingEvents: error.maxPendingEvents,
          }).toEqual({ instanceId, pendingEvents: 2, maxPendingEvents: 2 });
          expect(error.eventBytes).toBeGreaterThan(0);
          expect(error.pendingBytes).toBeGreaterThan(error.eventBytes);
          expect(error.maxPendingEventBytes).toBeGreaterThan(0);
        } finally {
          await backend.close();
        }
      }
    } finally {
      await proxy.stop();
    }
  });

  it('still answers other SDKs RESOURCE_EXHAUSTED with a readable message', async () => {
    const raw = new RawSidecarClient(server.port);
    const refused = await raw.unary(
      'RaiseEvent',
      RawSidecarClient.encode('RaiseEvent', { instanceId: 'pending-typed-stream', name: 'item' }),
    );
    raw.close();
    expect(refused.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(refused.details).toMatch(/^Cannot raise an event for workflow instance 'pending-typed-stream'/);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { WorkflowContext } from 'weft-workflows';
import {
  createDashboardRouter,
  DaprSidecarBackend,
  SqliteBackend,
  StorageError,
  WorkflowClient,
} from 'weft-workflows';
import { startSidecarServer } from '../../src/backends/dapr';
import { SidecarConnection } from '../../src/backends/dapr/client/sidecar-connection';
import { loadExpress } from '../../src/http/lazy-modules';
import { request } from '../http/support/http-client';
import { startHttpHarness } from '../http/support/http-harness';
import { fillDisk, freeDisk } from './support';
import { listenOnLoopback } from '../support/loopback-server';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const big = 'x'.repeat(20_000);

/**
 * What callers see of a storage failure on each surface: HTTP 503 `STORAGE` with `Retry-After` (never a
 * 500, never SQLite's text), gRPC UNAVAILABLE with the `STORAGE` code (a client gets StorageError), and
 * the dashboard API's health. Before: `POST` answered 500 INTERNAL and the sidecar INTERNAL.
 */
describe('storage failures as callers see them', () => {
  it('HTTP: a start refused by a full disk is 503 STORAGE with Retry-After, and 202 once space returns', async () => {
    const harness = await startHttpHarness({ workflows: [], activities: [] }, (runtime) =>
      runtime.registerWorkflow(async function order(_ctx: WorkflowContext, input: unknown) {
        return input;
      }),
    );
    try {
      const backend = harness.runtime.backend as SqliteBackend;
      fillDisk(backend);
      const refused = await request(`${harness.url}/workflows/order`, { method: 'POST', json: { big } });
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('5');
      expect(refused.body.error.code).toBe('STORAGE');
      expect(refused.body.error.message).not.toMatch(/SQLITE|weft\.db/);
      expect(harness.runtime.health().status).toBe('degraded');

      freeDisk(backend);
      const accepted = await request(`${harness.url}/workflows/order`, { method: 'POST', json: { big } });
      expect(accepted.status).toBe(202);
    } finally {
      await harness.close();
    }
  });

  it('dashboard API: GET /api/health reports degraded with the cause, then ok', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-dash-health-'));
    const backend = new SqliteBackend({ path: join(dir, 'weft.db'), logger: silent });
    const client = new WorkflowClient({ backend });
    const app = loadExpress()();
    app.use('/dash', createDashboardRouter(client, { readOnly: true }));
    const server = await listenOnLoopback(app);
    const url = `${server.url}/dash/api/health`;
    try {
      await backend.open();
      expect((await request(url)).body).toEqual({ status: 'ok' });
      fillDisk(backend);
      await expect(client.scheduleNewWorkflow('order', big)).rejects.toBeInstanceOf(StorageError);
      expect((await request(url)).body).toMatchObject({ status: 'degraded', cause: 'SQLITE_FULL' });
      freeDisk(backend);
      await client.scheduleNewWorkflow('order', big);
      expect((await request(url)).body).toEqual({ status: 'ok' });
    } finally {
      await server.close();
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gRPC: the sidecar answers UNAVAILABLE with code STORAGE, and a Weft client gets StorageError', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-grpc-full-'));
    const backend = new SqliteBackend({ path: join(dir, 'weft.db'), logger: silent });
    const sidecar = await startSidecarServer({ backend, port: 0, host: '127.0.0.1', logger: silent });
    const raw = new SidecarConnection({ host: '127.0.0.1', port: sidecar.port, secure: false });
    const remote = new DaprSidecarBackend({ host: '127.0.0.1', port: sidecar.port, logger: silent });
    try {
      fillDisk(backend);
      const err = await raw
        .call('StartInstance', { instanceId: 'a', name: 'wf', input: { value: JSON.stringify(big) } })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: GrpcStatus.UNAVAILABLE });
      expect((err as { metadata: { get(k: string): unknown[] } }).metadata.get('weft-error-code')).toEqual([
        'STORAGE',
      ]);
      await remote.open();
      await expect(
        remote.createInstance({ instanceId: 'b', name: 'wf', input: JSON.stringify(big) }),
      ).rejects.toBeInstanceOf(StorageError);
      freeDisk(backend);
      await remote.createInstance({ instanceId: 'b', name: 'wf', input: JSON.stringify(big) });
      expect((await backend.getInstance('b', false))?.name).toBe('wf');
    } finally {
      raw.close();
      await remote.close();
      await sidecar.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

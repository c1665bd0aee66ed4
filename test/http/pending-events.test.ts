import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteBackend, WorkflowRuntime, serveWorkflows } from 'weft-workflows';
import type { WorkflowServer } from 'weft-workflows';
import { request } from './support/http-client';
import { WaitForGoWorkflow } from './support/test-workflows';

/**
 * POST /workflows/:id/events/:name at an instance whose inbox is full of unconsumed events answers 429
 * TOO_MANY_PENDING_EVENTS (a quota that drains as the workflow consumes; nothing written), and 202 again
 * once the events were consumed.
 */
describe('HTTP: raising an event at a full inbox', () => {
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  let dir: string;
  let runtime: WorkflowRuntime;
  let server: WorkflowServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-http-pending-'));
    runtime = new WorkflowRuntime({
      logger: silent,
      workflows: [WaitForGoWorkflow],
      activities: [],
      backend: new SqliteBackend({ path: join(dir, 'weft.db'), logger: silent, maxPendingEvents: 2 }),
    });
    server = await serveWorkflows({
      runtime,
      port: 0,
      host: '127.0.0.1',
      handleSignals: false,
      logger: { info() {}, error() {} },
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 429 TOO_MANY_PENDING_EVENTS past maxPendingEvents, and 202 once the events are consumed', async () => {
    const started = await request(`${server.url}/workflows/WaitForGo`, { method: 'POST', json: 'in' });
    const id = started.body.instanceId as string;
    await runtime.client.waitForWorkflowStart(id, { timeoutMs: 10_000 });
    expect((await request(`${server.url}/workflows/${id}/suspend`, { method: 'POST' })).status).toBe(202);
    const raise = (data: unknown) =>
      request(`${server.url}/workflows/${id}/events/other`, { method: 'POST', json: data });
    expect((await raise(1)).status).toBe(202);
    expect((await raise(2)).status).toBe(202);

    const refused = await raise(3);
    expect(refused.status).toBe(429);
    expect(refused.body.error).toEqual({
      code: 'TOO_MANY_PENDING_EVENTS',
      message: expect.stringContaining('the limit is 2'),
    });
    const history = await request(`${server.url}/workflows/${id}/history`);
    expect(history.body.events.filter((e: { type: string }) => e.type === 'EventRaised')).toHaveLength(0);

    // Resumed, the instance consumes both (it ignores 'other'); then its 'go' is accepted and ends it.
    expect((await request(`${server.url}/workflows/${id}/resume`, { method: 'POST' })).status).toBe(202);
    await pollHistory(id, 2);
    const go = await request(`${server.url}/workflows/${id}/events/go`, { method: 'POST', json: 'go!' });
    expect(go.status).toBe(202);
    const done = await request(`${server.url}/workflows/${id}?wait=10s`);
    expect(done.body).toMatchObject({ status: 'COMPLETED', output: { input: 'in', event: 'go!' } });
  });

  /** Reads the history over HTTP (each read a round trip) until the instance's history holds `count` EventRaised. */
  async function pollHistory(id: string, count: number): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      const history = await request(`${server.url}/workflows/${id}/history`);
      const raised = history.body.events.filter((e: { type: string }) => e.type === 'EventRaised');
      if (raised.length >= count) return;
    }
    throw new Error(`the instance did not consume ${count} events`);
  }
});

import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { WorkflowClient, createWorkflowRouter, jsonErrorHandler, routeNotFoundHandler } from 'weft-workflows';
import type { WorkflowState } from 'weft-workflows';
import { startHttpHarness } from './support/http-harness';
import type { HttpHarness } from './support/http-harness';
import { request } from './support/http-client';
import { EchoWorkflow } from './support/test-workflows';

describe('generated router: bodies, limits and the error shape', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness({ workflows: [EchoWorkflow], activities: [] });
  });
  afterAll(() => h.close());

  const count = async () =>
    ((await request(`${h.url}/workflows?pageSize=1000`)).body.items as unknown[]).length;

  it('answers malformed JSON with 400 VALIDATION and stores nothing', async () => {
    const before = await count();
    const res = await request(`${h.url}/workflows/Echo?instanceId=malformed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"name": "Paperclips",',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.message).toMatch(/not valid JSON/);
    expect(await count()).toBe(before);
    expect((await request(`${h.url}/workflows/malformed`)).status).toBe(404);
  });

  it('answers a 3 MiB body with 413 and stores nothing', async () => {
    const before = await count();
    const res = await request(`${h.url}/workflows/Echo?instanceId=huge`, {
      method: 'POST',
      json: { blob: 'x'.repeat(3 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.message).toMatch(/over the limit of 2097152 bytes/);
    expect(await count()).toBe(before);
  });

  it('accepts a body just under the limit', async () => {
    const blob = 'y'.repeat(2 * 1024 * 1024 - 100);
    const res = await request(`${h.url}/workflows/Echo`, { method: 'POST', json: blob });
    expect(res.status).toBe(202);
    const state = await request(`${h.url}/workflows/${res.body.instanceId}?wait=20s`);
    expect(state.body.output).toHaveLength(blob.length);
  });

  it('answers a body that is not JSON with 415 VALIDATION', async () => {
    const before = await count();
    const res = await request(`${h.url}/workflows/Echo`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(res.status).toBe(415);
    expect(res.body.error).toEqual({ code: 'VALIDATION', message: expect.stringContaining('text/plain') });
    expect(await count()).toBe(before);
  });

  it('answers unsupported charsets with 415', async () => {
    const res = await request(`${h.url}/workflows/Echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=latin-9000' },
      body: '{}',
    });
    expect(res.status).toBe(415);
  });

  it('answers unknown routes with 404 ROUTE_NOT_FOUND in the same JSON shape', async () => {
    for (const [method, path] of [
      ['GET', '/nope'],
      ['PUT', '/workflows/Echo'],
      ['POST', '/workflows/a/b/c/d'],
    ]) {
      const res = await request(`${h.url}${path}`, { method });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('ROUTE_NOT_FOUND');
    }
  });

  it('never answers user input with a 500', async () => {
    const inputs: [string, RequestInit][] = [
      ['/workflows/%E0%A4%A', { method: 'GET' }],
      ['/workflows/Echo?instanceId=', { method: 'POST' }],
      ['/workflows/x/events/%20', { method: 'POST' }],
      ['/workflows?createdFrom=99999999999999999999', { method: 'GET' }],
      [
        '/workflows/Echo',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: '\u0000' },
      ],
    ];
    for (const [path, init] of inputs) {
      const res = await fetch(`${h.url}${path}`, init);
      expect(res.status).toBeLessThan(500);
    }
    expect(h.loggedErrors).toEqual([]);
  });
});

describe('generated router: unexpected failures', () => {
  let server: Server;
  let url: string;
  const logged: unknown[][] = [];

  beforeAll(async () => {
    const h = await startHttpHarness({ workflows: [EchoWorkflow], activities: [] });
    const failing = new (class extends WorkflowClient {
      override async getWorkflowState(): Promise<WorkflowState | undefined> {
        throw new Error('secret internal detail at /srv/app/db.ts:42');
      }
    })({ backend: h.runtime.backend });
    const app = express();
    app.use(
      '/api',
      createWorkflowRouter(
        { client: failing, registry: h.runtime.registry },
        { logger: { error: (...args: unknown[]) => logged.push(args) } },
      ),
    );
    app.use(routeNotFoundHandler());
    app.use(jsonErrorHandler());
    server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
    afterAllClose = async () => {
      await new Promise((r) => server.close(r));
      await h.close();
    };
  });
  let afterAllClose: () => Promise<void>;
  afterAll(() => afterAllClose());

  it('answers 500 INTERNAL without the message or stack, and logs the error', async () => {
    const res = await request(`${url}/workflows/any-id`);
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL');
    const text = JSON.stringify(res.body);
    expect(text).not.toMatch(/secret|db\.ts|at /);
    expect(logged).toHaveLength(1);
    expect(String((logged[0][1] as Error).message)).toMatch(/secret/);
  });

  it('puts the mount path into Location when mounted under a prefix', async () => {
    const res = await request(`${url}/workflows/Echo`, { method: 'POST', json: 1 });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/api/workflows/${res.body.instanceId}`);
  });
});

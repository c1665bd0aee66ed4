import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import express from 'express';
import { SqliteBackend, WorkflowRuntime, serveWorkflows } from 'weft-workflows';
import { startHttpHarness } from './support/http-harness';
import { request } from './support/http-client';
import { EchoWorkflow, WaitForGoWorkflow } from './support/test-workflows';
import { SlowActivity, SlowWorkflow, slowGate } from './support/slow-workflow';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe('serveWorkflows: bootstrap and graceful shutdown', () => {
  it('answers a waiting request with the current state on close(), then stops the runtime and the listener', async () => {
    const h = await startHttpHarness({ workflows: [WaitForGoWorkflow], activities: [] });
    const { body } = await request(`${h.url}/workflows/WaitForGo`, { method: 'POST', json: 1 });
    const arrived = new Promise((r) => h.server.server.once('request', r));
    const waiting = request(`${h.url}/workflows/${body.instanceId}?wait=60s`);
    await arrived;
    await h.close();
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(['PENDING', 'RUNNING']).toContain(answer.body.status);
    expect(h.runtime.isRunning).toBe(false);
    await expect(fetch(`${h.url}/workflows`)).rejects.toThrow();
    await h.server.closed;
    await h.server.close(); // idempotent
  });

  it('lets an in-flight activity finish and saves its result before the engine closes (not run again after restart)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-http-'));
    const path = join(dir, 'weft.db');
    try {
      const runtime = new WorkflowRuntime({
        backend: new SqliteBackend({ path, logger: silent }),
        workflows: [SlowWorkflow],
        activities: [SlowActivity],
        logger: silent,
      });
      const server = await serveWorkflows({ runtime, port: 0, handleSignals: false, logger: silent });
      const started = await request(`${server.url}/workflows/SlowWorkflow?instanceId=slow-1`, {
        method: 'POST',
        json: 'payload',
      });
      expect(started.status).toBe(202);
      await slowGate.started;
      const closing = server.close();
      slowGate.release();
      await closing;

      const reopened = new WorkflowRuntime({
        backend: new SqliteBackend({ path, logger: silent }),
        workflows: [SlowWorkflow],
        activities: [SlowActivity],
        logger: silent,
      });
      await reopened.start();
      const state = await reopened.client.waitForWorkflowCompletion('slow-1', { timeoutMs: 20_000 });
      await reopened.stop();
      expect(state.output).toBe('done payload');
      expect(slowGate.runs).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('mounts on a given app under a path, leaving its other routes alone', async () => {
    const app = express();
    app.post('/health', express.text(), (req, res) => {
      res.send(`ok ${String(req.body)}`);
    });
    const h = await startHttpHarness({ workflows: [EchoWorkflow], activities: [] }, undefined, {
      app,
      mountPath: '/api',
    });
    try {
      const health = await fetch(`${h.url}/health`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain' },
        body: 'text body',
      });
      expect(await health.text()).toBe('ok text body');
      const started = await request(`${h.url}/api/workflows/Echo`, { method: 'POST', json: 'x' });
      expect(started.status).toBe(202);
      expect(started.headers.get('location')).toBe(`/api/workflows/${started.body.instanceId}`);
      expect((await request(`${h.url}/api/openapi.json`)).body.servers).toEqual([{ url: '/api' }]);
    } finally {
      await h.close();
    }
  });

  it('rejects when the port is taken, and stops the runtime it started', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as AddressInfo).port;
    const runtime = new WorkflowRuntime({
      backend: new SqliteBackend({ path: ':memory:', logger: silent }),
      workflows: [EchoWorkflow],
      activities: [],
      logger: silent,
    });
    try {
      await expect(serveWorkflows({ runtime, port, handleSignals: false, logger: silent })).rejects.toThrow(
        /EADDRINUSE/,
      );
      expect(runtime.isRunning).toBe(false);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });
});

describe('npm start (order-processing sample) as a real process', () => {
  it('serves orders, and on SIGTERM finishes and exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-http-'));
    const root = resolve(__dirname, '../..');
    const child = spawn(
      process.execPath,
      ['-r', join(root, 'test/http/support/ts-register.js'), join(root, 'samples/order-processing/main.ts')],
      { cwd: dir, env: { ...process.env, PORT: '0', WEFT_DB: join(dir, 'orders.db') }, stdio: 'pipe' },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        const check = () => {
          const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match) resolveUrl(match[1]);
        };
        child.stdout.on('data', check);
        exited.then(() => reject(new Error(`exited early:\n${out}`)));
      });
      const started = await request(`${url}/orders`, {
        method: 'POST',
        json: { name: 'Paperclips', totalCost: 10, quantity: 2 },
      });
      expect(started.status).toBe(202);
      const done = await request(`${url}/orders/${started.body.instanceId}?wait=20s`);
      expect(done.body).toMatchObject({ status: 'COMPLETED', result: { processed: true } });
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('weft: SIGTERM received');
      expect(out).toContain('weft: stopped.');
      expect(out).toContain(`curl -i -X POST ${url}/orders`);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

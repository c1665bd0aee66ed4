/**
 * The dashboard over a Dapr sidecar (`weft sidecar` in another process, real gRPC on 127.0.0.1): the header
 * names the sidecar, the list pages and counts, and a failed instance shows its failing activity. Prints how
 * long the list and the counts take over gRPC (no timing assertions).
 */
import 'reflect-metadata';
import { join } from 'node:path';
import express from 'express';
import type { Browser, Page } from 'playwright-core';
import { createDashboardRouter, DaprSidecarBackend, WorkflowRuntime } from 'weft-workflows';
import { startSidecarProcess, tempDir } from '../dapr/support/sidecar-process';
import type { SidecarProcess } from '../dapr/support/sidecar-process';
import { launchBrowser } from './support/browser';
import { listenOnLoopback } from '../support/loopback-server';
import type { LoopbackServer } from '../support/loopback-server';
import { consoleActivities, consoleWorkflows } from './support/console-workflows';

jest.setTimeout(60_000);

const tmp = tempDir('weft-dash-sidecar-');
let sidecar: SidecarProcess;
let runtime: WorkflowRuntime;
let server: LoopbackServer | undefined;
let base: string;
let browser: Browser;
let page: Page;
let source: string;

beforeAll(async () => {
  sidecar = await startSidecarProcess({ db: join(tmp.dir, 'sidecar.db') });
  runtime = new WorkflowRuntime({
    backend: new DaprSidecarBackend({ port: sidecar.port }),
    workflows: consoleWorkflows,
    activities: consoleActivities,
    logger: { debug() {}, info() {}, warn() {}, error() {} },
  });
  await runtime.start();
  const client = runtime.client;
  await client.scheduleNewWorkflow('charge_wf', 7, { instanceId: 'sc-charge' });
  for (let i = 0; i < 30; i += 1)
    await client.scheduleNewWorkflow(
      'order_wf',
      { sku: `s${i}`, quantity: 1 },
      { instanceId: `sc-order-${i}` },
    );
  await client.waitForWorkflowCompletion('sc-charge', { timeoutMs: 30_000 });
  await client.waitForWorkflowCompletion('sc-order-29', { timeoutMs: 30_000 });
  source = `sidecar 127.0.0.1:${sidecar.port}`;
  const app = express();
  app.use('/', createDashboardRouter(client, { registry: runtime.registry, source, refreshIntervalMs: 300 }));
  server = await listenOnLoopback(app);
  base = server.url;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await runtime?.stop();
  await sidecar?.stop();
  tmp.remove();
});

it('names the sidecar, lists a page with counts, and shows a failure from its activity', async () => {
  await page.goto(`${base}/`);
  expect(await page.locator('#source').innerText()).toBe(source);
  await page.locator('#counts button[data-status="FAILED"]').waitFor();
  expect(await page.locator('#counts button[data-status=""] .count-n').innerText()).toBe('31');
  expect(await page.locator('#instances tbody tr[data-instance-id]').count()).toBe(25);
  await page.click('#next-page');
  await page.waitForFunction(() => document.querySelector('#page-number')?.textContent === 'Page 2');
  await page.locator('#instances tbody tr[data-instance-id]').first().waitFor();

  await page.goto(`${base}/instances/sc-charge`);
  await page.locator('#failure-message').waitFor();
  expect(await page.locator('#failure-message').innerText()).toBe('Error: card declined for 7');
  expect(await page.locator('#failure-attempts').innerText()).toBe('after 2 attempts');

  const time = async (path: string): Promise<number> => {
    const t0 = performance.now();
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    await res.json();
    return performance.now() - t0;
  };
  const list = await time('/api/instances?pageSize=25');
  const counts = await time('/api/counts');
  process.stdout.write(
    `dashboard over a sidecar, 31 instances: list page of 25 ${list.toFixed(0)} ms, counts ${counts.toFixed(0)} ms\n`,
  );
});

declare const document: { querySelector(s: string): { textContent: string | null } | null };

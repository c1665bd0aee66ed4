/**
 * Opening the dashboard leaves the browser console clean: no request of the page fails (the browser's own
 * `/favicon.ico` request included, which the router does not serve), so an operator who opens the developer
 * tools sees only real problems.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import type { Browser } from 'playwright-core';
import { createDashboardRouter, SqliteBackend, WorkflowClient } from 'weft-workflows';
import { launchBrowser } from './support/browser';
import { listenOnLoopback } from '../support/loopback-server';
import type { LoopbackServer } from '../support/loopback-server';

let dir: string;
let backend: SqliteBackend;
let server: LoopbackServer | undefined;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'weft-dash-console-'));
  backend = new SqliteBackend({ path: join(dir, 'weft.db') });
  await backend.open();
  await backend.createInstance({ instanceId: 'one', name: 'greeting' });
  const app = express();
  app.use(createDashboardRouter(new WorkflowClient({ backend }), { refreshIntervalMs: 60_000 }));
  server = await listenOnLoopback(app);
  baseUrl = server.url;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('loads the list with no failed request and no console error', async () => {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400) problems.push(`HTTP ${r.status()} ${r.url()}`);
  });
  await page.goto(`${baseUrl}/`, { waitUntil: 'networkidle' });
  await page.locator('#instances tbody tr[data-instance-id="one"]').waitFor();
  expect(problems).toEqual([]);
  await page.close();
});

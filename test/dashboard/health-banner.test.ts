/**
 * The dashboard tells an operator when the engine's storage fails: a banner appears on a real disk-full engine
 * (SQLite's page limit reached) and goes away by itself once space returns.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createDashboardRouter, SqliteBackend, StorageError, WorkflowClient } from 'weft-workflows';
import { loadExpress } from '../../src/http/lazy-modules';
import { fillDisk, freeDisk } from '../faults/support';
import { launchBrowser, screenshot } from './support/browser';
import { listenOnLoopback } from '../support/loopback-server';
import type { LoopbackServer } from '../support/loopback-server';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

// Runs in the browser; declared for the page callbacks only.
declare const document: {
  getElementById(id: string): { className: string; textContent: string | null } | null;
};

let dir: string;
let backend: SqliteBackend;
let client: WorkflowClient;
let server: LoopbackServer | undefined;
let browser: Browser;
let page: Page;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'weft-dash-banner-'));
  backend = new SqliteBackend({ path: join(dir, 'weft.db'), logger: silent });
  await backend.open();
  client = new WorkflowClient({ backend });
  const app = loadExpress()();
  app.use('/dash', createDashboardRouter(client, { readOnly: true, refreshIntervalMs: 300 }));
  server = await listenOnLoopback(app);
  base = `${server.url}/dash`;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 700 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await backend?.close();
  rmSync(dir, { recursive: true, force: true });
});

it('shows a degraded banner while the disk is full, and hides it once storage recovers', async () => {
  await page.goto(`${base}/`);
  await page.locator('#health').waitFor({ state: 'attached' });
  expect(await page.locator('#health').isHidden()).toBe(true);

  fillDisk(backend);
  await expect(client.scheduleNewWorkflow('order', 'x'.repeat(20_000))).rejects.toBeInstanceOf(StorageError);
  await page.locator('#health[data-status="degraded"]').waitFor({ timeout: 20_000 });
  expect(await page.locator('#health').innerText()).toMatch(/degraded/i);
  await screenshot(page, 'health-degraded', false);

  freeDisk(backend);
  await client.scheduleNewWorkflow('order', 'x'.repeat(20_000));
  await page.waitForFunction(
    () => document.getElementById('health')?.className.includes('hidden') ?? false,
    null,
    {
      timeout: 20_000,
    },
  );
}, 60_000);

/**
 * The dashboard as an operator uses it, in Chromium: a failure shown from the failing activity outwards,
 * what a running instance waits for, a stalled instance, the list's counts/filters/sorting, bulk actions
 * with a counted confirmation, the start form, the history download that replayWorkflowHistory reads,
 * charts, and a list refresh that never overlaps a slow request. Screenshots go to test-output/screenshots/ (`npm run screenshots` refreshes docs/screenshots/).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import type { NextFunction, Request, Response } from 'express';
import type { Browser, Page } from 'playwright-core';
import {
  createDashboardRouter,
  replayWorkflowHistory,
  SqliteBackend,
  WorkflowRuntime,
  WorkflowStatus,
} from 'weft-workflows';
import type { WorkflowClient } from 'weft-workflows';
import { launchBrowser, screenshot } from './support/browser';
import { listenOnLoopback } from '../support/loopback-server';
import type { LoopbackServer } from '../support/loopback-server';
import { InvoiceV1, InvoiceV2, stallOnBadDeploy } from '../support/stalled-instance';
import { consoleActivities, consoleWorkflows, gate } from './support/console-workflows';

declare const document: {
  querySelector(s: string): { textContent: string | null } | null;
  querySelectorAll(s: string): { length: number };
};

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
let dir: string;
let dbPath: string;
let runtime: WorkflowRuntime;
let client: WorkflowClient;
let server: LoopbackServer | undefined;
let base: string;
let browser: Browser;
let stallDb: string;
/** The deploy running on the stall database (first the bad one, then one with both versions). */
let stall: { runtime: WorkflowRuntime; backend: SqliteBackend };
let stallRouter: ReturnType<typeof createDashboardRouter>;
let page: Page;
/** Uncaught errors of the page script; afterAll expects none. */
const pageErrors: string[] = [];

/** A held `/api/instances` request of the `/slow` mount, released by the test. */
const slow = { inFlight: 0, calls: 0, release: (): void => undefined, arrived: (): void => undefined };

async function until(check: () => Promise<boolean>): Promise<void> {
  while (!(await check())) await new Promise((r) => setImmediate(r));
}
const statusOf = async (id: string): Promise<string | undefined> =>
  (await client.getWorkflowState(id))?.status;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'weft-console-'));
  dbPath = join(dir, 'console.db');
  runtime = new WorkflowRuntime({
    backend: new SqliteBackend({ path: dbPath, pollIntervalMs: 20, logger: quiet }),
    workflows: consoleWorkflows,
    activities: consoleActivities,
    logger: quiet,
  });
  await runtime.start();
  client = runtime.client;
  await client.scheduleNewWorkflow('charge_wf', 99, { instanceId: 'charge-1' });
  await client.scheduleNewWorkflow('checkout_wf', undefined, { instanceId: 'checkout-1' });
  await client.scheduleNewWorkflow('busy_wf', undefined, { instanceId: 'busy-1' });
  await client.scheduleNewWorkflow('order_wf', { sku: 'pen', quantity: 2 }, { instanceId: 'pen-1' });
  for (const id of ['hold-1', 'hold-2', 'hold-3'])
    await client.scheduleNewWorkflow('approval_wf', undefined, { instanceId: id });
  for (const id of ['done-1', 'done-2', 'done-3'])
    await client.scheduleNewWorkflow('order_wf', { sku: id, quantity: 1 }, { instanceId: id });
  for (const id of ['charge-1', 'checkout-1', 'pen-1', 'done-1', 'done-2', 'done-3'])
    await client.waitForWorkflowCompletion(id, { timeoutMs: 20_000 });
  await until(async () => {
    const h = await client.getWorkflowHistory('busy-1');
    return h.some(
      (e) => e.type === 'TimerCreated' && (e.origin as { kind?: string })?.kind === 'activityRetry',
    );
  });

  const app = express();
  app.use(
    '/ops',
    createDashboardRouter(client, { registry: runtime.registry, source: dbPath, refreshIntervalMs: 300 }),
  );
  // A second database with a real STALLED instance; /s serves whichever deploy currently runs on it.
  stallDb = join(dir, 'stall.db');
  stall = await stallOnBadDeploy(stallDb, 'stalled-1');
  stallRouter = createDashboardRouter(stall.runtime.client, { source: stallDb, refreshIntervalMs: 300 });
  app.use('/s', (req: Request, res: Response, next: NextFunction) => stallRouter(req, res, next));
  app.use(
    '/slow',
    (req: Request, res: Response, next: NextFunction) => {
      if (req.path !== '/api/instances') return next();
      slow.calls += 1;
      slow.inFlight += 1;
      res.on('finish', () => (slow.inFlight -= 1));
      if (slow.calls > 1) return next();
      slow.arrived();
      slow.release = () => next();
    },
    createDashboardRouter(client, { source: 'sidecar 127.0.0.1:50001' }),
  );
  server = await listenOnLoopback(app);
  base = server.url;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  gate.release();
  await runtime?.stop();
  await stall?.runtime.stop();
  rmSync(dir, { recursive: true, force: true });
  expect(pageErrors).toEqual([]);
});

describe('failure first', () => {
  it("shows the failing activity's own message, user frames first, attempts, and reruns from the failed step", async () => {
    await page.goto(`${base}/ops/instances/charge-1`);
    await page.locator('#failure').waitFor();
    expect(await page.locator('#failure-where').innerText()).toBe('in activity charge_act');
    expect(await page.locator('#failure-message').innerText()).toBe('Error: card declined for 99');
    expect(await page.locator('#failure-attempts').innerText()).toBe('after 2 attempts');
    const userStack = await page.locator('#failure-stack').innerText();
    expect(userStack.split('\n')[1]).toContain('at declineCard');
    expect(userStack).not.toMatch(/src\/runtime|node:internal/);
    expect(await page.locator('#failure > .stack .internal-frames summary').innerText()).toMatch(
      /^\d+ frames in Weft and Node$/,
    );
    await screenshot(page, 'instance-failed');

    const history = await client.getWorkflowHistory('charge-1');
    const failedStep = history.filter((e) => e.type === 'TaskScheduled').pop()!;
    await page.click('#failure-rerun');
    expect(await page.locator('#field-eventId').inputValue()).toBe(String(failedStep.eventId));
    await page.click('#dialog-cancel');
  });

  it('follows a failed child down to its activity: the cause chain links each instance', async () => {
    await page.goto(`${base}/ops/instances/checkout-1`);
    await page.locator('#cause-chain').waitFor();
    expect(await page.locator('#failure-message').innerText()).toBe('Error: card declined for 42');
    expect(await page.locator('#failure-where').innerText()).toBe('in activity charge_act');
    expect(await page.locator('#failure-instance').innerText()).toBe('checkout-1-charge');
    const chain = await page.$$eval('#cause-chain li.cause', (items) =>
      items.map((li) => li.getAttribute('data-kind')),
    );
    expect(chain).toEqual(['workflow', 'child', 'activity']);
    await page.click('#failure-instance');
    await page.waitForURL(/instances\/checkout-1-charge$/);
    await page.locator('#failure-attempts').waitFor();
  });
});

describe('what it waits for', () => {
  it('lists the timer with its time, the activity in flight, the one waiting to retry, and the child; the timeline runs to now', async () => {
    await page.goto(`${base}/ops/instances/busy-1`);
    await page.locator('#waiting').waitFor();
    const history = await client.getWorkflowHistory('busy-1');
    const timer = history.find(
      (e) => e.type === 'TimerCreated' && (e.origin as { kind: string }).kind === 'createTimer',
    )!;
    const retry = history.find(
      (e) => e.type === 'TimerCreated' && (e.origin as { kind: string }).kind === 'activityRetry',
    )!;
    const timerText = await page.locator('li.wait-timer').innerText();
    expect(timerText).toContain(
      new Date(timer.fireAt as number).toISOString().replace('T', ' ').replace('Z', ''),
    );
    expect(timerText).toMatch(/\(in (59|60) min/);
    expect(await page.locator('li.wait-activity[data-name="slow_act"]').innerText()).toMatch(
      /attempt 1 in flight/,
    );
    const retrying = await page.locator('li.wait-activity.retrying').innerText();
    expect(retrying).toContain('attempt 1 failed: service unavailable');
    expect(retrying).toContain(
      `attempt 2 at ${new Date(retry.fireAt as number).toISOString().replace('T', ' ').replace('Z', '')}`,
    );
    expect(await page.locator('a.wait-child-link').innerText()).toBe('busy-1-approval');
    expect(await page.locator('#timeline-end').innerText()).toMatch(/\(now\)$/);
    const share = await page.locator('.timeline-row[data-kind="timer"] .timeline-track').evaluate((track) => {
      const bar = track.querySelector('.bar')!;
      return bar.getBoundingClientRect().width / track.getBoundingClientRect().width;
    });
    expect(share).toBeGreaterThan(0.5);
    await screenshot(page, 'instance-waiting');

    await page.click('a.wait-child-link');
    await page.waitForURL(/busy-1-approval$/);
    // A wait without a timeout leaves nothing in history: the engine's waitingForEvents names it.
    expect(await page.locator('li.wait-event[data-name="approval"]').innerText()).toBe(
      'event approval · no deadline',
    );
  });
});

describe('versioning and stalls', () => {
  it('shows a real STALLED instance with its reason, description, version and patches, and counts it', async () => {
    await page.goto(`${base}/s/instances/stalled-1`, { waitUntil: 'domcontentloaded' });
    await page.locator('#stalled-reason').waitFor();
    expect(await page.locator('#stalled-reason').innerText()).toBe('VERSION_NOT_AVAILABLE');
    // The engine's own words, from the ExecutionStalled event.
    const [stalledEvent] = (await stall.runtime.client.getWorkflowHistory('stalled-1')).filter(
      (e) => e.type === 'ExecutionStalled',
    );
    expect(await page.locator('#stalled-description').innerText()).toBe(String(stalledEvent?.description));
    expect(await page.locator('#stalled-description').innerText()).toContain('v1');
    expect(await page.locator('#fact-status').innerText()).toBe('STALLED');
    expect(await page.locator('#fact-version').innerText()).toBe('v1');
    expect(await page.locator('#fact-patches').innerText()).toBe('round-totals');
    expect(await page.locator('#action-terminate').count()).toBe(1);
    expect(await page.locator('#action-raise-event, #action-suspend, #waiting').count()).toBe(0);
    await screenshot(page, 'instance-stalled');
    await page.goto(`${base}/s/?search=stalled`);
    await page.locator('tr[data-instance-id="stalled-1"]').waitFor();
    expect(await page.locator('#counts button[data-status="STALLED"] .count-n').innerText()).toBe('1');
    expect(await page.locator('tr[data-instance-id="stalled-1"] .failure-cell').innerText()).toBe(
      'VERSION_NOT_AVAILABLE',
    );
  });

  it('shows the instance continuing once a worker with its version runs', async () => {
    await stall.runtime.stop();
    const backend = new SqliteBackend({ path: stallDb, logger: quiet });
    const fixed = new WorkflowRuntime({ backend, workflows: [InvoiceV1, InvoiceV2], logger: quiet });
    stall = { runtime: fixed, backend };
    stallRouter = createDashboardRouter(fixed.client, { source: stallDb, refreshIntervalMs: 300 });
    await fixed.start();
    const done = await fixed.client.waitForWorkflowCompletion('stalled-1', { timeoutMs: 20_000 });
    expect(done.output).toBe('v1 rounded');
    await page.goto(`${base}/s/instances/stalled-1`);
    await page.locator('#fact-status').waitFor();
    expect(await page.locator('#fact-status').innerText()).toBe('COMPLETED');
    expect(await page.locator('#stalled').count()).toBe(0);
    expect(await page.locator('#fact-version').innerText()).toBe('v1');
    expect(await page.locator('#output').innerText()).toContain('v1 rounded');
    await page.goto(`${base}/s/?search=stalled`);
    await page.locator('#counts button[data-status="COMPLETED"] .count-n').waitFor();
    expect(await page.locator('#counts button[data-status="COMPLETED"] .count-n').innerText()).toBe('1');
    expect(await page.locator('#counts button[data-status="STALLED"]').count()).toBe(0);
  });
});

const rowIds = (p: Page): Promise<string[]> =>
  p.$$eval('#instances tbody tr[data-instance-id]', (rows) =>
    rows.map((r) => r.getAttribute('data-instance-id') ?? ''),
  );

describe('a list that answers questions', () => {
  it('counts per status, filters by several statuses and a name, sorts, shows duration, failure and parents, and roots only', async () => {
    await page.goto(`${base}/ops/`);
    await page.locator('#counts button[data-status="FAILED"]').waitFor();
    expect(await page.locator('#source').innerText()).toBe(dbPath);
    const all = await client.listWorkflows({ pageSize: 100 });
    const failed = all.items.filter((s) => s.status === WorkflowStatus.FAILED).length;
    expect(await page.locator('#counts button[data-status="FAILED"] .count-n').innerText()).toBe(
      String(failed),
    );
    expect(await page.locator('#counts button[data-status=""] .count-n').innerText()).toBe(
      String(all.items.length),
    );
    await screenshot(page, 'list');

    await page.click('#counts button[data-status="FAILED"]');
    await page.click('#counts button[data-status="COMPLETED"]');
    await page.waitForURL(/status=FAILED%2CCOMPLETED|status=FAILED,COMPLETED/);
    const expected = all.items
      .filter((s) => s.status === 'FAILED' || s.status === 'COMPLETED')
      .map((s) => s.instanceId);
    await page.waitForFunction(
      (n) => document.querySelectorAll('#instances tbody tr[data-instance-id]').length === n,
      expected.length,
    );
    const shown = await rowIds(page);
    expect(shown.sort()).toEqual(expected.sort());
    expect(await page.locator('tr[data-instance-id="charge-1"] .failure-cell').innerText()).toBe(
      (await client.getWorkflowState('charge-1'))!.failureDetails!.message,
    );
    expect(await page.locator('tr[data-instance-id="checkout-1-charge"] a.parent-link').innerText()).toBe(
      'checkout-1',
    );
    expect(await page.locator('tr[data-instance-id="done-1"] .completed-at').innerText()).not.toBe('');

    await page.click('th[data-sort="duration"]');
    const durations = await page.$$eval('#instances tbody tr[data-instance-id]', (rows) =>
      rows.map((r) => r.getAttribute('data-instance-id') ?? ''),
    );
    const byDuration = all.items
      .filter((s) => expected.includes(s.instanceId))
      .map((s) => [s.instanceId, s.lastUpdatedAt.getTime() - s.createdAt.getTime()] as const)
      .sort((a, b) => a[1] - b[1]);
    expect(byDuration[0][1]).toBeLessThanOrEqual(byDuration[byDuration.length - 1][1]);
    expect(durations[durations.length - 1]).toBe(byDuration[byDuration.length - 1][0]);

    await page.check('#roots-only');
    await page.waitForFunction(() => !document.querySelector('tr[data-instance-id="checkout-1-charge"]'));
    expect(await page.locator('a.parent-link').count()).toBe(0);

    await page.selectOption('#name-filter', 'order_wf');
    await page.waitForFunction(() => !document.querySelector('tr[data-instance-id="charge-1"]'));
    expect((await rowIds(page)).sort()).toEqual(['done-1', 'done-2', 'done-3', 'pen-1']);

    await page.selectOption('#range-filter', '900000');
    await page.waitForURL(/range=900000/);
    await page.locator('tr[data-instance-id="done-1"]').waitFor();
    await page.selectOption('#range-filter', 'custom');
    await page.fill('#created-from', '2999-01-01T00:00');
    await page.locator('text=No workflow instances match.').waitFor();
    await page.selectOption('#range-filter', '');
    await page.locator('tr[data-instance-id="done-1"]').waitFor();

    await page.selectOption('#time-zone', 'local');
    await page.locator('th', { hasText: 'Created (local)' }).waitFor();
  });
});

describe('bulk actions', () => {
  it('purges a selection after a confirmation that says how many', async () => {
    await page.goto(`${base}/ops/?search=done-`);
    await page.locator('tr[data-instance-id="done-3"]').waitFor();
    await page.check('tr[data-instance-id="done-1"] input.select-row');
    await page.check('tr[data-instance-id="done-2"] input.select-row');
    expect(await page.locator('#selected-count').innerText()).toBe('2 selected');
    await page.click('#bulk-purge-selected');
    await page.locator('#confirm-dialog').waitFor();
    expect(await page.locator('#confirm-dialog h2').innerText()).toBe('Purge 2 instances');
    await screenshot(page, 'bulk-confirm', false);
    await page.click('#dialog-confirm');
    await page.locator('#flash', { hasText: 'Purged 2 instances.' }).waitFor();
    expect(await client.getWorkflowState('done-1')).toBeUndefined();
    expect(await client.getWorkflowState('done-2')).toBeUndefined();
    expect(await client.getWorkflowState('done-3')).toBeDefined();
  });

  it('terminates everything a filter matches, counting only what it can terminate', async () => {
    await page.goto(`${base}/ops/?name=approval_wf&search=hold-`);
    await page.locator('tr[data-instance-id="hold-3"]').waitFor();
    await page.click('#bulk-terminate-filter');
    await page.locator('#confirm-dialog').waitFor();
    expect(await page.locator('#dialog-message').innerText()).toMatch(
      /^Terminate 3 unfinished instances matching the filters/,
    );
    await page.click('#dialog-confirm');
    await page.locator('#flash', { hasText: 'Terminated 3 instances.' }).waitFor();
    for (const id of ['hold-1', 'hold-2', 'hold-3'])
      await until(async () => (await statusOf(id)) === 'TERMINATED');
    expect(await statusOf('busy-1-approval')).toBe('RUNNING');
  });
});

describe('start a workflow', () => {
  it('offers registered names with the input schema, checks the JSON, starts with an id, and refuses an id in use', async () => {
    await page.goto(`${base}/ops/start`);
    await page.selectOption('#start-name', 'order_wf');
    expect(JSON.parse(await page.locator('#start-input').inputValue())).toEqual({ sku: 'book', quantity: 1 });
    expect(JSON.parse(await page.locator('#input-schema').innerText()).properties).toHaveProperty('sku');
    await page.fill('#start-input', '{"sku": "lamp", quantity: 2}');
    await page.locator('#start-input-error', { hasText: 'line 1' }).waitFor();
    await screenshot(page, 'start');
    await page.fill('#start-input', '{"sku": "lamp", "quantity": 0}');
    await page.fill('#start-instance-id', 'started-1');
    await page.click('#start-submit');
    await page.waitForURL(/instances\/started-1$/);
    await page.waitForFunction(() => document.querySelector('#fact-status')?.textContent === 'COMPLETED');
    expect(JSON.parse(await page.locator('#output').innerText())).toBe('0 x lamp');
    await page.goto(`${base}/ops/start`);
    await page.selectOption('#start-name', 'order_wf');
    const later = new Date(Math.floor(Date.now() / 1000) * 1000 + 3_600_000);
    const pad = (n: number): string => String(n).padStart(2, '0');
    const local = `${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}T${pad(later.getHours())}:${pad(later.getMinutes())}:${pad(later.getSeconds())}`;
    await page.fill('#start-at', local);
    await page.fill('#start-instance-id', 'later-1');
    await page.click('#start-submit');
    await page.waitForURL(/instances\/later-1$/);
    await page.locator('li.wait-start').waitFor();
    expect(await page.locator('#fact-status').innerText()).toBe('PENDING');
    expect((await client.getWorkflowState('later-1'))?.status).toBe(WorkflowStatus.PENDING);

    await page.goto(`${base}/ops/start`);
    await page.selectOption('#start-name', 'order_wf');
    await page.fill('#start-instance-id', 'busy-1');
    await page.click('#start-submit');
    await page.locator('#start-error').filter({ hasText: 'busy-1' }).waitFor();
  });
});

describe('history as JSON', () => {
  it('downloads the history in the form replayWorkflowHistory reads, and it replays', async () => {
    await page.goto(`${base}/ops/instances/checkout-1`);
    await page.locator('#download-history').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-history')]);
    expect(download.suggestedFilename()).toBe('checkout-1.history.json');
    const file = join(dir, 'checkout-1.history.json');
    await download.saveAs(file);
    const history = JSON.parse(readFileSync(file, 'utf8')) as { type: string }[];
    expect(history.map((e) => e.type)).toEqual(
      (await client.getWorkflowHistory('checkout-1')).map((e) => e.type),
    );
    await expect(
      replayWorkflowHistory(history as never, { workflows: consoleWorkflows, instanceId: 'checkout-1' }),
    ).resolves.toBeUndefined();
  });
});

describe('charts', () => {
  it('draws started/completed/failed over time and step latency from the engine data', async () => {
    await page.goto(`${base}/ops/charts`);
    await page.locator('#throughput-chart').waitFor();
    const totals = await page.locator('#throughput-totals').innerText();
    const states = (await client.listWorkflows({ pageSize: 200 })).items;
    const failedNow = states.filter((s) => s.status === 'FAILED').length;
    expect(totals).toContain(`${states.length} started`);
    expect(totals).toContain(`${failedNow} failed`);
    expect(await page.locator('#throughput-chart rect[data-series="failed"]').count()).toBeGreaterThan(0);
    expect(await page.locator('#latency-chart rect[data-step="charge_act"]').count()).toBe(1);
    await screenshot(page, 'charts');
  });
});

describe('a slow backend', () => {
  it('never overlaps list refreshes: the next one starts only after the last answered', async () => {
    const arrived = new Promise<void>((r) => (slow.arrived = r));
    const p2 = await browser.newPage();
    await p2.clock.install();
    await p2.goto(`${base}/slow/`);
    expect(await p2.locator('#source').innerText()).toBe('sidecar 127.0.0.1:50001');
    await arrived;
    await p2.clock.runFor(20_000);
    expect(slow.calls).toBe(1);
    slow.release();
    await p2.locator('tr[data-instance-id]').first().waitFor();
    await p2.clock.runFor(2_500);
    await until(async () => slow.calls >= 2);
    expect(slow.inFlight).toBeLessThanOrEqual(1);
    await p2.close();
  });
});

it('serves the compiled page modules under the CSP, and answers API errors in the HTTP API shape', async () => {
  const res = await fetch(`${base}/ops/api/instances/nope`);
  expect(res.status).toBe(404);
  expect(await res.json()).toEqual({
    error: { code: 'WORKFLOW_NOT_FOUND', message: "No workflow instance with id 'nope' exists." },
  });
  const script = await fetch(`${base}/ops/assets/client/main.js`);
  expect(script.headers.get('content-type')).toMatch(/^application\/javascript/);
  expect(script.headers.get('content-security-policy')).toContain("script-src 'self'");
  expect(await script.text()).toContain("from './api.js'");
  expect((await fetch(`${base}/ops/assets/client/nope.js`)).status).toBe(404);
  const bad = await fetch(`${base}/ops/api/instances?status=SLEEPING`);
  expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
});

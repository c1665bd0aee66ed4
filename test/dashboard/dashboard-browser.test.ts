/**
 * The dashboard in a real browser (Debian chromium via playwright-core): the router mounted in an Express
 * app over a real runtime on a SQLite file; list → instance → actions, escaping, read-only mode.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import type { Browser, Page } from 'playwright-core';
import { createDashboardRouter, WorkflowStatus } from 'weft-workflows';
import type { RuntimeEnv } from '../cli/support/runtime-env';
import { startRuntimeEnv, waitForState } from '../cli/support/runtime-env';
import { launchBrowser } from './support/browser';
import { listenOnLoopback } from '../support/loopback-server';
import type { LoopbackServer } from '../support/loopback-server';

// The callbacks passed to waitForFunction/evaluate run in the browser; these describe the little they use.
declare const document: {
  querySelector(selector: string): { textContent: string | null } | null;
  querySelectorAll(selector: string): { length: number };
};
declare const window: unknown;

const XSS = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">';

let env: RuntimeEnv;
let server: LoopbackServer | undefined;
let baseUrl: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  env = await startRuntimeEnv();
  const { client } = env;
  await client.scheduleNewWorkflow('parent_wf', undefined, { instanceId: 'p1' });
  await client.scheduleNewWorkflow('failing_wf', undefined, { instanceId: 'f1' });
  await client.scheduleNewWorkflow('quick_wf', XSS, { instanceId: 'xss' });
  for (let i = 0; i < 30; i += 1)
    await client.scheduleNewWorkflow('quick_wf', `n${i}`, { instanceId: `bulk-${i}` });
  for (const id of ['g1', 'g2', 'g3', 'g4'])
    await client.scheduleNewWorkflow('greeting_wf', { name: id }, { instanceId: id });
  for (const id of ['p1', 'f1', 'xss', 'bulk-29'])
    await client.waitForWorkflowCompletion(id, { timeoutMs: 20_000 });
  for (const id of ['g1', 'g2', 'g3', 'g4'])
    await waitForState(client, id, (s) => s?.customStatus === 'waiting for approval');

  const app = express();
  app.use('/ops/workflows', createDashboardRouter(client, { refreshIntervalMs: 300 }));
  app.use('/ro', createDashboardRouter(client, { readOnly: true, refreshIntervalMs: 300 }));
  server = await listenOnLoopback(app);
  baseUrl = server.url;
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await env?.stop();
});

const rowIds = (p: Page): Promise<string[]> =>
  p.$$eval('#instances tbody tr[data-instance-id]', (rows) =>
    rows.map((r) => r.getAttribute('data-instance-id') ?? ''),
  );
const statusText = (p: Page): Promise<string> => p.locator('#fact-status').innerText();
const waitForStatus = (p: Page, status: string): Promise<unknown> =>
  p.waitForFunction((s) => document.querySelector('#fact-status')?.textContent === s, status);
const confirmDialog = async (p: Page, fields: Record<string, string> = {}): Promise<void> => {
  await p.locator('#confirm-dialog').waitFor();
  for (const [name, value] of Object.entries(fields)) {
    const field = p.locator(`#field-${name}`);
    if ((await field.evaluate((el) => el.tagName)) === 'SELECT') await field.selectOption(value);
    else await field.fill(value);
  }
  await p.click('#dialog-confirm');
};

describe('instance list', () => {
  it('lists instances newest first, pages, filters by status and searches by id or name', async () => {
    await page.goto(`${baseUrl}/ops/workflows/`);
    await page.locator('#instances tbody tr[data-instance-id]').first().waitFor();
    const { items } = await env.client.listWorkflows({ pageSize: 25 });
    expect(await rowIds(page)).toEqual(items.map((s) => s.instanceId));
    expect(await page.isDisabled('#prev-page')).toBe(true);
    await page.screenshot({ path: join(tmpdir(), 'weft-dashboard-list.png') });

    const firstPage = await rowIds(page);
    await page.click('#next-page');
    await page.waitForFunction(() => document.querySelector('#page-number')?.textContent === 'Page 2');
    await page.waitForFunction(
      (first) => !document.querySelector(`tr[data-instance-id="${first}"]`),
      firstPage[0],
    );
    const secondPage = await rowIds(page);
    expect(secondPage.length).toBeGreaterThan(0);
    expect(secondPage.filter((id) => firstPage.includes(id))).toEqual([]);

    await page.click('#counts button[data-status="FAILED"]');
    await page.waitForFunction(
      () => document.querySelectorAll('#instances tbody tr[data-instance-id]').length === 1,
    );
    expect(await rowIds(page)).toEqual(['f1']);
    expect(page.url()).toContain('status=FAILED');

    await page.click('#counts button[data-status=""]');
    await page.fill('#search', 'greeting');
    await page.waitForFunction(
      () => document.querySelectorAll('#instances tbody tr[data-instance-id]').length === 4,
    );
    expect((await rowIds(page)).sort()).toEqual(['g1', 'g2', 'g3', 'g4']);
    await page.fill('#search', 'bulk-2');
    await page.waitForFunction(
      () => document.querySelectorAll('#instances tbody tr[data-instance-id]').length === 11,
    );
    await page.fill('#search', 'no such thing');
    await page.locator('text=No workflow instances match.').waitFor();
  });

  it('refreshes live: a new instance appears without reloading', async () => {
    await page.goto(`${baseUrl}/ops/workflows/?search=late-arrival`);
    await page.locator('text=No workflow instances match.').waitFor();
    await env.client.scheduleNewWorkflow('quick_wf', 'x', { instanceId: 'late-arrival' });
    await page.locator('tr[data-instance-id="late-arrival"]').waitFor();
  });
});

describe('instance page', () => {
  it('goes from the list to an instance: payloads, children, timeline with retries, history', async () => {
    await page.goto(`${baseUrl}/ops/workflows/?search=p1`);
    await page.click('tr[data-instance-id="p1"] a.instance-link');
    await page.waitForURL(/\/ops\/workflows\/instances\/p1$/);
    await page.locator('#fact-status').waitFor();
    expect(await statusText(page)).toBe('COMPLETED');
    expect(JSON.parse(await page.locator('#output').innerText())).toEqual([
      'ok on attempt 2',
      'Hello, child!',
    ]);
    expect(await page.locator('a.child-link').innerText()).toBe('p1-child');

    const bars = await page.$$eval('.timeline-row', (rows) =>
      rows.map((r) => [
        r.getAttribute('data-kind'),
        r.getAttribute('data-outcome'),
        r.querySelector('.timeline-label')?.textContent,
      ]),
    );
    expect(bars).toEqual([
      ['activity', 'failed', 'activity flaky_act'],
      ['retry', 'fired', 'retry back-off'],
      ['activity', 'completed', 'activity flaky_act (attempt 2)'],
      ['child', 'completed', 'child quick_wf'],
      ['timer', 'fired', 'timer'],
    ]);
    const history = await env.client.getWorkflowHistory('p1');
    expect(await page.locator('#history tbody tr').count()).toBe(history.length);
    await page.screenshot({ path: join(tmpdir(), 'weft-dashboard-instance.png'), fullPage: true });

    await page.click('a.child-link');
    await page.waitForURL(/instances\/p1-child$/);
    await page.locator('#parent-link').waitFor();
    expect(await page.locator('#parent-link').innerText()).toBe('p1');
  });

  it('shows a failure with its stack', async () => {
    await page.goto(`${baseUrl}/ops/workflows/instances/f1`);
    await page.locator('#failure-message').waitFor();
    expect(await page.locator('#failure-message').innerText()).toBe('Error: boom in workflow');
    expect(await page.locator('#failure-stack').innerText()).toContain('at FailingWf.run');
  });

  it('renders payloads as text: a <script> input does not run', async () => {
    await page.goto(`${baseUrl}/ops/workflows/instances/xss`);
    await page.locator('#input').waitFor();
    expect(JSON.parse(await page.locator('#input').innerText())).toBe(XSS);
    expect(JSON.parse(await page.locator('#output').innerText())).toBe(`Hello, ${XSS}!`);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    await page.goto(`${baseUrl}/ops/workflows/?search=xss`);
    await page.locator('tr[data-instance-id="xss"]').waitFor();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('says so for an unknown instance, and escapes the id', async () => {
    await page.goto(`${baseUrl}/ops/workflows/instances/${encodeURIComponent('<b>nope</b>')}`);
    await page.locator('#flash.error').waitFor();
    expect(await page.locator('#flash').innerText()).toBe(
      "No workflow instance with id '<b>nope</b>' exists.",
    );
    expect(await page.title()).toContain('<b>nope</b>');
    expect(await page.locator('b').count()).toBe(0);
  });
});

describe('actions', () => {
  it('raises an event after confirmation; the workflow completes with it', async () => {
    await page.goto(`${baseUrl}/ops/workflows/instances/g1`);
    await page.click('#action-raise-event');
    await confirmDialog(page, { name: 'approve', payload: '{bad' });
    await page.locator('#dialog-error').filter({ hasText: 'not valid JSON' }).waitFor();
    await page.fill('#field-payload', '{"by": "dashboard"}');
    await page.click('#dialog-confirm');
    await waitForStatus(page, 'COMPLETED');
    expect(JSON.parse(await page.locator('#output').innerText())).toEqual({
      greeting: 'Hello, g1!',
      approval: { by: 'dashboard' },
    });
  });

  it('cancelling the dialog does nothing', async () => {
    await page.goto(`${baseUrl}/ops/workflows/instances/g4`);
    await page.click('#action-terminate');
    await page.locator('#confirm-dialog').waitFor();
    await page.click('#dialog-cancel');
    expect(await page.locator('#confirm-dialog').count()).toBe(0);
    expect((await env.client.getWorkflowState('g4'))?.status).toBe(WorkflowStatus.RUNNING);
  });

  it('suspends and resumes', async () => {
    await page.goto(`${baseUrl}/ops/workflows/instances/g2`);
    await page.click('#action-suspend');
    await confirmDialog(page, { reason: 'checking' });
    await waitForStatus(page, 'SUSPENDED');
    await page.click('#action-resume');
    await confirmDialog(page);
    await waitForStatus(page, 'RUNNING');
    const types = (await env.client.getWorkflowHistory('g2')).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['ExecutionSuspended', 'ExecutionResumed']));
  });

  it('terminates with an output', async () => {
    await page.goto(`${baseUrl}/ops/workflows/instances/g3`);
    await page.click('#action-terminate');
    await confirmDialog(page, { output: '"stopped from the dashboard"' });
    await waitForStatus(page, 'TERMINATED');
    expect(JSON.parse(await page.locator('#output').innerText())).toBe('stopped from the dashboard');
  });

  it('reruns from a chosen event into a new instance', async () => {
    await page.goto(`${baseUrl}/ops/workflows/instances/p1`);
    const history = await env.client.getWorkflowHistory('p1');
    const childEvent = history.find((e) => e.type === 'ChildWorkflowInstanceCreated')!;
    await page.click(`button.rerun-here[data-event-id="${childEvent.eventId}"]`);
    expect(await page.locator('#field-eventId').inputValue()).toBe(String(childEvent.eventId));
    await confirmDialog(page, { newInstanceId: 'p1-rerun' });
    await page.locator('#flash-link').waitFor();
    await page.click('#flash-link');
    await page.waitForURL(/instances\/p1-rerun$/);
    await waitForStatus(page, 'COMPLETED');
    expect(JSON.parse(await page.locator('#output').innerText())).toEqual([
      'ok on attempt 2',
      'Hello, child!',
    ]);
  });

  it('purges after confirmation and returns to the list', async () => {
    await page.goto(`${baseUrl}/ops/workflows/instances/bulk-0`);
    await page.click('#action-purge');
    await confirmDialog(page);
    await page.waitForURL(/\/ops\/workflows\/\?flash=/);
    await page.locator('#flash').filter({ hasText: 'Purged instance bulk-0.' }).waitFor();
    expect(await env.client.getWorkflowState('bulk-0')).toBeUndefined();
  });
});

describe('read-only', () => {
  it('hides the actions and refuses them', async () => {
    await page.goto(`${baseUrl}/ro/instances/g4`);
    await page.locator('#fact-status').waitFor();
    expect(await page.locator('#read-only-badge').isVisible()).toBe(true);
    expect(await page.locator('#actions').count()).toBe(0);
    await page.goto(`${baseUrl}/ro/instances/p1`);
    await page.locator('#history').waitFor();
    expect(await page.locator('button.rerun-here').count()).toBe(0);
    const response = await fetch(`${baseUrl}/ro/api/instances/g4/terminate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-weft-dashboard': '1' },
      body: '{}',
    });
    expect(response.status).toBe(403);
    expect((await env.client.getWorkflowState('g4'))?.status).toBe(WorkflowStatus.RUNNING);
  });
});

/**
 * A real STALLED instance (a deploy without its version) as `weft get`, `weft list` and the HTTP generic
 * routes show it: the status with its reason, and the version; the OpenAPI document describes both fields.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serveWorkflows } from 'weft-workflows';
import type { SqliteBackend, WorkflowRuntime, WorkflowServer } from 'weft-workflows';
import { stallOnBadDeploy } from '../support/stalled-instance';
import { ensureBuilt } from './support/build';
import { parseTable, runCli } from './support/run-cli';

let dir: string;
let dbPath: string;
let bad: { runtime: WorkflowRuntime; backend: SqliteBackend };
let server: WorkflowServer;

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'weft-stalled-cli-'));
  dbPath = join(dir, 'weft.db');
  bad = await stallOnBadDeploy(dbPath, 'inv-1');
  server = await serveWorkflows({
    runtime: bad.runtime,
    port: 0,
    host: '127.0.0.1',
    handleSignals: false,
    logger: { info() {}, error() {} },
  });
}, 120_000);

afterAll(async () => {
  await server?.close();
  await bad?.runtime.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a STALLED instance in the CLI', () => {
  it('weft get shows the status with its reason and the version', async () => {
    const result = await runCli(['get', 'inv-1', '--db', dbPath]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Status:\s+STALLED \(VERSION_NOT_AVAILABLE\)$/m);
    expect(result.stdout).toMatch(/^Version:\s+v1$/m);
    const json = await runCli(['get', 'inv-1', '--db', dbPath, '-o', 'json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      status: 'STALLED',
      stalledReason: 'VERSION_NOT_AVAILABLE',
      version: 'v1',
    });
  });

  it('weft list shows STALLED with the reason; the wide table has the version', async () => {
    const [, ...rows] = parseTable((await runCli(['list', '--db', dbPath])).stdout);
    expect(rows.find((r) => r[1] === 'inv-1')?.[2]).toBe('STALLED (VERSION_NOT_AVAILABLE)');
    const [header, ...wide] = parseTable((await runCli(['list', '-o', 'wide', '--db', dbPath])).stdout);
    const row = wide.find((r) => r[1] === 'inv-1');
    expect(row?.[header.indexOf('STATUS')]).toBe('STALLED (VERSION_NOT_AVAILABLE)');
    expect(row?.[header.indexOf('VERSION')]).toBe('v1');
  });
});

describe('a STALLED instance over HTTP', () => {
  it('GET /workflows/:id answers version and stalledReason', async () => {
    const res = await fetch(`${server.url}/workflows/inv-1`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'STALLED',
      stalledReason: 'VERSION_NOT_AVAILABLE',
      version: 'v1',
    });
  });

  it('the OpenAPI document lists STALLED and describes version and stalledReason', async () => {
    const doc = (await (await fetch(`${server.url}/openapi.json`)).json()) as {
      components: {
        schemas: Record<string, { enum?: string[]; properties?: Record<string, { enum?: string[] }> }>;
      };
    };
    const { WorkflowStatus, WorkflowState } = doc.components.schemas;
    expect(WorkflowStatus?.enum).toContain('STALLED');
    expect(WorkflowState?.properties?.version).toMatchObject({ type: 'string' });
    expect(WorkflowState?.properties?.stalledReason?.enum).toEqual([
      'PATCH_MISMATCH',
      'VERSION_NOT_AVAILABLE',
    ]);
  });
});

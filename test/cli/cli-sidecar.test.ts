/**
 * The CLI with `--sidecar host:port` against `weft sidecar` (a real process serving the durabletask gRPC
 * protocol on a SQLite file); the application's worker runs in this process on `DaprSidecarBackend`.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { WorkflowClient } from 'weft-workflows';
import { DaprSidecarBackend } from '../../src/backends/dapr';
import { cliActivities, cliWorkflows } from './fixtures/cli-workflows';
import { ensureBuilt, REPO_ROOT } from './support/build';
import { parseTable, runCli } from './support/run-cli';
import { waitForState } from './support/runtime-env';

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
let dir: string;
let sidecar: ChildProcess;
let address: string;
let runtime: WorkflowRuntime;
let client: WorkflowClient;
const TOKEN = 'cli-test-token';
const via = (): string[] => ['--sidecar', address, '--api-token', TOKEN];

beforeAll(async () => {
  await ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'weft-cli-sidecar-'));
  sidecar = spawn(
    process.execPath,
    [
      join(REPO_ROOT, 'bin', 'weft.js'),
      'sidecar',
      '--port',
      '0',
      '--db',
      join(dir, 'weft.db'),
      '--api-token',
      TOKEN,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    sidecar.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on [^:]+:(\d+)/.exec(out);
      if (match) resolve(Number(match[1]));
    });
    sidecar.once('exit', (code) => reject(new Error(`weft sidecar exited with ${code}: ${out}`)));
  });
  address = `127.0.0.1:${port}`;
  runtime = new WorkflowRuntime({
    backend: new DaprSidecarBackend({ host: '127.0.0.1', port, apiToken: TOKEN, logger: quiet }),
    workflows: cliWorkflows,
    activities: cliActivities,
    logger: quiet,
  });
  await runtime.start();
  client = runtime.client;
}, 240_000);

afterAll(async () => {
  await runtime?.stop();
  if (sidecar && sidecar.exitCode === null) {
    const exited = new Promise((resolve) => sidecar.once('exit', resolve));
    sidecar.kill('SIGTERM');
    await exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

it('runs a workflow and lists it as a table and as JSON', async () => {
  const run = await runCli(['run', 'quick_wf', '-i', 's-q1', '-x', '"Sidecar"', ...via()]);
  expect(run).toEqual({ stdout: 's-q1\n', stderr: '', code: 0 });
  const state = await client.waitForWorkflowCompletion('s-q1', { timeoutMs: 20_000 });
  expect(state.output).toBe('Hello, Sidecar!');
  const rows = parseTable((await runCli(['list', ...via()])).stdout);
  expect(rows[0]).toEqual(['NAME', 'ID', 'STATUS', 'CUSTOM STATUS', 'AGE']);
  expect(rows.find((r) => r[1] === 's-q1')?.slice(0, 3)).toEqual(['quick_wf', 's-q1', 'COMPLETED']);
  const json = JSON.parse(
    (await runCli(['list', '-o', 'json', '--filter-name', 'quick_wf', ...via()])).stdout,
  );
  expect(json.map((s: { instanceId: string }) => s.instanceId)).toContain('s-q1');
});

it('prints the history of an instance like the client reads it', async () => {
  await client.scheduleNewWorkflow('parent_wf', undefined, { instanceId: 's-p1' });
  await client.waitForWorkflowCompletion('s-p1', { timeoutMs: 20_000 });
  const rows = parseTable((await runCli(['history', 's-p1', ...via()])).stdout);
  const events = await client.getWorkflowHistory('s-p1');
  expect(rows.slice(1).map((r) => r[0])).toEqual(events.map((e) => e.type));
  expect(rows.find((r) => r[0] === 'TaskFailed')?.[1]).toBe('flaky_act');
  const json = JSON.parse((await runCli(['history', 's-p1', '-o', 'json', ...via()])).stdout);
  expect(json).toEqual(JSON.parse(JSON.stringify(events)));
});

it('raises events, suspends, resumes and terminates', async () => {
  for (const id of ['s-g1', 's-g2']) {
    await client.scheduleNewWorkflow('greeting_wf', { name: id }, { instanceId: id });
    await waitForState(client, id, (s) => s?.customStatus === 'waiting for approval');
  }
  expect((await runCli(['suspend', 's-g1', '--reason', 'check', ...via()])).code).toBe(0);
  await waitForState(client, 's-g1', (s) => s?.status === WorkflowStatus.SUSPENDED);
  expect((await runCli(['raise-event', 's-g1/approve', '-x', '"yes"', ...via()])).code).toBe(0);
  expect((await runCli(['resume', 's-g1', ...via()])).code).toBe(0);
  const done = await client.waitForWorkflowCompletion('s-g1', { timeoutMs: 20_000 });
  expect(done.output).toEqual({ greeting: 'Hello, s-g1!', approval: 'yes' });

  expect((await runCli(['terminate', 's-g2', '-o', '"bye"', ...via()])).code).toBe(0);
  const terminated = await client.waitForWorkflowCompletion('s-g2', { timeoutMs: 20_000 });
  expect(terminated.status).toBe(WorkflowStatus.TERMINATED);
  expect(terminated.output).toBe('bye');
});

it('reruns from an event and purges', async () => {
  const history = await client.getWorkflowHistory('s-q1');
  const scheduled = history.find((e) => e.type === 'TaskScheduled')!;
  const rerun = await runCli([
    'rerun',
    's-q1',
    '-e',
    String(scheduled.eventId),
    '--new-instance-id',
    's-q2',
    '-x',
    '"Again"',
    ...via(),
  ]);
  expect(rerun).toEqual({ stdout: 's-q2\n', stderr: '', code: 0 });
  expect((await client.waitForWorkflowCompletion('s-q2', { timeoutMs: 20_000 })).output).toBe(
    'Hello, Again!',
  );

  const purged = await runCli(['purge', 's-q1', 's-q2', ...via()]);
  expect(purged.stdout).toBe("Purged instance 's-q1'.\nPurged instance 's-q2'.\n");
  expect(await client.getWorkflowState('s-q1')).toBeUndefined();
  const bulk = await runCli(['purge', '--all-filter-status', 'TERMINATED', ...via()]);
  expect(bulk.stdout).toBe('Purged 1 instance.\n');
});

it('takes the API token from --api-token or DAPR_API_TOKEN, and names a wrong one', async () => {
  const fromEnv = await runCli(['list', '-o', 'json', '--sidecar', address], {
    env: { DAPR_API_TOKEN: TOKEN },
  });
  expect(fromEnv.code).toBe(0);
  const wrong = await runCli(['list', '--sidecar', address, '--api-token', 'wrong'], {
    env: { DAPR_API_TOKEN: '' },
  });
  expect(wrong.code).not.toBe(0);
  expect(wrong.stdout).toBe('');
  expect(wrong.stderr).toBe(
    `weft: The Dapr sidecar ${address} refused the API token it was given (The dapr-api-token sent does not ` +
      "match this sidecar's token). Pass its token with --api-token <token> or DAPR_API_TOKEN.\n",
  );
});

it('names an unknown instance', async () => {
  const result = await runCli(['history', 'nope', ...via()]);
  expect(result.code).not.toBe(0);
  expect(result.stderr).toBe("weft: No workflow instance with id 'nope' exists.\n");
});

it('fails clearly when the sidecar does not answer', async () => {
  const closedPort = await new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
  const result = await runCli(['list', '--sidecar', `127.0.0.1:${closedPort}`], {
    env: { WEFT_SIDECAR_TIMEOUT_MS: '1000' },
  });
  expect(result.code).not.toBe(0);
  expect(result.stdout).toBe('');
  // Refused at once (no wait for gRPC's connect retries) and without grpc-js's internal wording.
  expect(result.stderr).toBe(
    `weft: No Dapr sidecar answered at 127.0.0.1:${closedPort} (connection refused). Start it (dapr run, or ` +
      'weft sidecar) or pass its address with --sidecar host:port.\n',
  );
});

it('serves the dashboard on the sidecar', async () => {
  const dashboard = spawn(
    process.execPath,
    [join(REPO_ROOT, 'bin', 'weft.js'), 'dashboard', '--port', '0', ...via()],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      dashboard.stdout?.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /Weft dashboard on (\S+) \(sidecar /.exec(out);
        if (match) resolve(match[1]);
      });
      dashboard.once('exit', (code) => reject(new Error(`weft dashboard exited with ${code}: ${out}`)));
    });
    const detail = (await (await fetch(`${url}api/instances/s-p1`)).json()) as {
      state: { status: string };
      children: { instanceId: string }[];
      timeline: { bars: { kind: string }[] };
    };
    expect(detail.state.status).toBe('COMPLETED');
    expect(detail.children.map((c) => c.instanceId)).toEqual(['s-p1-child']);
    expect(detail.timeline.bars.map((b) => b.kind)).toEqual([
      'activity',
      'retry',
      'activity',
      'child',
      'timer',
    ]);
  } finally {
    const exited = new Promise((resolve) => dashboard.once('exit', resolve));
    dashboard.kill('SIGTERM');
    await exited;
  }
});

it('pages a sidecar listing from one snapshot: later pages do not shift when instances are added', async () => {
  const before = (await client.listWorkflows({ pageSize: 1000 })).items.map((s) => s.instanceId);
  expect(before.length).toBeGreaterThanOrEqual(3);
  const first = await client.listWorkflows({ pageSize: 2 });
  await client.scheduleNewWorkflow('quick_wf', 'Late', { instanceId: 's-late' });
  const ids = first.items.map((s) => s.instanceId);
  for (let token = first.continuationToken; token;) {
    const page = await client.listWorkflows({ pageSize: 2, continuationToken: token });
    ids.push(...page.items.map((s) => s.instanceId));
    token = page.continuationToken;
  }
  expect(ids).toEqual(before);
  const after = (await client.listWorkflows({ pageSize: 1000 })).items.map((s) => s.instanceId);
  expect(after).toContain('s-late');
  await client.waitForWorkflowCompletion('s-late', { timeoutMs: 20_000 });
});

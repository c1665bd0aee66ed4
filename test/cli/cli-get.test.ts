/**
 * The CLI as Dapr users expect it: `weft get`/`describe`, `--limit` and Dapr's short flags, history ELAPSED
 * since the previous event, `rerun` and `run` saying what went wrong, `sidecar` reading `$WEFT_DB`.
 * Subprocesses on a real database file; the runtime in this process is the application's worker.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SqliteBackend } from 'weft-workflows';
import { formatElapsed } from '../../src/cli/format/duration';
import { ensureBuilt, REPO_ROOT } from './support/build';
import { parseTable, runCli } from './support/run-cli';
import type { RuntimeEnv } from './support/runtime-env';
import { startRuntimeEnv, waitForState } from './support/runtime-env';

let env: RuntimeEnv;
const db = (): string[] => ['--db', env.dbPath];

beforeAll(async () => {
  await ensureBuilt();
  env = await startRuntimeEnv();
  await env.client.scheduleNewWorkflow('quick_wf', 'Ada', { instanceId: 'done-1' });
  await env.client.waitForWorkflowCompletion('done-1', { timeoutMs: 20_000 });
  await env.client.scheduleNewWorkflow('failing_wf', undefined, { instanceId: 'failed-1' });
  await env.client.waitForWorkflowCompletion('failed-1', { timeoutMs: 20_000 });
  await env.client.scheduleNewWorkflow('waiting_parent_wf', undefined, { instanceId: 'wp' });
  await waitForState(env.client, 'wp-child', (s) => s?.customStatus === 'waiting for approval');
}, 240_000);

afterAll(async () => {
  await env?.stop();
});

describe('weft get', () => {
  it('describes a running instance and what it waits for', async () => {
    const result = await runCli(['get', 'wp', ...db()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Name: +waiting_parent_wf\nInstance ID: +wp\nStatus: +RUNNING\n/);
    expect(result.stdout).toMatch(
      /Waiting for:\n {2}child workflow greeting_wf \(instance wp-child\), event 0, for /,
    );
  });

  it('names the external event an instance waits for, which leaves no history event', async () => {
    const result = await runCli(['get', 'wp-child', ...db()]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Waiting for:\n {2}event approve, for /);
    const json = JSON.parse((await runCli(['get', 'wp-child', '-o', 'json', ...db()])).stdout);
    expect(json.waitingFor).toEqual([expect.objectContaining({ kind: 'event', name: 'approve' })]);
  });

  it('shows the failure of a failed instance, and the same as JSON and YAML', async () => {
    const text = await runCli(['describe', 'failed-1', ...db()]);
    expect(text.stdout).toContain('Status:');
    expect(text.stdout).toMatch(/Failure:\n {2}Error: boom in workflow\n/);
    const json = JSON.parse((await runCli(['get', 'wp', '-o', 'json', ...db()])).stdout);
    expect(json).toMatchObject({
      instanceId: 'wp',
      status: 'RUNNING',
      waitingFor: [{ kind: 'child workflow', name: 'greeting_wf', instanceId: 'wp-child', eventId: 0 }],
    });
    const yaml = parseYaml((await runCli(['get', 'failed-1', '-o', 'yaml', ...db()])).stdout);
    expect(yaml.failureDetails).toMatchObject({ errorType: 'Error', message: 'boom in workflow' });
  });

  it('names an unknown instance', async () => {
    const result = await runCli(['get', 'nope', ...db()]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toBe("weft: No workflow instance with id 'nope' exists.\n");
  });
});

describe('weft list --limit and short flags', () => {
  it('takes -w, -s, -m and -l as dapr workflow list does', async () => {
    const all = JSON.parse((await runCli(['list', '-o', 'json', ...db()])).stdout) as {
      instanceId: string;
    }[];
    const limited = JSON.parse((await runCli(['list', '-o', 'json', '-l', '2', ...db()])).stdout);
    expect(limited.map((s: { instanceId: string }) => s.instanceId)).toEqual(
      all.slice(0, 2).map((s) => s.instanceId),
    );
    const rows = parseTable(
      (await runCli(['list', '-w', 'quick_wf', '-s', 'COMPLETED', '-m', '1h', ...db()])).stdout,
    );
    expect(rows.slice(1).map((r) => r[1])).toEqual(['done-1']);
    const bad = await runCli(['list', '--limit', '0', ...db()]);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toBe("weft: --limit: '0' is not a whole number of at least 1.\n");
  });
});

describe('weft history', () => {
  it('counts ELAPSED from the previous event, as dapr workflow history does', async () => {
    const rows = parseTable((await runCli(['history', 'done-1', ...db()])).stdout).slice(1);
    const events = await env.client.getWorkflowHistory('done-1');
    expect(rows.map((r) => r[3])).toEqual(
      events.map((e, i) =>
        formatElapsed(i === 0 ? 0 : Math.max(0, e.timestamp.getTime() - events[i - 1].timestamp.getTime())),
      ),
    );
  });
});

describe('weft rerun and run say what went wrong', () => {
  it('rerun of a running instance speaks of rerunning, not purging', async () => {
    const result = await runCli(['rerun', 'wp', '-e', '0', ...db()]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toBe(
      "weft: Cannot rerun workflow instance 'wp': it is RUNNING. Rerun starts from a finished instance; " +
        'wait for it to finish or terminate it first.\n',
    );
  });

  it('run warns on stderr when no worker picks the instance up', async () => {
    const lonely = join(env.dir, 'no-worker.db');
    const backend = new SqliteBackend({ path: lonely });
    await backend.open();
    await backend.close();
    const result = await runCli(['run', 'quick_wf', '-i', 'alone', '-w', '200ms', '--db', lonely]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('alone\n');
    expect(result.stderr).toBe(
      "weft: warning: instance 'alone' is still PENDING after 200ms: no worker has started it. " +
        "Is a worker that registers 'quick_wf' running?\n",
    );
  });
});

describe('weft sidecar', () => {
  it('serves the database named by $WEFT_DB when --db is not given', async () => {
    const path = join(env.dir, 'sidecar-env.db');
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'weft.js'), 'sidecar', '--port', '0'], {
      env: { ...process.env, WEFT_DB: path, DAPR_API_TOKEN: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout?.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('\n')) resolve(out);
        });
        child.once('exit', (code) => reject(new Error(`weft sidecar exited with ${code}: ${out}`)));
      });
      expect(line).toContain(`(db ${path}`);
    } finally {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
  });
});

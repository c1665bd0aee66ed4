/** `weft dashboard` as a subprocess: serves the pages and API on a database file, read-only on request. */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { ensureBuilt, REPO_ROOT } from '../cli/support/build';
import { runCli } from '../cli/support/run-cli';
import type { RuntimeEnv } from '../cli/support/runtime-env';
import { startRuntimeEnv } from '../cli/support/runtime-env';

let env: RuntimeEnv;
const children: ChildProcess[] = [];

beforeAll(async () => {
  await ensureBuilt();
  env = await startRuntimeEnv();
  await env.client.scheduleNewWorkflow('quick_wf', 'Ada', { instanceId: 'q1' });
  await env.client.waitForWorkflowCompletion('q1', { timeoutMs: 20_000 });
}, 240_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  await env?.stop();
});

/** Starts `weft dashboard --port 0 …` and resolves with the URL it prints. */
function startDashboard(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(REPO_ROOT, 'bin', 'weft.js'), 'dashboard', '--port', '0', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Weft dashboard on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (match) resolve({ url: match[1], child });
    });
    child.once('exit', (code) => reject(new Error(`weft dashboard exited with ${code}: ${out}`)));
  });
}

const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));

it('serves the list page and the API on 127.0.0.1, and stops on SIGTERM', async () => {
  const { url, child } = await startDashboard(['--db', env.dbPath]);
  const html = await (await fetch(url)).text();
  expect(html).toContain('<main id="app">');
  const list = (await (await fetch(`${url}api/instances`)).json()) as { items: { instanceId: string }[] };
  expect(list.items.map((s) => s.instanceId)).toEqual(['q1']);
  const detail = (await (await fetch(`${url}api/instances/q1`)).json()) as { state: { output: unknown } };
  expect(detail.state.output).toBe('Hello, Ada!');
  const noHeader = await fetch(`${url}api/instances/q1/purge`, { method: 'POST' });
  expect(noHeader.status).toBe(400);
  expect(await env.client.getWorkflowState('q1')).toBeDefined();
  child.kill('SIGTERM');
  expect(await exited(child)).toBe(0);
});

it('--read-only refuses actions', async () => {
  const { url, child } = await startDashboard(['--db', env.dbPath, '--read-only']);
  const response = await fetch(`${url}api/instances/q1/purge`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-weft-dashboard': '1' },
    body: '{}',
  });
  expect(response.status).toBe(403);
  expect(await env.client.getWorkflowState('q1')).toBeDefined();
  child.kill('SIGTERM');
  await exited(child);
});

it('fails clearly for a missing database and a bad port', async () => {
  const missing = await runCli(['dashboard', '--db', join(env.dir, 'none.db'), '--port', '0']);
  expect(missing.code).not.toBe(0);
  expect(missing.stderr).toMatch(/No Weft database at/);
  const badPort = await runCli(['dashboard', '--db', env.dbPath, '--port', 'eighty']);
  expect(badPort.stderr).toMatch(/--port: 'eighty' is not a port number/);
});

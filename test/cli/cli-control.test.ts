/**
 * `weft run`, `raise-event`, `suspend`, `resume`, `terminate`, `purge` and `rerun` as subprocesses; the
 * runtime in this process (the "application") picks up what they write to the shared database file.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowStatus } from 'weft-workflows';
import { ensureBuilt, REPO_ROOT } from './support/build';
import { parseTable, runCli } from './support/run-cli';
import type { RuntimeEnv } from './support/runtime-env';
import { startRuntimeEnv, waitForState } from './support/runtime-env';

let env: RuntimeEnv;
const db = (): string[] => ['--db', env.dbPath];

beforeAll(async () => {
  await ensureBuilt();
  env = await startRuntimeEnv();
}, 240_000);

afterAll(async () => {
  await env?.stop();
});

const waitingForApproval = async (id: string): Promise<void> => {
  await env.client.scheduleNewWorkflow('greeting_wf', { name: id }, { instanceId: id });
  await waitForState(env.client, id, (s) => s?.customStatus === 'waiting for approval');
};

describe('weft run', () => {
  it('schedules an instance with an id and JSON input and prints the id', async () => {
    const result = await runCli(['run', 'quick_wf', '-i', 'run-1', '-x', '"Grace"', ...db()]);
    expect(result).toEqual({ stdout: 'run-1\n', stderr: '', code: 0 });
    const state = await env.client.waitForWorkflowCompletion('run-1', { timeoutMs: 20_000 });
    expect(state.output).toBe('Hello, Grace!');
  });

  it('reads the input from @file.json and makes up an id when none is given', async () => {
    const file = join(env.dir, 'input.json');
    writeFileSync(file, JSON.stringify({ name: 'Lin' }));
    const result = await runCli(['run', 'greeting_wf', '--input', `@${file}`, ...db()]);
    const id = result.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const state = await waitForState(env.client, id, (s) => s?.customStatus === 'waiting for approval');
    expect(state?.input).toEqual({ name: 'Lin' });
    await env.client.terminateWorkflow(id);
  });

  it('keeps a start time: the instance stays PENDING until then', async () => {
    const result = await runCli(['run', 'quick_wf', '-i', 'later', '-x', '"x"', '-s', '1h', ...db()]);
    expect(result.code).toBe(0);
    const listed = JSON.parse(
      (await runCli(['list', '-o', 'json', '--filter-status', 'PENDING', ...db()])).stdout,
    );
    expect(listed.map((s: { instanceId: string }) => s.instanceId)).toContain('later');
  });

  it('takes an ISO start time', async () => {
    const startAt = new Date(Date.now() + 86_400_000);
    const result = await runCli([
      'run',
      'quick_wf',
      '-i',
      'iso',
      '-x',
      '"x"',
      '-s',
      startAt.toISOString(),
      ...db(),
    ]);
    expect(result.code).toBe(0);
    const history = await env.client.getWorkflowState('iso');
    expect(history?.status).toBe(WorkflowStatus.PENDING);
  });

  it('says so when no connected worker registers the name (the worker fails the instance)', async () => {
    const result = await runCli(['run', 'no_such_wf', '-i', 'orphan', ...db()]);
    expect(result.stdout).toBe('orphan\n');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(
      /^weft: No connected worker registers a workflow named 'no_such_wf': instance 'orphan' failed/,
    );
    const state = await env.client.waitForWorkflowCompletion('orphan', { timeoutMs: 20_000 });
    expect(state.status).toBe(WorkflowStatus.FAILED);
    const rows = parseTable(
      (await runCli(['list', '-o', 'wide', '--filter-name', 'no_such_wf', ...db()])).stdout,
    );
    expect(rows.slice(1).map((r) => [r[0], r[1], r[4]])).toEqual([['no_such_wf', 'orphan', 'FAILED']]);
    expect(rows[1][6]).toContain('no_such_wf');
  });

  it('refuses an id in use by a running instance', async () => {
    await waitingForApproval('dup');
    const result = await runCli(['run', 'greeting_wf', '-i', 'dup', '-x', '{}', ...db()]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/dup/);
    await env.client.terminateWorkflow('dup');
  });
});

describe('weft raise-event, suspend, resume, terminate', () => {
  it('raises an event with a payload; the workflow completes with it', async () => {
    await waitingForApproval('ev-1');
    const result = await runCli(['raise-event', 'ev-1/approve', '-x', '{"by":"ops","ok":true}', ...db()]);
    expect(result).toEqual({ stdout: "Raised event 'approve' on instance 'ev-1'.\n", stderr: '', code: 0 });
    const state = await env.client.waitForWorkflowCompletion('ev-1', { timeoutMs: 20_000 });
    expect(state.output).toEqual({ greeting: 'Hello, ev-1!', approval: { by: 'ops', ok: true } });
  });

  it('suspends, keeps an event raised meanwhile, and resumes', async () => {
    await waitingForApproval('sus-1');
    expect((await runCli(['suspend', 'sus-1', '--reason', 'maintenance', ...db()])).code).toBe(0);
    await waitForState(env.client, 'sus-1', (s) => s?.status === WorkflowStatus.SUSPENDED);
    expect((await runCli(['raise-event', 'sus-1/approve', '-x', '1', ...db()])).code).toBe(0);
    const listed = parseTable((await runCli(['list', '--filter-status', 'SUSPENDED', ...db()])).stdout);
    expect(listed.slice(1).map((r) => r[1])).toEqual(['sus-1']);
    const resumed = await runCli(['resume', 'sus-1', '--reason', 'done', ...db()]);
    expect(resumed.stdout).toBe("Resuming instance 'sus-1'.\n");
    const state = await env.client.waitForWorkflowCompletion('sus-1', { timeoutMs: 20_000 });
    expect(state.output).toEqual({ greeting: 'Hello, sus-1!', approval: 1 });
    const history = parseTable((await runCli(['history', 'sus-1', '-o', 'wide', ...db()])).stdout);
    expect(history.find((r) => r[0] === 'ExecutionSuspended')?.slice(4)).toEqual([
      'SUSPENDED',
      'input=maintenance',
    ]);
    expect(history.find((r) => r[0] === 'ExecutionResumed')?.slice(4)).toEqual(['RUNNING', 'input=done']);
  });

  it('terminates with an output', async () => {
    await waitingForApproval('term-1');
    const result = await runCli(['terminate', 'term-1', '-o', '"stopped by ops"', ...db()]);
    expect(result.stdout).toBe("Terminating instance 'term-1'.\n");
    const state = await env.client.waitForWorkflowCompletion('term-1', { timeoutMs: 20_000 });
    expect(state.status).toBe(WorkflowStatus.TERMINATED);
    expect(state.output).toBe('stopped by ops');
  });

  it('terminates children too, unless --no-recursive', async () => {
    for (const id of ['tp-1', 'tp-2']) {
      await env.client.scheduleNewWorkflow('waiting_parent_wf', undefined, { instanceId: id });
      await waitForState(env.client, `${id}-child`, (s) => s?.customStatus === 'waiting for approval');
    }
    expect((await runCli(['terminate', 'tp-1', ...db()])).code).toBe(0);
    expect((await runCli(['terminate', 'tp-2', '--no-recursive', ...db()])).code).toBe(0);
    await env.client.waitForWorkflowCompletion('tp-1', { timeoutMs: 20_000 });
    await env.client.waitForWorkflowCompletion('tp-2', { timeoutMs: 20_000 });
    const child1 = await env.client.waitForWorkflowCompletion('tp-1-child', { timeoutMs: 20_000 });
    expect(child1.status).toBe(WorkflowStatus.TERMINATED);
    expect((await env.client.getWorkflowState('tp-2-child'))?.status).toBe(WorkflowStatus.RUNNING);
    await env.client.terminateWorkflow('tp-2-child');
  });

  it('refuses control of a finished instance', async () => {
    await env.client.scheduleNewWorkflow('quick_wf', 'x', { instanceId: 'done-1' });
    await env.client.waitForWorkflowCompletion('done-1', { timeoutMs: 20_000 });
    const result = await runCli(['suspend', 'done-1', ...db()]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/done-1/);
  });
});

describe('weft purge', () => {
  it('purges given ids, refusing one that has not finished', async () => {
    await env.client.scheduleNewWorkflow('quick_wf', 'x', { instanceId: 'pg-1' });
    await env.client.waitForWorkflowCompletion('pg-1', { timeoutMs: 20_000 });
    await waitingForApproval('pg-running');
    const ok = await runCli(['purge', 'pg-1', ...db()]);
    expect(ok).toEqual({ stdout: "Purged instance 'pg-1'.\n", stderr: '', code: 0 });
    expect(await env.client.getWorkflowState('pg-1')).toBeUndefined();
    const refused = await runCli(['purge', 'pg-running', ...db()]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/pg-running/);
    expect(await env.client.getWorkflowState('pg-running')).toBeDefined();
  });

  it('--force terminates a running instance first, then purges it', async () => {
    const result = await runCli(['purge', 'pg-running', '--force', ...db()]);
    expect(result).toEqual({ stdout: "Purged instance 'pg-running'.\n", stderr: '', code: 0 });
    expect(await env.client.getWorkflowState('pg-running')).toBeUndefined();
  });

  it('purges by status and by age, children with their parents', async () => {
    for (let i = 0; i < 5; i += 1)
      await env.client.scheduleNewWorkflow('failing_wf', undefined, { instanceId: `fail-${i}` });
    await env.client.scheduleNewWorkflow('parent_wf', undefined, { instanceId: 'pg-parent' });
    for (let i = 0; i < 5; i += 1)
      await env.client.waitForWorkflowCompletion(`fail-${i}`, { timeoutMs: 20_000 });
    await env.client.waitForWorkflowCompletion('pg-parent', { timeoutMs: 20_000 });

    const none = await runCli(['purge', '--all-older-than', '1h', ...db()]);
    expect(none.stdout).toBe('Purged 0 instances.\n');
    const failedBefore = (await env.client.listWorkflows({ status: WorkflowStatus.FAILED })).items;
    expect(failedBefore.length).toBeGreaterThanOrEqual(5);
    const failed = await runCli(['purge', '--all-filter-status', 'FAILED', ...db()]);
    expect(failed.stdout).toBe(`Purged ${failedBefore.length} instances.\n`);
    expect((await env.client.listWorkflows({ status: WorkflowStatus.FAILED })).items).toEqual([]);

    const running = (
      await env.client.listWorkflows({ status: [WorkflowStatus.RUNNING, WorkflowStatus.PENDING] })
    ).items;
    const all = await runCli(['purge', '--all-older-than', '0s', ...db()]);
    expect(all.stdout).toMatch(
      /^Purged \d+ instances \(\d+ not finished, skipped; --force terminates them\)\.\n$/,
    );
    expect(await env.client.getWorkflowState('pg-parent')).toBeUndefined();
    expect(await env.client.getWorkflowState('pg-parent-child')).toBeUndefined();
    const left = (await env.client.listWorkflows()).items.map((s) => s.instanceId).sort();
    expect(left).toEqual(running.map((s) => s.instanceId).sort());
  });
});

describe('weft rerun', () => {
  it('reruns from a child-workflow event into a new instance with the same result', async () => {
    await env.client.scheduleNewWorkflow('parent_wf', undefined, { instanceId: 'rr-src' });
    const source = await env.client.waitForWorkflowCompletion('rr-src', { timeoutMs: 20_000 });
    const history = parseTable((await runCli(['history', 'rr-src', ...db()])).stdout);
    const childEvent = history.find((r) => r[0] === 'ChildWorkflowInstanceCreated');
    const result = await runCli([
      'rerun',
      'rr-src',
      '-e',
      String(childEvent?.[2]),
      '--new-instance-id',
      'rr-new',
      ...db(),
    ]);
    expect(result).toEqual({ stdout: 'rr-new\n', stderr: '', code: 0 });
    const rerun = await env.client.waitForWorkflowCompletion('rr-new', { timeoutMs: 20_000 });
    expect(rerun.status).toBe(WorkflowStatus.COMPLETED);
    expect(rerun.output).toEqual(source.output);
    const rerunHistory = parseTable((await runCli(['history', 'rr-new', ...db()])).stdout);
    // The retried activity is not run again: its attempts are copied, not repeated.
    expect(rerunHistory.filter((r) => r[0] === 'TaskFailed')).toHaveLength(1);
    expect(rerunHistory.filter((r) => r[0] === 'ChildWorkflowInstanceCreated')).toHaveLength(1);
  });

  it('replaces the input with -x', async () => {
    await env.client.scheduleNewWorkflow('quick_wf', 'Ann', { instanceId: 'rr-q' });
    await env.client.waitForWorkflowCompletion('rr-q', { timeoutMs: 20_000 });
    const result = await runCli([
      'rerun',
      'rr-q',
      '-e',
      '0',
      '--new-instance-id',
      'rr-q2',
      '-x',
      '"Zoe"',
      ...db(),
    ]);
    expect(result.code).toBe(0);
    const state = await env.client.waitForWorkflowCompletion('rr-q2', { timeoutMs: 20_000 });
    expect(state.output).toBe('Hello, Zoe!');
  });

  it('refuses an event that is not an activity or child-workflow scheduling event', async () => {
    const history = await env.client.getWorkflowHistory('rr-src');
    const timer = history.find(
      (e) => e.type === 'TimerCreated' && (e.origin as { kind: string }).kind === 'createTimer',
    );
    const result = await runCli(['rerun', 'rr-src', '-e', String(timer?.eventId), ...db()]);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toBe(
      `weft: Event ${timer?.eventId} of 'rr-src' is a TimerCreated; a rerun starts from an activity (TaskScheduled) or child workflow (ChildWorkflowInstanceCreated) event.\n`,
    );
    const missing = await runCli(['rerun', 'rr-src', '-e', '999', ...db()]);
    expect(missing.stderr).toMatch(/has no activity or child workflow event with id 999/);
  });
});

describe('purge progress bar', () => {
  // `script` (util-linux) runs the CLI on a pseudo-terminal, where the bar is drawn.
  const onTty = existsSync('/usr/bin/script') ? it : it.skip;

  onTty('draws a progress bar on stderr when it is a terminal (piped output, above, has none)', async () => {
    for (let i = 0; i < 6; i += 1)
      await env.client.scheduleNewWorkflow('quick_wf', `b${i}`, { instanceId: `bar-${i}` });
    for (let i = 0; i < 6; i += 1)
      await env.client.waitForWorkflowCompletion(`bar-${i}`, { timeoutMs: 20_000 });
    const completed = (await env.client.listWorkflows({ status: WorkflowStatus.COMPLETED })).items.filter(
      (s) => !s.parentInstanceId,
    ).length;
    const command = [
      process.execPath,
      join(REPO_ROOT, 'bin', 'weft.js'),
      'purge',
      '--all-filter-status',
      'COMPLETED',
      ...db(),
    ]
      .map((arg) => `'${arg}'`)
      .join(' ')
      // stdout goes elsewhere: the bar still shows, so it is on stderr.
      .concat(` > '${join(env.dir, 'purge-stdout.txt')}'`);
    const output = await new Promise<string>((resolve) => {
      execFile(
        'script',
        ['-qec', command, '/dev/null'],
        { env: { ...process.env, WEFT_DB: '', WEFT_PROGRESS_DELAY_MS: '0' } },
        (_e, stdout) => resolve(stdout),
      );
    });
    expect(output).toContain('\r[#');
    expect(output).toMatch(new RegExp(`\\r\\[#+\\] ${completed}/${completed} purged`));
    expect(output).not.toContain('Purged');
    expect(readFileSync(join(env.dir, 'purge-stdout.txt'), 'utf8')).toBe(`Purged ${completed} instances.\n`);
    expect((await env.client.listWorkflows({ status: WorkflowStatus.COMPLETED })).items).toEqual([]);
  });
});

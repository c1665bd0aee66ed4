/**
 * `weft list` and `weft history` as subprocesses on a database a real runtime in this process wrote,
 * and the CLI's errors for bad input.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { WorkflowStatus } from 'weft-workflows';
import { ensureBuilt } from './support/build';
import { parseTable, runCli } from './support/run-cli';
import type { RuntimeEnv } from './support/runtime-env';
import { startRuntimeEnv, waitForState } from './support/runtime-env';

let env: RuntimeEnv;
const db = (): string[] => ['--db', env.dbPath];

beforeAll(async () => {
  await ensureBuilt();
  env = await startRuntimeEnv();
  const { client } = env;
  await client.scheduleNewWorkflow('greeting_wf', { name: 'Ada' }, { instanceId: 'g1' });
  await client.scheduleNewWorkflow('quick_wf', 'Bob', { instanceId: 'q1' });
  await client.scheduleNewWorkflow('failing_wf', undefined, { instanceId: 'f1' });
  await client.scheduleNewWorkflow('parent_wf', undefined, { instanceId: 'p1' });
  await waitForState(client, 'g1', (s) => s?.customStatus === 'waiting for approval');
  for (const id of ['q1', 'f1', 'p1']) await client.waitForWorkflowCompletion(id, { timeoutMs: 20_000 });
}, 240_000);

afterAll(async () => {
  await env?.stop();
});

describe('weft list', () => {
  it('prints the short table: NAME, ID, STATUS, CUSTOM STATUS, AGE, newest first', async () => {
    const result = await runCli(['list', ...db()]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const [header, ...rows] = parseTable(result.stdout);
    expect(header).toEqual(['NAME', 'ID', 'STATUS', 'CUSTOM STATUS', 'AGE']);
    const byId = new Map(rows.map((r) => [r[1], r]));
    expect(byId.get('g1')).toEqual([
      'greeting_wf',
      'g1',
      'RUNNING',
      'waiting for approval',
      expect.stringMatching(/^\d+s$/),
    ]);
    expect(byId.get('q1')?.slice(0, 3)).toEqual(['quick_wf', 'q1', 'COMPLETED']);
    expect(byId.get('f1')?.slice(0, 3)).toEqual(['failing_wf', 'f1', 'FAILED']);
    expect(byId.get('p1-child')?.slice(0, 3)).toEqual(['quick_wf', 'p1-child', 'COMPLETED']);
    const { items } = await env.client.listWorkflows();
    expect(rows.map((r) => r[1])).toEqual(items.map((s) => s.instanceId));
  });

  it("prints the wide table with Dapr's wide columns, then Weft's", async () => {
    const result = await runCli(['list', '-o', 'wide', ...db()]);
    const [header, ...rows] = parseTable(result.stdout);
    expect(header).toEqual([
      'NAME',
      'INSTANCE ID',
      'CREATED',
      'LAST UPDATE',
      'STATUS',
      'CUSTOM STATUS',
      'FAILURE MESSAGE',
      'AGE',
      'PARENT',
      'FAILURE TYPE',
      'VERSION',
    ]);
    const failed = rows.find((r) => r[1] === 'f1');
    const state = await env.client.getWorkflowState('f1');
    expect(failed?.slice(0, 7)).toEqual([
      'failing_wf',
      'f1',
      state?.createdAt.toISOString(),
      state?.lastUpdatedAt.toISOString(),
      'FAILED',
      '',
      'boom in workflow',
    ]);
    expect(failed?.[9]).toBe('Error');
    expect(rows.find((r) => r[1] === 'p1-child')?.[8]).toBe('p1');
  });

  it('prints JSON equal to the client listing', async () => {
    const result = await runCli(['list', '-o', 'json', ...db()]);
    const printed = JSON.parse(result.stdout) as unknown[];
    const { items } = await env.client.listWorkflows();
    expect(printed).toEqual(JSON.parse(JSON.stringify(items)));
  });

  it('prints YAML', async () => {
    const result = await runCli(['list', '-o', 'yaml', '--filter-status', 'FAILED', ...db()]);
    expect(result.stdout).toMatch(/^- instanceId: f1\n {2}name: failing_wf\n {2}status: FAILED\n/);
    expect(result.stdout).toContain(
      '  failureDetails:\n    errorType: Error\n    message: boom in workflow\n',
    );
  });

  it('filters by status, name and age', async () => {
    const ids = async (...args: string[]): Promise<string[]> =>
      (
        JSON.parse((await runCli(['list', '-o', 'json', ...args, ...db()])).stdout) as {
          instanceId: string;
        }[]
      )
        .map((s) => s.instanceId)
        .sort();
    expect(await ids('--filter-status', 'failed')).toEqual(['f1']);
    expect(await ids('--filter-status', 'RUNNING,FAILED')).toEqual(['f1', 'g1']);
    expect(await ids('--filter-name', 'quick_wf')).toEqual(['p1-child', 'q1']);
    expect(await ids('--filter-max-age', '1h')).toEqual(['f1', 'g1', 'p1', 'p1-child', 'q1']);
  });

  it('reads the database from WEFT_DB', async () => {
    const result = await runCli(['list', '-o', 'json'], { env: { WEFT_DB: env.dbPath } });
    expect((JSON.parse(result.stdout) as unknown[]).length).toBe(5);
  });
});

describe('weft history', () => {
  it('prints TYPE, NAME, EVENTID, ELAPSED, STATUS, DETAILS for each event, retries and children visible', async () => {
    const result = await runCli(['history', 'p1', ...db()]);
    expect(result.code).toBe(0);
    const [header, ...rows] = parseTable(result.stdout);
    expect(header).toEqual(['TYPE', 'NAME', 'EVENTID', 'ELAPSED', 'STATUS', 'DETAILS']);
    const events = await env.client.getWorkflowHistory('p1');
    expect(rows.map((r) => r[0])).toEqual(events.map((e) => e.type));
    expect(rows.map((r) => r[2])).toEqual(events.map((e) => (e.eventId >= 0 ? String(e.eventId) : '-')));
    for (const row of rows) expect(row[3]).toMatch(/^\d+(\.\d+)?s$/);
    expect(rows[1]).toEqual(['ExecutionStarted', 'parent_wf', '-', '0s', '', '']);
    const failed = rows.find((r) => r[0] === 'TaskFailed');
    expect(failed?.slice(1, 3)).toEqual(['flaky_act', '-']);
    expect(failed?.[4]).toBe('FAILED');
    expect(failed?.[5]).toContain('error=Error: first attempt fails');
    expect(rows.some((r) => r[0] === 'TimerCreated' && r[5]?.includes('origin=activityRetry'))).toBe(true);
    expect(
      rows.some((r) => r[0] === 'TaskScheduled' && r[1] === 'flaky_act' && r[5]?.includes('attempt=2')),
    ).toBe(true);
    const child = rows.find((r) => r[0] === 'ChildWorkflowInstanceCreated');
    expect(child?.[1]).toBe('quick_wf');
    expect(child?.[5]).toContain('instanceId=p1-child');
    const completed = rows.find((r) => r[0] === 'ChildWorkflowInstanceCompleted');
    expect(completed?.[1]).toBe('quick_wf');
    expect(completed?.[5]).toContain(`scheduledId=${child?.[2]}`);
    expect(rows[rows.length - 1].slice(0, 1)).toEqual(['ExecutionCompleted']);
    expect(rows[rows.length - 1][4]).toBe('COMPLETED');
  });

  it('prints JSON equal to the client history, and YAML', async () => {
    const json = await runCli(['history', 'p1', '-o', 'json', ...db()]);
    const events = await env.client.getWorkflowHistory('p1');
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(JSON.stringify(events)));
    const yaml = await runCli(['history', 'q1', '-o', 'yaml', ...db()]);
    expect(yaml.stdout).toMatch(
      /^- eventId: -1\n {2}type: WorkflowStarted\n {2}timestamp: "\d{4}-[^\n]+"\n- eventId: -1\n {2}type: ExecutionStarted\n/,
    );
    const q1 = await env.client.getWorkflowHistory('q1');
    expect(parseYaml(yaml.stdout)).toEqual(JSON.parse(JSON.stringify(q1)));
  });

  it('shows the workflow failure', async () => {
    const result = await runCli(['history', 'f1', '-o', 'wide', ...db()]);
    const rows = parseTable(result.stdout);
    const last = rows[rows.length - 1];
    expect(last[0]).toBe('ExecutionCompleted');
    expect(last[4]).toBe(WorkflowStatus.FAILED);
    expect(last[5]).toBe('error=Error: boom in workflow');
  });
});

describe('bad input', () => {
  const expectError = async (args: string[], message: RegExp | string): Promise<void> => {
    const result = await runCli(args);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  };

  it('refuses a missing database file and does not create it', async () => {
    const missing = join(env.dir, 'missing', 'none.db');
    await expectError(['list', '--db', missing], `weft: No Weft database at ${missing}`);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(env.dir, 'missing'))).toBe(false);
  });

  it('names an unknown instance', async () => {
    const message = /No workflow instance with id 'nope' exists/;
    await expectError(['history', 'nope', ...db()], message);
    await expectError(['suspend', 'nope', ...db()], message);
    await expectError(['resume', 'nope', ...db()], message);
    await expectError(['terminate', 'nope', ...db()], message);
    await expectError(['raise-event', 'nope/approve', ...db()], message);
    await expectError(['purge', 'nope', ...db()], message);
    await expectError(['rerun', 'nope', '-e', '1', ...db()], /nope/);
  });

  it('refuses input that is not JSON and stores nothing', async () => {
    await expectError(
      ['run', 'quick_wf', '-i', 'bad-json', '-x', '{oops', ...db()],
      /--input is not valid JSON/,
    );
    await expectError(
      ['run', 'quick_wf', '-i', 'bad-json', '-x', '@/no/such/file.json', ...db()],
      /Cannot read --input file/,
    );
    const badFile = join(env.dir, 'bad.json');
    writeFileSync(badFile, 'not json');
    await expectError(
      ['run', 'quick_wf', '-i', 'bad-json', '-x', `@${badFile}`, ...db()],
      /is not valid JSON/,
    );
    await expectError(['raise-event', 'g1/approve', '-x', 'nope', ...db()], /is not valid JSON/);
    expect(await env.client.getWorkflowState('bad-json')).toBeUndefined();
    expect((await env.client.getWorkflowState('g1'))?.status).toBe(WorkflowStatus.RUNNING);
  });

  it('refuses malformed options', async () => {
    await expectError(
      ['list', '--filter-status', 'DONE', ...db()],
      /'DONE' is not a status. Valid: PENDING, RUNNING/,
    );
    await expectError(['list', '--filter-max-age', 'soon', ...db()], /'soon' is not a duration/);
    await expectError(['list', '-o', 'xml', ...db()], /argument 'xml' is invalid/);
    await expectError(['raise-event', 'g1', ...db()], /'g1' is not <instance-id>\/<event-name>/);
    await expectError(['run', 'quick_wf', '-s', 'tomorrow', ...db()], /--start-time: 'tomorrow'/);
    await expectError(['rerun', 'q1', '-e', 'x', ...db()], /--event-id: 'x' is not an event id/);
    await expectError(['purge', ...db()], /Nothing to purge/);
    await expectError(['list', ...db(), '--sidecar', '127.0.0.1:1'], /either --db or --sidecar/);
    await expectError(['list', '--sidecar', 'nohost:port'], /'nohost:port' is not host:port/);
  });
});

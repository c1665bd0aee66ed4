/**
 * The logger Weft uses when given none: `console` (one line a record) filtered by WEFT_LOG_LEVEL (as daprd's --log-level), or one
 * set for the process with setDefaultLogger (as grpc-js's setLogger). The suite itself runs with a silent
 * default (test/support/quiet-logs.ts).
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SqliteBackend,
  ValidationError,
  WorkflowRuntime,
  WorkflowStatus,
  defaultLogger,
  setDefaultLogger,
  silentLogger,
  consoleLogger,
} from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';

afterEach(() => {
  jest.restoreAllMocks();
  // Back to what the suite's setup chose.
  setDefaultLogger(process.env.WEFT_LOG_LEVEL ? undefined : silentLogger);
});

it('writes the levels from WEFT_LOG_LEVEL up to console, none for silent, all when unset', () => {
  const calls: string[] = [];
  for (const level of ['debug', 'info', 'warn', 'error'] as const)
    jest.spyOn(console, level).mockImplementation(() => calls.push(level));
  setDefaultLogger(undefined);
  const logAll = (env: NodeJS.ProcessEnv) => {
    calls.length = 0;
    const logger = defaultLogger(env);
    logger.debug('d');
    logger.info({ instanceId: 'i' }, 'i');
    logger.warn('w');
    logger.error('e');
    return [...calls];
  };
  expect(logAll({ WEFT_LOG_LEVEL: 'warn' })).toEqual(['warn', 'error']);
  expect(logAll({ WEFT_LOG_LEVEL: ' ERROR ' })).toEqual(['error']);
  expect(logAll({ WEFT_LOG_LEVEL: 'silent' })).toEqual([]);
  expect(logAll({})).toEqual(['debug', 'info', 'warn', 'error']);
  expect(defaultLogger({})).toBe(consoleLogger);
});

it('writes each (fields, message) record on one line, message first; console-shaped calls pass through', () => {
  const lines: { level: string; args: unknown[] }[] = [];
  for (const level of ['debug', 'info', 'warn', 'error'] as const)
    jest.spyOn(console, level).mockImplementation((...args: unknown[]) => lines.push({ level, args }));
  const err = new Error('card network timeout');
  consoleLogger.warn(
    { instanceId: 'order-1', activity: 'charge card', attempt: 2, err },
    "Weft: activity 'charge card' attempt 2 failed",
  );
  consoleLogger.error({ instanceId: 'order-1', err }, 'Weft: workflow failed');
  consoleLogger.info('plain %s', 'args');
  expect(lines[0]).toEqual({
    level: 'warn',
    args: [
      "Weft: activity 'charge card' attempt 2 failed " +
        '(instanceId=order-1 activity="charge card" attempt=2 err="Error: card network timeout")',
    ],
  });
  // At the error level the stack follows the line.
  const errorLine = lines[1].args[0] as string;
  expect(errorLine.split('\n')[0]).toBe(
    'Weft: workflow failed (instanceId=order-1 err="Error: card network timeout")',
  );
  expect(errorLine).toContain(err.stack!.split('\n')[1]);
  expect(lines[2]).toEqual({ level: 'info', args: ['plain %s', 'args'] });
});

it('names the levels when WEFT_LOG_LEVEL is none of them', () => {
  setDefaultLogger(undefined);
  expect(() => defaultLogger({ WEFT_LOG_LEVEL: 'verbose' })).toThrow(ValidationError);
  expect(() => defaultLogger({ WEFT_LOG_LEVEL: 'verbose' })).toThrow(
    "WEFT_LOG_LEVEL is 'verbose'; use one of debug, info, warn, error, silent.",
  );
});

it('components created without a logger write to the one set with setDefaultLogger', async () => {
  const records: { level: string; fields: unknown; message: unknown }[] = [];
  const record = (level: string) => (fields: unknown, message?: unknown) =>
    records.push({ level, fields, message });
  setDefaultLogger({
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  });
  const dir = mkdtempSync(join(tmpdir(), 'weft-default-logger-'));
  const runtime = new WorkflowRuntime({
    backend: new SqliteBackend({ path: join(dir, 'wf.db') }),
    workflows: [],
    activities: [],
  });
  runtime.registerActivity(async (_ctx: ActivityContext) => {
    throw new Error('declined');
  }, 'declines');
  runtime.registerWorkflow(async (ctx: WorkflowContext) => ctx.callActivity('declines'), 'pays');
  await runtime.start();
  try {
    const id = await runtime.client.scheduleNewWorkflow('pays');
    const done = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 20_000 });
    expect(done.status).toBe(WorkflowStatus.FAILED);
    expect(records).toContainEqual({
      level: 'warn',
      fields: expect.objectContaining({ instanceId: id, activity: 'declines', attempt: 1 }),
      message: expect.stringContaining('declined'),
    });
  } finally {
    await runtime.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

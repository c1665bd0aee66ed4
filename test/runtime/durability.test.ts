import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Activity,
  ActivityBase,
  RetryPolicy,
  SqliteBackend,
  Workflow,
  WorkflowBase,
  WorkflowRuntime,
  WorkflowStatus,
} from 'weft-workflows';
import type { ActivityContext, WorkflowContext, WorkflowHistoryEvent } from 'weft-workflows';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const calls: string[] = [];

@Activity({ name: 'slow' })
class Slow extends ActivityBase<{ label: string; ms: number; failUntil?: number }, string> {
  async run(ctx: ActivityContext, input: { label: string; ms: number; failUntil?: number }): Promise<string> {
    calls.push(`${input.label}#${ctx.attempt}`);
    await sleep(input.ms);
    if (input.failUntil && ctx.attempt < input.failUntil) throw new Error(`not yet (${ctx.attempt})`);
    return `${input.label} done`;
  }
}

@Workflow({ name: 'timer_then_activity' })
class TimerThenActivity extends WorkflowBase<number, string> {
  async run(ctx: WorkflowContext, ms: number): Promise<string> {
    await ctx.createTimer(ms);
    return ctx.callActivity(Slow, { label: 'after-timer', ms: 0 });
  }
}

@Workflow({ name: 'retry_across_restart' })
class RetryAcrossRestart extends WorkflowBase<void, string> {
  async run(ctx: WorkflowContext): Promise<string> {
    return ctx.callActivity(
      Slow,
      { label: 'retry', ms: 0, failUntil: 2 },
      {
        retryPolicy: new RetryPolicy({ maxNumberOfAttempts: 3, firstRetryInterval: 700 }),
      },
    );
  }
}

@Workflow({ name: 'long_activity' })
class LongActivity extends WorkflowBase<void, string> {
  async run(ctx: WorkflowContext): Promise<string> {
    return ctx.callActivity(Slow, { label: 'long', ms: 1000 });
  }
}

describe('durability across restarts, and the execution cache', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-durable-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const runtimeOn = (path: string, extra: Partial<ConstructorParameters<typeof WorkflowRuntime>[0]> = {}) =>
    new WorkflowRuntime({
      backend: new SqliteBackend({ path, logger: quiet, leaseMs: 500 }),
      workflows: [TimerThenActivity, RetryAcrossRestart],
      activities: [Slow],
      logger: quiet,
      ...extra,
    });

  it('a durable timer survives a restart of the runtime', async () => {
    const db = join(dir, 'timer.db');
    const first = runtimeOn(db);
    await first.start();
    const id = await first.client.scheduleNewWorkflow(TimerThenActivity, 600);
    await first.client.waitForWorkflowStart(id);
    await first.stop();

    const second = runtimeOn(db);
    await second.start();
    try {
      const state = await second.client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
      expect(state.output).toBe('after-timer done');
      const history = await second.client.getWorkflowHistory(id);
      const created = history.find((e) => e.type === 'TimerCreated') as WorkflowHistoryEvent;
      const fired = history.find((e) => e.type === 'TimerFired') as WorkflowHistoryEvent;
      expect(fired.timerId).toBe(created.eventId);
      const stepStart = history
        .slice(0, history.indexOf(created))
        .filter((e) => e.type === 'WorkflowStarted')
        .pop();
      expect(created.fireAt).toBe((stepStart as WorkflowHistoryEvent).timestamp.getTime() + 600);
      expect(fired.timestamp.getTime()).toBeGreaterThanOrEqual(created.fireAt as number);
    } finally {
      await second.stop();
    }
  });

  it('a retry waiting on its backoff timer resumes after a restart, at the recorded time', async () => {
    const db = join(dir, 'retry.db');
    calls.length = 0;
    const first = runtimeOn(db);
    await first.start();
    const id = await first.client.scheduleNewWorkflow(RetryAcrossRestart);
    // wait until the first attempt failed and the backoff timer is written
    for (;;) {
      const history = await first.client.getWorkflowHistory(id);
      if (history.some((e) => e.type === 'TimerCreated')) break;
      await sleep(10);
    }
    await first.stop();
    expect(calls).toEqual(['retry#1']);

    const second = runtimeOn(db);
    await second.start();
    try {
      const state = await second.client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
      expect(state.output).toBe('retry done');
      expect(calls).toEqual(['retry#1', 'retry#2']);
      const history = await second.client.getWorkflowHistory(id);
      const timer = history.find((e) => e.type === 'TimerCreated') as WorkflowHistoryEvent;
      const secondAttempt = history.filter((e) => e.type === 'TaskScheduled')[1];
      expect(secondAttempt.timestamp.getTime()).toBeGreaterThanOrEqual(timer.fireAt as number);
      expect(secondAttempt.attempt).toBe(2);
    } finally {
      await second.stop();
    }
  });

  it('renews leases, so an activity longer than the lease runs once', async () => {
    calls.length = 0;
    const runtime = new WorkflowRuntime({
      backend: new SqliteBackend({
        path: join(dir, 'lease.db'),
        logger: quiet,
        leaseMs: 200,
        pollIntervalMs: 20,
      }),
      workflows: [LongActivity],
      activities: [Slow],
      logger: quiet,
    });
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow(LongActivity);
      const state = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
      expect(state.output).toBe('long done');
      expect(calls).toEqual(['long#1']);
    } finally {
      await runtime.stop();
    }
  });

  it('stop() lets in-flight activities finish and records them; nothing runs twice after restart', async () => {
    const db = join(dir, 'stop.db');
    calls.length = 0;
    const first = runtimeOn(db);
    await first.start();
    const id = await first.client.scheduleNewWorkflow(TimerThenActivity, 0);
    for (;;) {
      if (calls.includes('after-timer#1')) break;
      await sleep(5);
    }
    await first.stop();
    const second = runtimeOn(db);
    await second.start();
    try {
      const state = await second.client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
      expect(state.status).toBe(WorkflowStatus.COMPLETED);
      expect(calls).toEqual(['after-timer#1']);
    } finally {
      await second.stop();
    }
  });
});

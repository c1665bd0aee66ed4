import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
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
import type { ActivityContext, WorkflowContext } from 'weft-workflows';

/** A real pino logger writing JSON lines into an array. */
function pinoRecords(): { logger: pino.Logger; records: Record<string, unknown>[] } {
  const records: Record<string, unknown>[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => records.push(JSON.parse(line)) });
  return { logger, records };
}

const LEVEL = { debug: 20, info: 30, warn: 40, error: 50 } as const;

@Activity({ name: 'flaky_charge' })
class FlakyCharge extends ActivityBase<number, string> {
  async run(ctx: ActivityContext, amount: number): Promise<string> {
    ctx.logger.info({ amount }, 'charging card');
    throw new Error(`card declined (attempt ${ctx.attempt})`);
  }
}

@Workflow({ name: 'checkout' })
class Checkout extends WorkflowBase<number, string> {
  async run(ctx: WorkflowContext, amount: number): Promise<string> {
    ctx.logger.info({ amount }, 'checkout started');
    return ctx.callActivity(FlakyCharge, amount, {
      retryPolicy: new RetryPolicy({ maxNumberOfAttempts: 3, firstRetryInterval: 5 }),
    });
  }
}

@Workflow({ name: 'calls_missing_activity' })
class CallsMissingActivity extends WorkflowBase<void, string> {
  async run(ctx: WorkflowContext): Promise<string> {
    return ctx.callActivity('not_registered_anywhere');
  }
}

@Workflow({ name: 'child_greeter' })
class ChildGreeter extends WorkflowBase<void, string> {
  async run(ctx: WorkflowContext): Promise<string> {
    ctx.logger.info({ step: 'before' }, 'child says hi');
    await ctx.createTimer(1);
    ctx.logger.info({ step: 'after' }, 'child says bye');
    return 'ok';
  }
}

@Workflow({ name: 'parent_greeter' })
class ParentGreeter extends WorkflowBase<void, string> {
  async run(ctx: WorkflowContext): Promise<string> {
    return ctx.callChildWorkflow<string>(ChildGreeter);
  }
}

/** A versioned workflow's first version: waits for a 'go' event. */
@Workflow({ name: 'ledger', version: 'v1' })
class LedgerV1 extends WorkflowBase<void, string> {
  async run(ctx: WorkflowContext): Promise<string> {
    await ctx.waitForExternalEvent('go');
    return 'v1';
  }
}

/** Its second version: a deploy that ships only this one strands v1 instances. */
@Workflow({ name: 'ledger', version: 'v2', latest: true })
class LedgerV2 extends WorkflowBase<void, string> {
  async run(): Promise<string> {
    return 'v2';
  }
}

describe('structured logging with a pino logger', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-logs-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const runtimeWith = (logger: pino.Logger, file: string) =>
    new WorkflowRuntime({
      backend: new SqliteBackend({ path: join(dir, file), logger }),
      workflows: [Checkout, CallsMissingActivity, ParentGreeter, ChildGreeter],
      activities: [FlakyCharge],
      executionCacheSize: 0, // every step replays: ctx.logger must still write each record once
      logger,
    });

  it('logs each failed attempt (warn) and the failed workflow (error) with fields an operator can filter by', async () => {
    const { logger, records } = pinoRecords();
    const runtime = runtimeWith(logger, 'checkout.db');
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow(Checkout, 25);
      expect((await runtime.client.waitForWorkflowCompletion(id))?.status).toBe(WorkflowStatus.FAILED);
      const mine = records.filter((r) => r.instanceId === id);

      const attempts = mine.filter((r) => r.level === LEVEL.warn);
      expect(attempts.map((r) => r.attempt)).toEqual([1, 2, 3]);
      for (const r of attempts) {
        expect(r).toMatchObject({ activity: 'flaky_charge', errorType: 'Error' });
        expect(r.msg).toEqual(expect.stringContaining('card declined'));
        expect((r.err as { message: string }).message).toMatch(/^card declined/);
      }

      const failed = mine.filter((r) => r.level === LEVEL.error);
      expect(failed).toHaveLength(1);
      expect(failed[0]).toMatchObject({ workflow: 'checkout', instanceId: id });
      expect(failed[0]!.msg).toEqual(expect.stringContaining('failed'));

      // The activity's logger carries the attempt's fields; the workflow's is silent on replay.
      const charging = mine.filter((r) => r.msg === 'charging card');
      expect(charging.map((r) => [r.activity, r.attempt, r.amount])).toEqual([
        ['flaky_charge', 1, 25],
        ['flaky_charge', 2, 25],
        ['flaky_charge', 3, 25],
      ]);
      expect(records.filter((r) => r.msg === 'checkout started')).toHaveLength(1);
    } finally {
      await runtime.stop();
    }
  });

  it('logs an unknown workflow name and an unknown activity name as errors', async () => {
    const { logger, records } = pinoRecords();
    const runtime = runtimeWith(logger, 'unknown.db');
    await runtime.backend.open();
    await runtime.backend.createInstance({ instanceId: 'stray', name: 'renamed_last_release' });
    await runtime.start();
    try {
      await runtime.client.waitForWorkflowCompletion('stray');
      const id = await runtime.client.scheduleNewWorkflow(CallsMissingActivity);
      await runtime.client.waitForWorkflowCompletion(id);

      const unknownWorkflow = records.find((r) => r.instanceId === 'stray' && r.level === LEVEL.error);
      expect(unknownWorkflow).toMatchObject({
        workflow: 'renamed_last_release',
        errorType: 'WorkflowNotFoundError',
      });
      expect(unknownWorkflow!.msg).toMatch(/unknown workflow/);

      const unknownActivity = records.find(
        (r) => r.instanceId === id && r.activity === 'not_registered_anywhere' && r.level === LEVEL.error,
      );
      expect(unknownActivity).toMatchObject({ attempt: 1, errorType: 'WorkflowNotFoundError' });
    } finally {
      await runtime.stop();
    }
  });

  it('a child workflow’s ctx.logger is replay-silent too (temporalio/sdk-go#600)', async () => {
    const { logger, records } = pinoRecords();
    const runtime = runtimeWith(logger, 'child.db');
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow(ParentGreeter);
      expect((await runtime.client.waitForWorkflowCompletion(id))?.output).toBe('ok');
      expect(records.filter((r) => r.msg === 'child says hi').map((r) => r.step)).toEqual(['before']);
      expect(records.filter((r) => r.msg === 'child says bye').map((r) => r.step)).toEqual(['after']);
    } finally {
      await runtime.stop();
    }
  });

  it('logs a stalled instance (warn) with its instanceId, workflow, version and stalledReason', async () => {
    const { logger, records } = pinoRecords();
    const path = join(dir, 'stall.db');
    const deploy = (workflows: (typeof LedgerV1 | typeof LedgerV2)[]) =>
      new WorkflowRuntime({ backend: new SqliteBackend({ path, logger }), workflows, logger });
    const first = deploy([LedgerV1]);
    await first.start();
    await first.client.scheduleNewWorkflow('ledger', undefined, { instanceId: 'ledger-1' });
    await first.client.waitForWorkflowStart('ledger-1');
    await (first.backend as SqliteBackend).whenIdle();
    await first.stop();
    // A deploy that dropped v1 while ledger-1 runs on it: its next step cannot run.
    const second = deploy([LedgerV2]);
    await second.start();
    try {
      await second.client.raiseEvent('ledger-1', 'go');
      await (second.backend as SqliteBackend).whenIdle();
      expect((await second.client.getWorkflowState('ledger-1'))?.status).toBe(WorkflowStatus.STALLED);
      const stalled = records.filter((r) => r.instanceId === 'ledger-1' && r.level === LEVEL.warn);
      expect(stalled).toHaveLength(1);
      expect(stalled[0]).toMatchObject({
        workflow: 'ledger',
        version: 'v1',
        stalledReason: 'VERSION_NOT_AVAILABLE',
      });
      expect(stalled[0]!.msg).toMatch(/stalled/);
    } finally {
      await second.stop();
    }
  });

  it('console still works as the logger: Weft’s records arrive as (fields, message)', async () => {
    const lines: unknown[][] = [];
    const consoleLike = {
      debug: (...a: unknown[]) => lines.push(['debug', ...a]),
      info: (...a: unknown[]) => lines.push(['info', ...a]),
      warn: (...a: unknown[]) => lines.push(['warn', ...a]),
      error: (...a: unknown[]) => lines.push(['error', ...a]),
    };
    const runtime = new WorkflowRuntime({
      backend: new SqliteBackend({ path: join(dir, 'console.db'), logger: consoleLike }),
      workflows: [Checkout],
      activities: [FlakyCharge],
      logger: consoleLike,
    });
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow(Checkout, 1);
      await runtime.client.waitForWorkflowCompletion(id);
      const failed = lines.find((l) => l[0] === 'error');
      expect(failed?.[1]).toMatchObject({ instanceId: id, workflow: 'checkout' });
      expect(typeof failed?.[2]).toBe('string');
    } finally {
      await runtime.stop();
    }
  });
});

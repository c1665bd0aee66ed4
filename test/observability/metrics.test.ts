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
import type { ActivityContext, WorkflowContext } from 'weft-workflows';
import { setOtelApiForTesting } from '../../src/observability/otel-api';
import { installOtel } from './otel-support';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

@Activity({ name: 'double_it' })
class DoubleIt extends ActivityBase<number, number> {
  async run(ctx: ActivityContext, n: number): Promise<number> {
    if (n < 0 && ctx.attempt < 2) throw new Error('negative on first try');
    if (n === 13) throw new Error('unlucky');
    return n * 2;
  }
}

@Workflow({ name: 'doubler' })
class Doubler extends WorkflowBase<number, number> {
  async run(ctx: WorkflowContext, n: number): Promise<number> {
    return ctx.callActivity(DoubleIt, n, {
      retryPolicy: new RetryPolicy({ maxNumberOfAttempts: 2, firstRetryInterval: 5 }),
    });
  }
}

describe('metrics through the OpenTelemetry API', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-metrics-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const runtimeOn = (file: string) =>
    new WorkflowRuntime({
      backend: new SqliteBackend({ path: join(dir, file), logger: quiet }),
      workflows: [Doubler],
      activities: [DoubleIt],
      logger: quiet,
    });

  it('counts workflows started, completed and failed, activity attempts by outcome, and their latency', async () => {
    const otel = installOtel();
    const runtime = runtimeOn('m.db');
    await runtime.start();
    try {
      // 2 complete at once, 1 completes on its second attempt, 1 fails both attempts.
      const ids = await Promise.all(
        [2, 3, -1, 13].map((n) => runtime.client.scheduleNewWorkflow(Doubler, n)),
      );
      const states = await Promise.all(ids.map((id) => runtime.client.waitForWorkflowCompletion(id)));
      expect(states.map((s) => s?.status)).toEqual([
        WorkflowStatus.COMPLETED,
        WorkflowStatus.COMPLETED,
        WorkflowStatus.COMPLETED,
        WorkflowStatus.FAILED,
      ]);
      const w = { 'weft.workflow': 'doubler' };
      expect(await otel.counter('weft.workflow.started', w)).toBe(4);
      expect(await otel.counter('weft.workflow.completed', w)).toBe(3);
      expect(await otel.counter('weft.workflow.failed', w)).toBe(1);
      const a = { 'weft.activity': 'double_it' };
      expect(await otel.counter('weft.activity.attempts', { ...a, 'weft.outcome': 'completed' })).toBe(3);
      expect(await otel.counter('weft.activity.attempts', { ...a, 'weft.outcome': 'failed' })).toBe(3);
      expect(await otel.histogramCount('weft.activity.duration', a)).toBe(6);
      // Everything handed to the worker finished.
      expect(await otel.counter('weft.work.backlog', { 'weft.kind': 'activity' })).toBe(0);
      expect(await otel.counter('weft.work.backlog', { 'weft.kind': 'workflow' })).toBe(0);
    } finally {
      await runtime.stop();
      await otel.uninstall();
    }
  });

  it('without @opentelemetry/api installed, workflows run and nothing is traced or counted', async () => {
    setOtelApiForTesting(null);
    const otel = installOtel();
    const runtime = runtimeOn('none.db');
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow(Doubler, 4);
      expect((await runtime.client.waitForWorkflowCompletion(id))?.output).toBe(8);
      expect(otel.spans()).toEqual([]);
      expect(await otel.counter('weft.workflow.started')).toBe(0);
      const history = await runtime.backend.getHistory(id);
      expect(history?.find((e) => e.type === 'ExecutionStarted')).not.toHaveProperty(
        'parentTraceContext.traceParent',
      );
    } finally {
      await runtime.stop();
      await otel.uninstall();
      setOtelApiForTesting(undefined);
    }
  });

  it('with the API but no provider registered, nothing is stored with the instance', async () => {
    const runtime = runtimeOn('noop.db');
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow(Doubler, 5);
      await runtime.client.waitForWorkflowCompletion(id);
      const started = (await runtime.backend.getHistory(id))?.find((e) => e.type === 'ExecutionStarted');
      expect(started && 'parentTraceContext' in started && started.parentTraceContext).toBeFalsy();
    } finally {
      await runtime.stop();
    }
  });
});

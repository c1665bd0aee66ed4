import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanStatusCode, trace } from '@opentelemetry/api';
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
import { installOtel, parentOf } from './otel-support';
import type { OtelHarness } from './otel-support';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

@Activity({ name: 'charge_card' })
class ChargeCard extends ActivityBase<number, string> {
  async run(ctx: ActivityContext, amount: number): Promise<string> {
    // The activity's own outgoing call: it must join the activity's span.
    await trace.getTracer('payments-sdk').startActiveSpan('POST /charges', async (span) => span.end());
    if (ctx.attempt < 2) throw new Error('card network timeout');
    return `charged ${amount}`;
  }
}

@Workflow({ name: 'ship_order' })
class ShipOrder extends WorkflowBase<string, string> {
  async run(_ctx: WorkflowContext, order: string): Promise<string> {
    return `shipped ${order}`;
  }
}

@Workflow({ name: 'place_order' })
class PlaceOrder extends WorkflowBase<number, string> {
  async run(ctx: WorkflowContext, amount: number): Promise<string> {
    const charged = await ctx.callActivity(ChargeCard, amount, {
      retryPolicy: new RetryPolicy({ maxNumberOfAttempts: 3, firstRetryInterval: 10 }),
    });
    const shipped = await ctx.callChildWorkflow<string>(ShipOrder, 'o-1');
    return `${charged}; ${shipped}`;
  }
}

@Workflow({ name: 'await_approval' })
class AwaitApproval extends WorkflowBase<void, string> {
  async run(ctx: WorkflowContext): Promise<string> {
    const approver = await ctx.waitForExternalEvent<string>('approved');
    return `approved by ${approver}`;
  }
}

@Workflow({ name: 'countdown' })
class Countdown extends WorkflowBase<number, string> {
  async run(ctx: WorkflowContext, n: number): Promise<string> {
    if (n > 0) {
      ctx.continueAsNew(n - 1);
      return '';
    }
    return 'lift-off';
  }
}

@Workflow({ name: 'paced_countdown' })
class PacedCountdown extends WorkflowBase<number, string> {
  async run(ctx: WorkflowContext, n: number): Promise<string> {
    if (n === 0) return 'lift-off';
    await ctx.waitForExternalEvent('tick');
    ctx.continueAsNew(n - 1);
    return '';
  }
}

describe('OpenTelemetry tracing (SDK with an in-memory exporter)', () => {
  let otel: OtelHarness;
  let dir: string;
  beforeEach(() => {
    otel = installOtel();
    dir = mkdtempSync(join(tmpdir(), 'weft-otel-'));
  });
  afterEach(async () => {
    await otel.uninstall();
    rmSync(dir, { recursive: true, force: true });
  });

  const runtimeOn = (path: string, executionCacheSize?: number) =>
    new WorkflowRuntime({
      backend: new SqliteBackend({ path, logger: quiet }),
      workflows: [PlaceOrder, ShipOrder, AwaitApproval, Countdown, PacedCountdown],
      activities: [ChargeCard],
      logger: quiet,
      executionCacheSize,
    });

  it('a workflow started in a request joins its trace: schedule, steps, each attempt, the child, the activity’s own calls', async () => {
    const runtime = runtimeOn(join(dir, 'orders.db'));
    await runtime.start();
    try {
      const request = trace.getTracer('http-server');
      const { id, requestSpan } = await request.startActiveSpan('POST /orders', async (span) => {
        const scheduled = await runtime.client.scheduleNewWorkflow(PlaceOrder, 42);
        span.end();
        return { id: scheduled, requestSpan: span.spanContext() };
      });
      const state = await runtime.client.waitForWorkflowCompletion(id);
      expect(state?.status).toBe(WorkflowStatus.COMPLETED);

      const spans = otel.spans();
      const traceIds = new Set(spans.map((s) => s.spanContext().traceId));
      expect(traceIds).toEqual(new Set([requestSpan.traceId]));

      const byName = (n: string) => spans.filter((s) => s.name === n);
      const [schedule] = byName('create_orchestration||place_order');
      expect(parentOf(schedule!)).toBe(requestSpan.spanId);
      expect(schedule!.attributes['durabletask.task.instance_id']).toBe(id);

      const steps = byName('orchestration||place_order');
      expect(steps.length).toBeGreaterThanOrEqual(3); // start, after the retry, after the child
      for (const step of steps) {
        expect(parentOf(step)).toBe(schedule!.spanContext().spanId);
        expect(step.attributes['durabletask.task.instance_id']).toBe(id);
      }
      expect(steps.at(-1)!.attributes['durabletask.runtime_status']).toBe('COMPLETED');

      const attempts = byName('activity||charge_card').sort(
        (a, b) =>
          (a.attributes['weft.activity.attempt'] as number) -
          (b.attributes['weft.activity.attempt'] as number),
      );
      expect(attempts.map((a) => a.attributes['weft.activity.attempt'])).toEqual([1, 2]);
      expect(attempts[0]!.status.code).toBe(SpanStatusCode.ERROR);
      expect(attempts[0]!.events.some((e) => e.name === 'exception')).toBe(true);
      expect(attempts[1]!.status.code).not.toBe(SpanStatusCode.ERROR);
      // temporalio/sdk-go#1386: activity spans came out as roots, not under their workflow. Here each attempt's parent
      // is the step that scheduled it.
      const stepIds = new Set(steps.map((s) => s.spanContext().spanId));
      for (const a of attempts) expect(stepIds.has(parentOf(a)!)).toBe(true);

      // dapr/dapr#7927: an activity's own outgoing calls found no trace context. Here they join the attempt's span.
      const outgoing = byName('POST /charges');
      expect(outgoing.map(parentOf).sort()).toEqual(attempts.map((a) => a.spanContext().spanId).sort());

      const [createChild] = byName('create_orchestration||ship_order');
      expect(stepIds.has(parentOf(createChild!)!)).toBe(true);
      const [childStep] = byName('orchestration||ship_order');
      expect(parentOf(childStep!)).toBe(createChild!.spanContext().spanId);

      // The trace context is stored with the instance, in its ExecutionStarted event (as daprd stores it).
      const history = await runtime.backend.getHistory(id);
      const started = history?.find((e) => e.type === 'ExecutionStarted');
      expect(started).toMatchObject({
        parentTraceContext: { traceParent: `00-${requestSpan.traceId}-${schedule!.spanContext().spanId}-01` },
      });
    } finally {
      await runtime.stop();
    }
  });

  it('the stored trace context survives a restart: steps after it still join the caller’s trace', async () => {
    const db = join(dir, 'approval.db');
    const first = runtimeOn(db);
    await first.start();
    const { id, traceId } = await trace
      .getTracer('http-server')
      .startActiveSpan('POST /approvals', async (span) => {
        const scheduled = await first.client.scheduleNewWorkflow(AwaitApproval);
        span.end();
        return { id: scheduled, traceId: span.spanContext().traceId };
      });
    await first.client.waitForWorkflowStart(id);
    await first.stop();

    const second = runtimeOn(db);
    await second.start();
    try {
      otel.exporter.reset();
      // Raised outside any span: the step it wakes continues the stored trace, not a new one.
      await second.client.raiseEvent(id, 'approved', 'ada');
      expect((await second.client.waitForWorkflowCompletion(id))?.status).toBe(WorkflowStatus.COMPLETED);
      const steps = otel.spans().filter((s) => s.name === 'orchestration||await_approval');
      expect(steps.length).toBeGreaterThan(0);
      for (const s of steps) expect(s.spanContext().traceId).toBe(traceId);
    } finally {
      await second.stop();
    }
  });

  it('replaying every step emits no duplicate spans: one per step, attempt and child (apple/swift-temporal-sdk#177)', async () => {
    const runtime = runtimeOn(join(dir, 'replays.db'), 0);
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow(PlaceOrder, 7);
      expect((await runtime.client.waitForWorkflowCompletion(id))?.status).toBe(WorkflowStatus.COMPLETED);
      const count = (n: string) => otel.spans().filter((s) => s.name === n).length;
      expect(count('create_orchestration||ship_order')).toBe(1);
      expect(count('activity||charge_card')).toBe(2);
      expect(count('orchestration||ship_order')).toBe(1);
      // Steps: the start, the failed attempt's outcome, the retry timer, the success, the child's completion.
      const history = await runtime.backend.getHistory(id);
      const stepsRun = history!.filter((e) => e.type === 'WorkflowStarted').length;
      expect(count('orchestration||place_order')).toBe(stepsRun);
    } finally {
      await runtime.stop();
    }
  });

  it('continue-as-new stays in the caller’s trace', async () => {
    const runtime = runtimeOn(join(dir, 'countdown.db'));
    await runtime.start();
    try {
      const { id, traceId } = await trace.getTracer('cron').startActiveSpan('tick', async (span) => {
        const scheduled = await runtime.client.scheduleNewWorkflow(Countdown, 3);
        span.end();
        return { id: scheduled, traceId: span.spanContext().traceId };
      });
      expect((await runtime.client.waitForWorkflowCompletion(id))?.output).toBe('lift-off');
      const steps = otel.spans().filter((s) => s.name === 'orchestration||countdown');
      expect(steps).toHaveLength(4);
      for (const s of steps) expect(s.spanContext().traceId).toBe(traceId);
    } finally {
      await runtime.stop();
    }
  });

  it('continue-as-new stays in the caller’s trace across a restart of the process', async () => {
    // The restart falls between a continue-as-new and the new execution's next step: the process that runs
    // that step never saw the old execution, and only the new ExecutionStarted can tell it the trace.
    const db = join(dir, 'paced.db');
    const first = runtimeOn(db);
    await first.start();
    const { id, traceId } = await trace.getTracer('cron').startActiveSpan('tick', async (span) => {
      const scheduled = await first.client.scheduleNewWorkflow(PacedCountdown, 2);
      span.end();
      return { id: scheduled, traceId: span.spanContext().traceId };
    });
    try {
      await first.client.raiseEvent(id, 'tick');
      await (first.backend as SqliteBackend).whenIdle();
      const continued = await first.client.getWorkflowHistory(id);
      expect(continued.find((e) => e.type === 'ExecutionStarted')).toMatchObject({ input: 1 });
    } finally {
      await first.stop();
    }
    const second = runtimeOn(db);
    await second.start();
    try {
      await second.client.raiseEvent(id, 'tick');
      expect((await second.client.waitForWorkflowCompletion(id)).output).toBe('lift-off');
      const steps = otel.spans().filter((s) => s.name === 'orchestration||paced_countdown');
      expect(steps.length).toBeGreaterThanOrEqual(4);
      for (const s of steps) expect(s.spanContext().traceId).toBe(traceId);
    } finally {
      await second.stop();
    }
  });

  it('a failed workflow’s step span records the error', async () => {
    // Scheduled through the backend, as a remote client would: the runtime's own client refuses unknown names.
    const raw = runtimeOn(join(dir, 'failed.db'));
    await raw.backend.open();
    await raw.backend.createInstance({ instanceId: 'ghost', name: 'no_such_workflow' });
    await raw.start();
    try {
      await raw.client.waitForWorkflowCompletion('ghost');
      const [step] = otel.spans().filter((s) => s.name === 'orchestration||no_such_workflow');
      expect(step!.status.code).toBe(SpanStatusCode.ERROR);
      expect(step!.attributes['durabletask.runtime_status']).toBe('FAILED');
    } finally {
      await raw.stop();
    }
  });
});

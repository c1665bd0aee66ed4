import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import {
  Activity,
  ActivityBase,
  DaprSidecarBackend,
  RetryPolicy,
  SqliteBackend,
  Workflow,
  WorkflowBase,
  WorkflowRuntime,
  WorkflowStatus,
} from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';
import { startSidecarServer } from '../../src/backends/dapr';
import type { SidecarServer } from '../../src/backends/dapr';
import { installOtel, parentOf } from './otel-support';
import type { OtelHarness } from './otel-support';

jest.setTimeout(30_000);
const quiet = { debug() {}, info() {}, warn() {}, error() {} };

@Activity({ name: 'reserve_seat' })
class ReserveSeat extends ActivityBase<string, string> {
  async run(ctx: ActivityContext, seat: string): Promise<string> {
    if (ctx.attempt < 2) throw new Error('seat map busy');
    return `reserved ${seat}`;
  }
}

@Workflow({ name: 'issue_ticket' })
class IssueTicket extends WorkflowBase<string, string> {
  async run(_ctx: WorkflowContext, seat: string): Promise<string> {
    return `ticket for ${seat}`;
  }
}

@Workflow({ name: 'book_flight' })
class BookFlight extends WorkflowBase<string, string> {
  async run(ctx: WorkflowContext, seat: string): Promise<string> {
    await ctx.callActivity(ReserveSeat, seat, {
      retryPolicy: new RetryPolicy({ maxNumberOfAttempts: 2, firstRetryInterval: 5 }),
    });
    return ctx.callChildWorkflow<string>(IssueTicket, seat);
  }
}

// Compared by hand against the reference sidecar (durabletask-go, the engine inside daprd), 2026-11-30: it stored
// StartInstance.parentTraceContext in ExecutionStarted and sent it back in pastEvents, so every Weft span joined the
// caller's trace with the steps under the schedule span, as here. It parents ActivityRequest.parentTraceContext on
// the instance's context (the schedule span) rather than the step's. (It also does not send Weft's `attempt`
// extension; the worker reads the attempt from the history instead: test/dapr/attempts-without-extension.test.ts.)
describe('trace context through the sidecar protocol (DaprSidecarBackend against weft sidecar, real gRPC)', () => {
  let otel: OtelHarness;
  let dir: string;
  let server: SidecarServer;

  beforeEach(async () => {
    otel = installOtel();
    dir = mkdtempSync(join(tmpdir(), 'weft-otel-dapr-'));
    server = await startSidecarServer({
      backend: new SqliteBackend({ path: join(dir, 'sidecar.db'), logger: quiet }),
      port: 0,
      logger: quiet,
    });
  });
  afterEach(async () => {
    await server.stop();
    await otel.uninstall();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the caller’s trace goes in StartInstance.parentTraceContext, is stored by the sidecar, and comes back with the work', async () => {
    const runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ port: server.port }),
      workflows: [BookFlight, IssueTicket],
      activities: [ReserveSeat],
      logger: quiet,
    });
    await runtime.start();
    try {
      const { id, request } = await trace
        .getTracer('http-server')
        .startActiveSpan('POST /bookings', async (span) => {
          const scheduled = await runtime.client.scheduleNewWorkflow(BookFlight, '12A');
          span.end();
          return { id: scheduled, request: span.spanContext() };
        });
      const done = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 20_000 });
      expect(done.status).toBe(WorkflowStatus.COMPLETED);

      // Stored by the sidecar with the instance (its ExecutionStarted event).
      const stored = (await server.backend.getHistory(id))?.find((e) => e.type === 'ExecutionStarted');
      const spans = otel.spans();
      const [schedule] = spans.filter((s) => s.name === 'create_orchestration||book_flight');
      expect(stored).toMatchObject({
        parentTraceContext: { traceParent: `00-${request.traceId}-${schedule!.spanContext().spanId}-01` },
      });

      expect(new Set(spans.map((s) => s.spanContext().traceId))).toEqual(new Set([request.traceId]));
      const steps = spans.filter((s) => s.name === 'orchestration||book_flight');
      for (const s of steps) expect(parentOf(s)).toBe(schedule!.spanContext().spanId);
      const attempts = spans.filter((s) => s.name === 'activity||reserve_seat');
      expect(attempts.map((a) => a.status.code).sort()).toEqual(
        [SpanStatusCode.UNSET, SpanStatusCode.ERROR].sort(),
      );

      // The child's trace goes in CreateChildWorkflowAction's extension field and comes back in its ExecutionStarted.
      const [createChild] = spans.filter((s) => s.name === 'create_orchestration||issue_ticket');
      const [childStep] = spans.filter((s) => s.name === 'orchestration||issue_ticket');
      expect(parentOf(childStep!)).toBe(createChild!.spanContext().spanId);
    } finally {
      await runtime.stop();
    }
  });
});

import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trace } from '@opentelemetry/api';
import { SqliteBackend, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';
import { installOtel } from './otel-support';
import type { OtelHarness } from './otel-support';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Without a tracer provider Weft makes no spans at all (not even the API's no-op ones); it checks on each span,
 * so an SDK registered after the runtime started (as an application that sets up tracing late) is used from then on.
 */
describe('tracing turned on after the runtime started', () => {
  let dir: string;
  let otel: OtelHarness | undefined;
  let runtime: WorkflowRuntime;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-otel-late-'));
    runtime = new WorkflowRuntime({
      backend: new SqliteBackend({ path: join(dir, 'w.db'), logger: quiet }),
      workflows: [],
      activities: [],
      logger: quiet,
    });
    runtime.registerActivity(async (_ctx, n: number) => n * 2, 'double');
    runtime.registerWorkflow(
      async (ctx: WorkflowContext, n: number) => ctx.callActivity<number>('double', n),
      'doubler',
    );
    await runtime.start();
  });
  afterEach(async () => {
    await runtime.stop();
    await otel?.uninstall();
    otel = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs untraced first, then joins the caller’s trace once an SDK is registered', async () => {
    const client = runtime.client;
    const before = await client.scheduleNewWorkflow('doubler', 2);
    expect((await client.waitForWorkflowCompletion(before)).output).toBe(4);

    otel = installOtel();
    const { id, traceId } = await trace.getTracer('app').startActiveSpan('POST /orders', async (request) => {
      const instanceId = await client.scheduleNewWorkflow('doubler', 21);
      request.end();
      return { id: instanceId, traceId: request.spanContext().traceId };
    });
    const done = await client.waitForWorkflowCompletion(id);
    expect(done.status).toBe(WorkflowStatus.COMPLETED);
    expect(done.output).toBe(42);

    const spans = otel.spans();
    const names = spans.map((s) => s.name);
    expect(names).toEqual(
      expect.arrayContaining(['create_orchestration||doubler', 'orchestration||doubler', 'activity||double']),
    );
    // Every Weft span of the second workflow is in the request's trace; the first workflow left none.
    for (const span of spans.filter((s) => s.name !== 'POST /orders'))
      expect(span.spanContext().traceId).toBe(traceId);
    expect(spans.some((s) => Object.values(s.attributes).includes(before))).toBe(false);
  });
});

import type {
  Attributes,
  Counter,
  Histogram,
  Meter,
  Span,
  SpanKind,
  UpDownCounter,
} from '@opentelemetry/api';
import type { TraceContext } from '../core';
import type { OtelApiModule } from './otel-api';
import { otelApi } from './otel-api';
import { contextFrom, traceContextOf } from './trace-context-codec';

/** The instrumentation scope name of Weft's tracer and meter. */
export const INSTRUMENTATION_SCOPE = 'weft';

/**
 * Span attribute names. Weft uses the ones daprd and durabletask-go write (`durabletask.*`), so Weft's spans and a
 * Dapr sidecar's sit side by side in one trace view.
 */
export const SPAN_ATTRIBUTES = {
  /** `orchestration`, `activity` or `create_orchestration`. */
  type: 'durabletask.type',
  /** Workflow or activity name. */
  name: 'durabletask.task.name',
  /** Workflow instance id. */
  instanceId: 'durabletask.task.instance_id',
  /** Sequence number of an activity or child in its workflow's history. */
  taskId: 'durabletask.task.task_id',
  /** 1-based attempt number of an activity (Weft). */
  attempt: 'weft.activity.attempt',
  /** The workflow's status after the step (`COMPLETED`, `FAILED`, …), or the activity outcome. */
  status: 'durabletask.runtime_status',
} as const;

/** Kinds of span Weft starts, mapped to OpenTelemetry's `SpanKind`. */
export type WeftSpanKind = 'internal' | 'producer' | 'consumer' | 'client' | 'server';

/** Options of {@link inSpan}. */
export interface SpanOptions {
  /** The span kind; default internal. */
  kind?: WeftSpanKind;
  /** Attributes set at start. */
  attributes?: Attributes;
  /** A stored trace to continue; when absent the active context is the parent. */
  parent?: TraceContext;
}

/** What {@link inSpan} hands its function: the span (or undefined when tracing is off) and its trace context. */
export interface SpanScope {
  /** The live span; undefined when `@opentelemetry/api` is absent. */
  span: Span | undefined;
  /** The span's W3C trace context, to store with work it causes; undefined when nothing is traced. */
  traceContext(): TraceContext | undefined;
  /** Marks the span failed: records the error as an exception event and sets status ERROR. */
  fail(error: { name?: string; message: string; stack?: string }): void;
}

const NO_SCOPE: SpanScope = { span: undefined, traceContext: () => undefined, fail() {} };

function spanKind(kind: WeftSpanKind | undefined): SpanKind {
  const k = otelApi()!.SpanKind;
  return {
    internal: k.INTERNAL,
    producer: k.PRODUCER,
    consumer: k.CONSUMER,
    client: k.CLIENT,
    server: k.SERVER,
  }[kind ?? 'internal'];
}

/**
 * Runs `fn` inside a new active span (so spans the function's own calls start are its children), ends it after,
 * and marks it failed when `fn` throws (the error is rethrown). Without `@opentelemetry/api`, just runs `fn`.
 *
 * @param name - span name, e.g. `activity||ReserveInventory` (durabletask-go's naming)
 */
export async function inSpan<T>(
  name: string,
  options: SpanOptions,
  fn: (scope: SpanScope) => Promise<T>,
): Promise<T> {
  const api = otelApi();
  if (!api) return fn(NO_SCOPE);
  const parent = contextFrom(api, options.parent, api.context.active());
  if (!tracingRegistered(api)) {
    // No tracer provider: the API's no-op span would only carry the parent's context on, so carry it
    // without making one (a span object and a context switch per step and activity, measured in profiles).
    const carried = traceContextOf(api, parent);
    return fn(carried ? { span: undefined, traceContext: () => carried, fail() {} } : NO_SCOPE);
  }
  const tracer = api.trace.getTracer(INSTRUMENTATION_SCOPE);
  return tracer.startActiveSpan(
    name,
    { kind: spanKind(options.kind), attributes: options.attributes },
    parent,
    async (span) => {
      const scope: SpanScope = {
        span,
        traceContext: () => traceContextOf(api, api.trace.setSpan(api.context.active(), span)),
        fail: (error) => {
          span.recordException({ name: error.name, message: error.message, stack: error.stack });
          span.setStatus({ code: api.SpanStatusCode.ERROR, message: error.message });
        },
      };
      try {
        return await fn(scope);
      } catch (err) {
        scope.fail(err instanceof Error ? err : { message: String(err) });
        throw err;
      } finally {
        span.end();
      }
    },
  );
}

/**
 * Whether an OpenTelemetry SDK has registered a tracer provider (the API's global provider then has a
 * delegate); checked on each span, so a provider registered after Weft started is used from then on.
 */
function tracingRegistered(api: OtelApiModule): boolean {
  const provider = api.trace.getTracerProvider();
  return (
    !(provider instanceof api.ProxyTracerProvider) ||
    provider.getDelegateTracer(INSTRUMENTATION_SCOPE) !== undefined
  );
}

/**
 * Starts and at once ends a span marking a hand-off (e.g. creating a child workflow), and returns its trace
 * context for the receiver to continue; undefined when nothing is traced.
 */
export function markHandOff(name: string, options: SpanOptions): TraceContext | undefined {
  const api = otelApi();
  if (!api) return undefined;
  const parent = contextFrom(api, options.parent, api.context.active());
  const span = api.trace
    .getTracer(INSTRUMENTATION_SCOPE)
    .startSpan(name, { kind: spanKind(options.kind), attributes: options.attributes }, parent);
  const out = traceContextOf(api, api.trace.setSpan(parent, span));
  span.end();
  return out;
}

/** The W3C trace context of the caller's active span; undefined when there is none or nothing is traced. */
export function activeTraceContext(): TraceContext | undefined {
  const api = otelApi();
  return api ? traceContextOf(api, api.context.active()) : undefined;
}

interface Instruments {
  started: Counter;
  completed: Counter;
  failed: Counter;
  attempts: Counter;
  duration: Histogram;
  inFlight: UpDownCounter;
}

const instrumentsByMeter = new WeakMap<Meter, Instruments>();

function instruments(): Instruments | undefined {
  const api = otelApi();
  if (!api) return undefined;
  // Asked on each use: the application may register its MeterProvider after Weft loaded.
  const meter = api.metrics.getMeter(INSTRUMENTATION_SCOPE);
  let found = instrumentsByMeter.get(meter);
  if (!found) {
    found = {
      started: meter.createCounter('weft.workflow.started', {
        description: 'Workflow instances that began running',
      }),
      completed: meter.createCounter('weft.workflow.completed', {
        description: 'Workflow instances completed',
      }),
      failed: meter.createCounter('weft.workflow.failed', { description: 'Workflow instances failed' }),
      attempts: meter.createCounter('weft.activity.attempts', {
        description: 'Activity attempts, by activity and outcome',
      }),
      duration: meter.createHistogram('weft.activity.duration', {
        description: 'Duration of one activity attempt',
        unit: 'ms',
      }),
      inFlight: meter.createUpDownCounter('weft.work.backlog', {
        description: 'Work items handed to this worker and not yet finished, by kind (workflow, activity)',
      }),
    };
    instrumentsByMeter.set(meter, found);
  }
  return found;
}

/** Weft's metrics through the OpenTelemetry metrics API; every call is a no-op without `@opentelemetry/api`. */
export const weftMetrics = {
  /** A workflow instance ran its first step. */
  workflowStarted(workflow: string): void {
    instruments()?.started.add(1, { 'weft.workflow': workflow });
  },
  /** A workflow instance finished: COMPLETED counts as completed, FAILED as failed. */
  workflowFinished(workflow: string, failed: boolean): void {
    const i = instruments();
    (failed ? i?.failed : i?.completed)?.add(1, { 'weft.workflow': workflow });
  },
  /** One activity attempt ended after `durationMs` milliseconds. */
  activityAttempt(activity: string, outcome: 'completed' | 'failed', durationMs: number): void {
    const i = instruments();
    i?.attempts.add(1, { 'weft.activity': activity, 'weft.outcome': outcome });
    i?.duration.record(durationMs, { 'weft.activity': activity, 'weft.outcome': outcome });
  },
  /** A work item of `kind` was taken (+1) or finished (-1). */
  backlog(kind: 'workflow' | 'activity', delta: 1 | -1): void {
    instruments()?.inFlight.add(delta, { 'weft.kind': kind });
  },
};

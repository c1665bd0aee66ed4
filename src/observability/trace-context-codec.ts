import type { Context } from '@opentelemetry/api';
import type { TraceContext } from '../core';
import type { OtelApiModule } from './otel-api';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The W3C trace context of the span active in `ctx`, or undefined when there is no valid one (no provider
 * registered, or no span). Written directly from the span context, so no propagator needs to be registered.
 */
export function traceContextOf(api: OtelApiModule, ctx: Context): TraceContext | undefined {
  const sc = api.trace.getSpanContext(ctx);
  if (!sc || !api.isSpanContextValid(sc)) return undefined;
  const flags = (sc.traceFlags & 0xff).toString(16).padStart(2, '0');
  const traceState = sc.traceState?.serialize();
  return {
    traceParent: `00-${sc.traceId}-${sc.spanId}-${flags}`,
    ...(traceState ? { traceState } : {}),
  };
}

/**
 * A context whose remote parent is the stored trace context; `base` unchanged when it is absent or not a valid
 * version-00 `traceparent` (a malformed value starts a new trace instead of failing the work).
 */
export function contextFrom(api: OtelApiModule, stored: TraceContext | undefined, base: Context): Context {
  const m = stored && TRACEPARENT.exec(stored.traceParent.trim().toLowerCase());
  if (!m) return base;
  const spanContext = {
    traceId: m[1]!,
    spanId: m[2]!,
    traceFlags: parseInt(m[3]!, 16),
    isRemote: true,
    traceState: stored?.traceState ? api.createTraceState(stored.traceState) : undefined,
  };
  if (!api.isSpanContextValid(spanContext)) return base;
  return api.trace.setSpanContext(base, spanContext);
}

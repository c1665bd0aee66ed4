import type { TraceContext } from '../../../core';
import type { WireTraceContext } from '../protocol/wire-types';
import { fromStringValue, toStringValue } from './wire-values';

/**
 * Writes a trace context as the protocol's `TraceContext` (`traceParent`, `traceState`); the deprecated `spanID`
 * is left empty, as durabletask-go does.
 */
export function traceContextToWire(ctx: TraceContext | undefined): WireTraceContext | undefined {
  return ctx && { traceParent: ctx.traceParent, traceState: toStringValue(ctx.traceState) };
}

/** Reads a protocol `TraceContext`; undefined when absent or without a `traceParent`. */
export function traceContextFromWire(wire: WireTraceContext | null | undefined): TraceContext | undefined {
  if (!wire?.traceParent) return undefined;
  const traceState = fromStringValue(wire.traceState);
  return { traceParent: wire.traceParent, ...(traceState ? { traceState } : {}) };
}

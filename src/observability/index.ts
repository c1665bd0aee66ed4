/**
 * OpenTelemetry for Weft, through `@opentelemetry/api` only (an optional peer dependency, required lazily): spans
 * and metrics are recorded when the application registered providers, and cost nothing otherwise.
 */
export { otelApi } from './otel-api';
export type { OtelApiModule } from './otel-api';
export { contextFrom, traceContextOf } from './trace-context-codec';
export {
  activeTraceContext,
  inSpan,
  INSTRUMENTATION_SCOPE,
  markHandOff,
  SPAN_ATTRIBUTES,
  weftMetrics,
} from './weft-telemetry';
export type { SpanOptions, SpanScope, WeftSpanKind } from './weft-telemetry';

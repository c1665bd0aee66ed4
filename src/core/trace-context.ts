/**
 * A W3C trace context as the durabletask protocol carries it (`TraceContext { traceParent, traceState }`): the
 * span a workflow, activity or child workflow continues. Stored in an instance's ExecutionStarted event, as daprd
 * stores `ExecutionStartedEvent.parentTraceContext`.
 */
export interface TraceContext {
  /** The W3C `traceparent` header value, `00-<32 hex trace id>-<16 hex span id>-<2 hex flags>`. */
  traceParent: string;
  /** The W3C `tracestate` header value, when there is one. */
  traceState?: string;
}

import * as api from '@opentelemetry/api';
import type { HistoryEvent, WorkflowAction } from '../../src/core';
import { actionFromWire, actionToWire } from '../../src/backends/dapr/convert/action-converter';
import {
  historyEventFromWire,
  historyEventToWire,
} from '../../src/backends/dapr/convert/history-event-converter';
import { contextFrom, traceContextOf } from '../../src/observability';

const TRACE = {
  traceParent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
  traceState: 'congo=t61rcWkgMzE,rojo=00f067aa0ba902b7',
};

describe('trace context on the wire and in the W3C codec', () => {
  it('ExecutionStarted keeps parentTraceContext (traceparent and tracestate) through the protocol', () => {
    const event: HistoryEvent = {
      type: 'ExecutionStarted',
      eventId: -1,
      timestamp: 1,
      name: 'w',
      parentTraceContext: TRACE,
    };
    const wire = historyEventToWire(event, 'i-1');
    expect(wire.executionStarted?.parentTraceContext).toEqual({
      traceParent: TRACE.traceParent,
      traceState: { value: TRACE.traceState },
    });
    expect(historyEventFromWire(wire)).toMatchObject({ parentTraceContext: TRACE });
  });

  it('CreateChildWorkflow carries it in Weft’s extension field', () => {
    const action: WorkflowAction = {
      type: 'CreateChildWorkflow',
      id: 3,
      instanceId: 'c',
      name: 'child',
      parentTraceContext: { traceParent: TRACE.traceParent },
    };
    expect(actionFromWire(actionToWire(action))).toEqual(action);
  });

  it('a stored context becomes the remote parent; a malformed one starts a new trace instead of failing', () => {
    const ctx = contextFrom(api, TRACE, api.ROOT_CONTEXT);
    expect(api.trace.getSpanContext(ctx)).toMatchObject({
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      spanId: '00f067aa0ba902b7',
      isRemote: true,
    });
    expect(traceContextOf(api, ctx)).toEqual(TRACE);
    for (const traceParent of [
      'garbage',
      '00-00000000000000000000000000000000-00f067aa0ba902b7-01',
      '01-x-y-z',
    ])
      expect(contextFrom(api, { traceParent }, api.ROOT_CONTEXT)).toBe(api.ROOT_CONTEXT);
  });
});

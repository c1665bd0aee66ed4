import { newEvent } from '../../src/core';
import { actionFromWire, actionToWire } from '../../src/backends/dapr/convert/action-converter';
import {
  historyEventFromWire,
  historyEventToWire,
} from '../../src/backends/dapr/convert/history-event-converter';
import { stallFromWire, stallToWire } from '../../src/backends/dapr/convert/version-converter';

describe('versions, stalls and detached workflows on the wire', () => {
  it('round-trips WorkflowStarted versions, ExecutionStalled and DetachedWorkflowInstanceCreated', () => {
    const events = [
      newEvent('WorkflowStarted', 1000, { version: { name: 'v2', patches: ['a', 'b'] } }),
      newEvent('WorkflowStarted', 1000, { version: { patches: ['a'] } }),
      newEvent('WorkflowStarted', 1000, {}),
      newEvent('ExecutionStalled', 1000, { reason: 'VERSION_NOT_AVAILABLE', description: 'no v1' }),
      newEvent('ExecutionStalled', 1000, { reason: 'PATCH_MISMATCH', description: 'patch p' }),
    ];
    for (const e of events) expect(historyEventFromWire(historyEventToWire(e))).toEqual(e);
    const detached = newEvent('DetachedWorkflowInstanceCreated', 1000, {
      eventId: 3,
      instanceId: 'x-0',
      name: 'audit',
    });
    // The protocol event carries the id only.
    expect(historyEventFromWire(historyEventToWire(detached))).toEqual({
      eventId: 3,
      timestamp: 1000,
      type: 'DetachedWorkflowInstanceCreated',
      instanceId: 'x-0',
    });
  });

  it('round-trips CreateDetachedWorkflow and a stall (durabletask-go sends the action without a reason)', () => {
    const action = {
      type: 'CreateDetachedWorkflow' as const,
      id: 2,
      instanceId: 'x-0',
      name: 'audit',
      input: '"in"',
    };
    expect(actionFromWire(actionToWire(action))).toEqual(action);
    const stall = { reason: 'PATCH_MISMATCH' as const, description: 'patch p' };
    expect(stallFromWire([stallToWire(stall, 0)])).toEqual(stall);
    expect(stallFromWire([{ id: 0, workflowVersionNotAvailable: {} }])?.reason).toBe('VERSION_NOT_AVAILABLE');
    expect(stallFromWire([{ id: 0, createTimer: {} }])).toBeUndefined();
  });
});

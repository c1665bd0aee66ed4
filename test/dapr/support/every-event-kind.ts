import { newEvent, WorkflowStatus } from '../../../src/core';
import type { HistoryEvent } from '../../../src/core';

const failure = { errorType: 'TypeError', message: 'boom', stackTrace: 'at x', isNonRetriable: true };

/**
 * One history event of every type, with the optional fields set, at time `t` (epoch ms): what the converter
 * round-trip and the encoder's byte-for-byte tests run over.
 */
export function everyEventKind(t: number): HistoryEvent[] {
  return [
    newEvent('WorkflowStarted', t, { version: { name: 'v2', patches: ['p1'] } }),
    newEvent('ExecutionStarted', t, {
      name: 'wf',
      input: '{"a":1}',
      parentInstance: { instanceId: 'p', name: 'parent_wf', taskScheduledId: 3 },
      scheduledStartTimestamp: t + 5,
      executionId: 'e-1',
      parentTraceContext: { traceParent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
    }),
    newEvent('TaskScheduled', t, { eventId: 0, name: 'act', input: '5', taskExecutionId: 'x-1', attempt: 2 }),
    newEvent('TaskCompleted', t, { taskScheduledId: 0, result: '"ok"' }),
    newEvent('TaskFailed', t, { taskScheduledId: 0, failureDetails: failure }),
    newEvent('ChildWorkflowInstanceCreated', t, {
      eventId: 1,
      instanceId: 'c',
      name: 'child',
      input: 'null',
    }),
    newEvent('ChildWorkflowInstanceCompleted', t, { taskScheduledId: 1, result: 'false' }),
    newEvent('ChildWorkflowInstanceFailed', t, {
      taskScheduledId: 1,
      failureDetails: { errorType: 'E', message: 'm' },
    }),
    newEvent('TimerCreated', t, { eventId: 2, fireAt: t + 1000, origin: { kind: 'createTimer' } }),
    newEvent('TimerCreated', t, { eventId: 3, fireAt: t + 1, origin: { kind: 'externalEvent', name: 'ev' } }),
    newEvent('TimerCreated', t, {
      eventId: 4,
      fireAt: t + 2,
      origin: { kind: 'activityRetry', taskExecutionId: 'x' },
    }),
    newEvent('TimerCreated', t, {
      eventId: 5,
      fireAt: t + 3,
      origin: { kind: 'childWorkflowRetry', instanceId: 'c' },
    }),
    newEvent('TimerFired', t, { fireAt: t + 1000, timerId: 2 }),
    newEvent('EventSent', t, { eventId: 6, instanceId: 'other', name: 'ping', input: '0' }),
    newEvent('EventRaised', t, { name: 'Approval', input: '""' }),
    newEvent('ContinueAsNew', t, { input: '[1]' }),
    newEvent('ExecutionSuspended', t, { input: 'because' }),
    newEvent('ExecutionResumed', t, {}),
    newEvent('ExecutionTerminated', t, { input: '"bye"', recurse: true }),
    newEvent('ExecutionCompleted', t, { workflowStatus: WorkflowStatus.FAILED, failureDetails: failure }),
    newEvent('WorkflowCompleted', t, {}),
  ];
}

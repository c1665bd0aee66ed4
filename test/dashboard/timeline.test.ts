/** The timeline built from a history: bars per attempt, retries, children, timers and waits. */
import { buildTimeline } from 'weft-workflows';
import type { WorkflowHistoryEvent } from 'weft-workflows';

const at = (ms: number): Date => new Date(1_000_000 + ms);
const ev = (ms: number, type: string, fields: Record<string, unknown> = {}): WorkflowHistoryEvent =>
  ({ eventId: -1, type, timestamp: at(ms), ...fields }) as WorkflowHistoryEvent;

it('draws activities per attempt, retry back-offs, children, timers and waits', () => {
  const history = [
    ev(0, 'WorkflowStarted'),
    ev(0, 'ExecutionStarted', { name: 'wf' }),
    ev(1, 'TaskScheduled', { eventId: 0, name: 'charge', attempt: 1 }),
    ev(10, 'WorkflowStarted'),
    ev(10, 'TaskFailed', { taskScheduledId: 0, failureDetails: { errorType: 'Error', message: 'x' } }),
    ev(11, 'TimerCreated', {
      eventId: 1,
      fireAt: 1_000_020,
      origin: { kind: 'activityRetry', taskExecutionId: 't' },
    }),
    ev(20, 'WorkflowStarted'),
    ev(20, 'TimerFired', { timerId: 1, fireAt: 1_000_020 }),
    ev(21, 'TaskScheduled', { eventId: 2, name: 'charge', attempt: 2 }),
    ev(30, 'WorkflowStarted'),
    ev(30, 'TaskCompleted', { taskScheduledId: 2 }),
    ev(31, 'ChildWorkflowInstanceCreated', { eventId: 3, name: 'ship', instanceId: 'c' }),
    ev(50, 'WorkflowStarted'),
    ev(45, 'EventRaised', { name: 'approve' }),
    ev(60, 'WorkflowStarted'),
    ev(60, 'ChildWorkflowInstanceFailed', {
      taskScheduledId: 3,
      failureDetails: { errorType: 'E', message: 'm' },
    }),
    ev(61, 'TimerCreated', { eventId: 4, fireAt: 1_000_100, origin: { kind: 'createTimer' } }),
  ];
  const timeline = buildTimeline(history);
  expect(timeline.start).toBe(1_000_000);
  expect(timeline.end).toBe(1_000_061);
  expect(
    timeline.bars.map((b) => [
      b.kind,
      b.label,
      b.attempt,
      b.start - 1_000_000,
      b.end && b.end - 1_000_000,
      b.outcome,
    ]),
  ).toEqual([
    ['activity', 'charge', 1, 1, 10, 'failed'],
    ['retry', 'retry back-off', 1, 11, 20, 'fired'],
    ['activity', 'charge', 2, 21, 30, 'completed'],
    ['child', 'ship', 1, 31, 60, 'failed'],
    ['wait', 'approve', 1, 31, 45, 'received'],
    ['timer', 'timer', 1, 61, undefined, 'open'],
  ]);
});

/**
 * What an unfinished instance waits for, read from its history alone: open timers, event waits recorded
 * as externalEvent timers (durabletask's far-future timer for waits without a deadline, dapr/proposals#104),
 * activities in flight or in a retry back-off with the next attempt's time, and children.
 */
import { pendingWork } from 'weft-workflows';
import type { WorkflowHistoryEvent } from 'weft-workflows';

const T0 = 1_700_000_000_000;
const at = (ms: number): Date => new Date(T0 + ms);
const ev = (ms: number, type: string, fields: Record<string, unknown> = {}): WorkflowHistoryEvent =>
  ({ eventId: -1, type, timestamp: at(ms), ...fields }) as WorkflowHistoryEvent;
const start = [ev(0, 'WorkflowStarted'), ev(0, 'ExecutionStarted', { name: 'wf' })];

it('names the event waited for, with its deadline, and treats a far-future timer as no deadline', () => {
  const history = [
    ...start,
    ev(1, 'TimerCreated', {
      eventId: 0,
      fireAt: T0 + 3_600_000,
      origin: { kind: 'externalEvent', name: 'approval' },
    }),
    ev(1, 'TimerCreated', {
      eventId: 1,
      fireAt: Date.UTC(9999, 11, 31, 23, 59, 59),
      origin: { kind: 'externalEvent', name: 'cancel' },
    }),
  ];
  const pending = pendingWork(history);
  expect(pending.events).toEqual([{ name: 'approval', timeoutAt: T0 + 3_600_000 }, { name: 'cancel' }]);
  expect(pending.timers).toEqual([{ eventId: 0, fireAt: T0 + 3_600_000, kind: 'event-timeout' }]);
});

it("adds the engine's waitingForEvents (waits without a timeout), once per name beside the timer-recorded ones", () => {
  const history = [
    ...start,
    ev(1, 'TimerCreated', {
      eventId: 0,
      fireAt: T0 + 3_600_000,
      origin: { kind: 'externalEvent', name: 'approval' },
    }),
  ];
  const pending = pendingWork(history, ['Approval', 'ship', 'SHIP']);
  expect(pending.events).toEqual([{ name: 'approval', timeoutAt: T0 + 3_600_000 }, { name: 'ship' }]);
  expect(pendingWork([...history, ev(2, 'ExecutionCompleted')], ['ship']).events).toEqual([]);
});

it('lists a plain timer with when it fires, and drops it once fired', () => {
  const created = ev(1, 'TimerCreated', {
    eventId: 0,
    fireAt: T0 + 3_600_000,
    origin: { kind: 'createTimer' },
  });
  expect(pendingWork([...start, created]).timers).toEqual([
    { eventId: 0, fireAt: T0 + 3_600_000, kind: 'timer' },
  ]);
  const fired = ev(3_600_000, 'TimerFired', { timerId: 0, fireAt: T0 + 3_600_000 });
  expect(pendingWork([...start, created, ev(3_600_000, 'WorkflowStarted'), fired]).timers).toEqual([]);
});

it('shows an activity in flight with its attempt, and one waiting to retry with the back-off timer as the next attempt', () => {
  // Temporal UI #747: "Next Retry" showed a default timeout instead of the scheduled retry; here it is the timer's fireAt.
  const history = [
    ...start,
    ev(1, 'TaskScheduled', { eventId: 0, name: 'charge', taskExecutionId: 'x1', attempt: 1 }),
    ev(1, 'TaskScheduled', { eventId: 1, name: 'ship', taskExecutionId: 'x2', attempt: 3 }),
    ev(50, 'WorkflowStarted'),
    ev(50, 'TaskFailed', {
      taskScheduledId: 0,
      failureDetails: { errorType: 'Error', message: 'card declined' },
    }),
    ev(51, 'TimerCreated', {
      eventId: 2,
      fireAt: T0 + 120_000,
      origin: { kind: 'activityRetry', taskExecutionId: 'x1' },
    }),
  ];
  const pending = pendingWork(history);
  expect(pending.activities).toEqual([
    {
      eventId: 0,
      name: 'charge',
      attempt: 1,
      scheduledAt: T0 + 1,
      nextRetryAt: T0 + 120_000,
      lastError: 'card declined',
    },
    { eventId: 1, name: 'ship', attempt: 3, scheduledAt: T0 + 1 },
  ]);
  expect(pending.timers).toEqual([{ eventId: 2, fireAt: T0 + 120_000, kind: 'retry' }]);
});

it('lists a running child, and nothing once it completes', () => {
  const created = ev(1, 'ChildWorkflowInstanceCreated', { eventId: 0, name: 'ship_wf', instanceId: 'c-1' });
  expect(pendingWork([...start, created]).children).toEqual([
    { eventId: 0, instanceId: 'c-1', name: 'ship_wf', createdAt: T0 + 1 },
  ]);
  const done = ev(9, 'ChildWorkflowInstanceCompleted', { taskScheduledId: 0 });
  expect(pendingWork([...start, created, ev(9, 'WorkflowStarted'), done]).children).toEqual([]);
});

it('reports nothing for a finished instance, even with a timer left open', () => {
  const history = [
    ...start,
    ev(1, 'TimerCreated', { eventId: 0, fireAt: T0 + 3_600_000, origin: { kind: 'createTimer' } }),
    ev(2, 'ExecutionCompleted', { workflowStatus: 'TERMINATED' }),
  ];
  expect(pendingWork(history)).toEqual({ timers: [], activities: [], children: [], events: [] });
});

it('ends a recorded event wait when the event arrives, though its timeout timer has not fired', () => {
  const history = [
    ...start,
    ev(1, 'TimerCreated', {
      eventId: 0,
      fireAt: T0 + 3_600_000,
      origin: { kind: 'externalEvent', name: 'approval' },
    }),
    ev(1, 'TimerCreated', {
      eventId: 1,
      fireAt: T0 + 7_200_000,
      origin: { kind: 'externalEvent', name: 'approval' },
    }),
    ev(5, 'WorkflowStarted'),
    ev(5, 'EventRaised', { name: 'APPROVAL', input: 'true' }),
  ];
  const pending = pendingWork(history);
  // The oldest wait got the event; the second still waits, with its own deadline.
  expect(pending.events).toEqual([{ name: 'approval', timeoutAt: T0 + 7_200_000 }]);
  expect(pending.timers).toEqual([{ eventId: 1, fireAt: T0 + 7_200_000, kind: 'event-timeout' }]);
});

it('counts the attempt per call when the engine records none (durabletask-go keeps one taskExecutionId across retries)', () => {
  const history = [
    ...start,
    ev(1, 'TaskScheduled', { eventId: 0, name: 'charge', taskExecutionId: 'x1' }),
    ev(2, 'WorkflowStarted'),
    ev(2, 'TaskFailed', { taskScheduledId: 0, failureDetails: { errorType: 'Error', message: 'declined' } }),
    ev(3, 'TimerCreated', {
      eventId: 1,
      fireAt: T0 + 10,
      origin: { kind: 'activityRetry', taskExecutionId: 'x1' },
    }),
    ev(10, 'WorkflowStarted'),
    ev(10, 'TimerFired', { timerId: 1, fireAt: T0 + 10 }),
    ev(11, 'TaskScheduled', { eventId: 2, name: 'charge', taskExecutionId: 'x1' }),
    ev(11, 'TaskScheduled', { eventId: 3, name: 'ship', taskExecutionId: 'x2' }),
  ];
  expect(pendingWork(history).activities.map((a) => [a.name, a.attempt])).toEqual([
    ['charge', 2],
    ['ship', 1],
  ]);
  const failedAgain = [
    ...history,
    ev(12, 'WorkflowStarted'),
    ev(12, 'TaskFailed', {
      taskScheduledId: 2,
      failureDetails: { errorType: 'Error', message: 'declined again' },
    }),
    ev(13, 'TimerCreated', {
      eventId: 4,
      fireAt: T0 + 40,
      origin: { kind: 'activityRetry', taskExecutionId: 'x1' },
    }),
  ];
  expect(pendingWork(failedAgain).activities[0]).toEqual({
    eventId: 2,
    name: 'charge',
    attempt: 2,
    scheduledAt: T0 + 11,
    nextRetryAt: T0 + 40,
    lastError: 'declined again',
  });
});

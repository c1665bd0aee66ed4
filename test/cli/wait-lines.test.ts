/**
 * `weft get` lists the dashboard's derivation of what an instance waits for (one derivation, in
 * src/client/pending-work.ts); these are the lines it makes of it.
 */
import { pendingWork } from 'weft-workflows';
import type { WorkflowHistoryEvent } from 'weft-workflows';
import { waitLines } from '../../src/cli/views/pending-work';

const T0 = 1_700_000_000_000;
const ev = (ms: number, type: string, fields: Record<string, unknown> = {}): WorkflowHistoryEvent =>
  ({ eventId: -1, type, timestamp: new Date(T0 + ms), ...fields }) as WorkflowHistoryEvent;
const start = [ev(0, 'WorkflowStarted'), ev(0, 'ExecutionStarted', { name: 'wf' })];
const updated = new Date(T0 + 50);

it('lists an activity in back-off as one retry line with the failed attempt, not also as a timer', () => {
  const history = [
    ...start,
    ev(1, 'TaskScheduled', { eventId: 0, name: 'charge', taskExecutionId: 'x1' }),
    ev(1, 'ChildWorkflowInstanceCreated', { eventId: 1, name: 'ship_wf', instanceId: 'c-1' }),
    ev(1, 'TimerCreated', { eventId: 2, fireAt: T0 + 9_000, origin: { kind: 'createTimer' } }),
    ev(2, 'WorkflowStarted'),
    ev(2, 'TaskFailed', { taskScheduledId: 0, failureDetails: { errorType: 'Error', message: 'declined' } }),
    ev(3, 'TimerCreated', {
      eventId: 3,
      fireAt: T0 + 500,
      origin: { kind: 'activityRetry', taskExecutionId: 'x1' },
    }),
  ];
  expect(waitLines(pendingWork(history), updated)).toEqual([
    {
      kind: 'retry',
      name: 'charge',
      eventId: 0,
      since: new Date(T0 + 1),
      until: new Date(T0 + 500),
      attempt: 1,
      lastError: 'declined',
    },
    { kind: 'child workflow', name: 'ship_wf', eventId: 1, since: new Date(T0 + 1), instanceId: 'c-1' },
    { kind: 'timer', name: '', eventId: 2, until: new Date(T0 + 9_000) },
  ]);
});

it('lists event waits, with a timeout when history records one, since the last update', () => {
  const history = [
    ...start,
    ev(1, 'TimerCreated', {
      eventId: 0,
      fireAt: T0 + 60_000,
      origin: { kind: 'externalEvent', name: 'approve' },
    }),
  ];
  expect(waitLines(pendingWork(history, ['approve', 'cancel']), updated)).toEqual([
    { kind: 'event', name: 'approve', since: updated, until: new Date(T0 + 60_000) },
    { kind: 'event', name: 'cancel', since: updated },
  ]);
});

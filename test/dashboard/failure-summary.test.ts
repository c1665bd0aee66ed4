/** The failure chain read from history: which step ended an instance, its attempts, and when none did. */
import type { WorkflowHistoryEvent, WorkflowState } from 'weft-workflows';
import { WorkflowStatus } from 'weft-workflows';
import { failureSummary } from '../../src/dashboard/failure-summary';

const T0 = 1_700_000_000_000;
const ev = (ms: number, type: string, fields: Record<string, unknown> = {}): WorkflowHistoryEvent =>
  ({ eventId: -1, type, timestamp: new Date(T0 + ms), ...fields }) as WorkflowHistoryEvent;
const failedState = (errorType: string, message: string): WorkflowState => ({
  instanceId: 'i1',
  name: 'wf',
  status: WorkflowStatus.FAILED,
  createdAt: new Date(T0),
  lastUpdatedAt: new Date(T0 + 50),
  failureDetails: { errorType, message, stackTrace: `${errorType}: ${message}\n    at run (/app/wf.ts:1:1)` },
});
const history = [
  ev(0, 'ExecutionStarted', { name: 'wf' }),
  ev(1, 'TaskScheduled', { eventId: 0, name: 'charge', taskExecutionId: 'x', attempt: 1 }),
  ev(10, 'TaskFailed', { taskScheduledId: 0, failureDetails: { errorType: 'Error', message: 'declined' } }),
  ev(11, 'TimerCreated', {
    eventId: 1,
    fireAt: T0 + 20,
    origin: { kind: 'activityRetry', taskExecutionId: 'x' },
  }),
  ev(20, 'TimerFired', { timerId: 1, fireAt: T0 + 20 }),
  ev(21, 'TaskScheduled', { eventId: 2, name: 'charge', taskExecutionId: 'x', attempt: 2 }),
  ev(30, 'TaskFailed', {
    taskScheduledId: 2,
    failureDetails: { errorType: 'Error', message: 'declined again' },
  }),
];
const noChildren = async (): Promise<undefined> => undefined;

it('follows a TaskFailedError to the step that ended the instance, with its own error and attempts', async () => {
  const summary = await failureSummary(
    failedState('TaskFailedError', "Activity 'charge' failed: declined again"),
    history,
    noChildren,
  );
  expect(summary?.chain.map((c) => [c.kind, c.name, c.message, c.attempts, c.eventId])).toEqual([
    ['workflow', 'wf', "Activity 'charge' failed: declined again", undefined, undefined],
    ['activity', 'charge', 'declined again', 2, 2],
  ]);
  expect(summary?.chain[0].stack?.userFrames).toEqual(['at run (/app/wf.ts:1:1)']);
});

it("blames the workflow's own error when it caught the step's failure and threw something else", async () => {
  const summary = await failureSummary(failedState('RangeError', 'bad total'), history, noChildren);
  expect(summary?.chain.map((c) => [c.kind, c.message])).toEqual([['workflow', 'bad total']]);
});

it('has nothing to say about an instance that did not fail', async () => {
  const ok: WorkflowState = { ...failedState('x', 'y'), status: WorkflowStatus.COMPLETED };
  delete ok.failureDetails;
  expect(await failureSummary(ok, history, noChildren)).toBeUndefined();
});

import {
  WorkflowExecutor,
  WorkflowStatus,
  attemptInHistory,
  attemptsFromHistory,
  newEvent,
  silentLogger,
} from '../../src/core';
import type { ExecutionEnvironment, HistoryEvent, WorkflowContext, WorkflowWorkItem } from '../../src/core';

const retrying = async (ctx: WorkflowContext, n: number) =>
  ctx.callActivity<number>('flaky', n, { retryPolicy: { maxNumberOfAttempts: 4, firstRetryInterval: 20 } });

const env: ExecutionEnvironment = {
  resolveWorkflow: (name) => (name === 'retrying' ? { code: retrying } : undefined),
  nameOf: (target) => (typeof target === 'string' ? target : target.name),
  logger: silentLogger,
  maxPayloadBytes: 1 << 20,
};

function item(past: HistoryEvent[], fresh: HistoryEvent[]): WorkflowWorkItem {
  return {
    instanceId: 'recorded-retry',
    pastEventCount: past.length,
    loadPastEvents: async () => past,
    newEvents: fresh,
  };
}

const t0 = 1796032400726;
const call = 'ee2be972-570e-586e-b388-7bc8c851f375';
const failed = (n: number) => ({ errorType: 'Error', message: `flaky ${n}` });

/**
 * The history durabletask-go v0.14.0 (the reference sidecar) recorded for this workflow run by a Weft worker on
 * 2026-11-30, read back through GetInstanceHistory: two failed attempts, each followed by a retry timer, then a
 * third scheduling under the same taskExecutionId. Its TaskScheduled events carry no `attempt` (the protocol has
 * none), as do histories Weft recorded for remote workers before attempts were read from history.
 */
const recorded: HistoryEvent[] = [
  newEvent('WorkflowStarted', t0 + 34, {}),
  newEvent('ExecutionStarted', t0, { name: 'retrying', input: '21' }),
  newEvent('TaskScheduled', t0 + 324, { eventId: 0, name: 'flaky', input: '21', taskExecutionId: call }),
  newEvent('WorkflowStarted', t0 + 513, {}),
  newEvent('TaskFailed', t0 + 469, { taskScheduledId: 0, failureDetails: failed(1) }),
  newEvent('TimerCreated', t0 + 1813, {
    eventId: 1,
    fireAt: t0 + 533,
    origin: { kind: 'activityRetry', taskExecutionId: call },
  }),
  newEvent('WorkflowStarted', t0 + 1848, {}),
  newEvent('TimerFired', t0 + 1813, { fireAt: t0 + 533, timerId: 1 }),
  newEvent('TaskScheduled', t0 + 1874, { eventId: 2, name: 'flaky', input: '21', taskExecutionId: call }),
  newEvent('WorkflowStarted', t0 + 1949, {}),
  newEvent('TaskFailed', t0 + 1907, { taskScheduledId: 2, failureDetails: failed(2) }),
  newEvent('TimerCreated', t0 + 2027, {
    eventId: 3,
    fireAt: t0 + 1969,
    origin: { kind: 'activityRetry', taskExecutionId: call },
  }),
];
const thirdTurn: HistoryEvent[] = [
  newEvent('WorkflowStarted', t0 + 2049, {}),
  newEvent('TimerFired', t0 + 2027, { fireAt: t0 + 1969, timerId: 3 }),
];

describe('retries replayed from recorded histories', () => {
  it('replays a durabletask-go history without attempts and schedules the third attempt under the same call', async () => {
    const result = await new WorkflowExecutor(env, 0).execute(item(recorded, thirdTurn));
    expect(result.actions).toEqual([
      { type: 'ScheduleTask', id: 4, name: 'flaky', input: '21', taskExecutionId: call, attempt: 3 },
    ]);
  });

  it('replays the same history with the attempts Weft used to record, to the same step', async () => {
    let n = 0;
    const withAttempts = recorded.map((e) => (e.type === 'TaskScheduled' ? { ...e, attempt: ++n } : e));
    const result = await new WorkflowExecutor(env, 0).execute(item(withAttempts, thirdTurn));
    expect(result.actions.map((a) => a.type === 'ScheduleTask' && a.attempt)).toEqual([3]);
  });

  it('completes from the full history, and fails after the last attempt the policy allows', async () => {
    const scheduled = newEvent('TaskScheduled', t0 + 2060, {
      eventId: 4,
      name: 'flaky',
      input: '21',
      taskExecutionId: call,
    });
    const past = [...recorded, ...thirdTurn, scheduled];
    const ok = await new WorkflowExecutor(env, 0).execute(
      item(past, [
        newEvent('WorkflowStarted', t0 + 2108, {}),
        newEvent('TaskCompleted', t0 + 2084, { taskScheduledId: 4, result: '42' }),
      ]),
    );
    expect(ok.actions).toEqual([
      { type: 'CompleteWorkflow', id: 5, workflowStatus: WorkflowStatus.COMPLETED, result: '42' },
    ]);

    // A third failure: one attempt left, so a retry timer; after a fourth failure the call fails the workflow.
    const third = await new WorkflowExecutor(env, 0).execute(
      item(past, [
        newEvent('WorkflowStarted', t0 + 2108, {}),
        newEvent('TaskFailed', t0 + 2084, { taskScheduledId: 4, failureDetails: failed(3) }),
      ]),
    );
    expect(third.actions).toEqual([
      expect.objectContaining({
        type: 'CreateTimer',
        id: 5,
        origin: { kind: 'activityRetry', taskExecutionId: call },
      }),
    ]);
    const fourth = await new WorkflowExecutor(env, 0).execute(
      item(
        [
          ...past,
          newEvent('WorkflowStarted', t0 + 2108, {}),
          newEvent('TaskFailed', t0 + 2084, { taskScheduledId: 4, failureDetails: failed(3) }),
          newEvent('TimerCreated', t0 + 2120, {
            eventId: 5,
            fireAt: t0 + 2188,
            origin: { kind: 'activityRetry', taskExecutionId: call },
          }),
          newEvent('WorkflowStarted', t0 + 2200, {}),
          newEvent('TimerFired', t0 + 2190, { fireAt: t0 + 2188, timerId: 5 }),
          newEvent('TaskScheduled', t0 + 2210, {
            eventId: 6,
            name: 'flaky',
            input: '21',
            taskExecutionId: call,
          }),
        ],
        [
          newEvent('WorkflowStarted', t0 + 2300, {}),
          newEvent('TaskFailed', t0 + 2290, { taskScheduledId: 6, failureDetails: failed(4) }),
        ],
      ),
    );
    expect(fourth.actions).toEqual([
      expect.objectContaining({
        type: 'CompleteWorkflow',
        id: 7,
        workflowStatus: WorkflowStatus.FAILED,
        failureDetails: expect.objectContaining({ message: expect.stringContaining('flaky 4') }),
      }),
    ]);
  });

  it('numbers schedulings by the call they belong to', () => {
    const history = [...recorded, ...thirdTurn];
    expect(attemptInHistory(history, call, 0)).toBe(1);
    expect(attemptInHistory(history, call, 2)).toBe(2);
    expect(attemptInHistory(history, 'another-call', 2)).toBe(1);
    expect(attemptInHistory(history, '', 2)).toBe(1);
    const actions = attemptsFromHistory(
      [
        { type: 'ScheduleTask', id: 4, name: 'flaky', taskExecutionId: call, attempt: 1 },
        { type: 'ScheduleTask', id: 5, name: 'other', taskExecutionId: 'fresh', attempt: 7 },
        { type: 'ScheduleTask', id: 6, name: 'legacy', taskExecutionId: '', attempt: 2 },
      ],
      history,
    );
    expect(actions.map((a) => a.type === 'ScheduleTask' && a.attempt)).toEqual([3, 1, 2]);
  });
});

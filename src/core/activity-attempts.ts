/**
 * The attempt number of an activity call, read from the workflow's history. A retried call is scheduled
 * again under the same `taskExecutionId` (durabletask's retries: TaskScheduled, TaskFailed, a retry timer,
 * TaskScheduled again, all under one id), so the attempt of a scheduling is how many TaskScheduled events
 * of that id the history holds up to it. Any engine that speaks the protocol records this; Weft's
 * `attempt` extension field is only a shortcut for it.
 * @packageDocumentation
 */
import type { HistoryEvent } from './history-events';
import type { WorkflowAction } from './workflow-actions';

/**
 * The 1-based attempt of the TaskScheduled event `taskId` of call `taskExecutionId`.
 *
 * @param history - the execution's history (past and new events), in order
 * @param taskExecutionId - the call's id, stable across its retries
 * @param taskId - the scheduling's sequence number (the event's `eventId`)
 * @returns the number of TaskScheduled events of the call up to and including `taskId`, at least 1
 */
export function attemptInHistory(
  history: readonly HistoryEvent[],
  taskExecutionId: string,
  taskId: number,
): number {
  if (!taskExecutionId) return 1;
  let count = 0;
  for (const e of history) {
    if (e.type === 'TaskScheduled' && e.eventId <= taskId && e.taskExecutionId === taskExecutionId) count++;
  }
  return Math.max(1, count);
}

/**
 * Counts, for each call, how many times the history scheduled it: the attempt of a new scheduling of call
 * `id` is `count(id) + 1`.
 *
 * @param history - the execution's history
 * @returns TaskScheduled events per `taskExecutionId` (events without one are left out)
 */
export function schedulingsByCall(history: readonly HistoryEvent[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of history) {
    if (e.type === 'TaskScheduled' && e.taskExecutionId)
      counts.set(e.taskExecutionId, (counts.get(e.taskExecutionId) ?? 0) + 1);
  }
  return counts;
}

/**
 * Sets the attempt of each ScheduleTask action from the history it extends, for actions that come from a
 * worker of any SDK (the protocol's ScheduleTaskAction carries no attempt; Weft's extension field is
 * ignored when the call has an id). Actions without a `taskExecutionId` keep theirs.
 *
 * @param actions - a step's actions, changed in place
 * @param history - the history the step ran on (past and new events)
 * @returns `actions`
 */
export function attemptsFromHistory(
  actions: WorkflowAction[],
  history: readonly HistoryEvent[],
): WorkflowAction[] {
  let counts: Map<string, number> | undefined;
  for (const action of actions) {
    if (action.type !== 'ScheduleTask' || !action.taskExecutionId) continue;
    counts ??= schedulingsByCall(history);
    const attempt = (counts.get(action.taskExecutionId) ?? 0) + 1;
    counts.set(action.taskExecutionId, attempt);
    action.attempt = attempt;
  }
  return actions;
}

/**
 * How a replayed step is matched against history: which scheduling event answers which action, the names
 * compared, and the wording of a non-determinism report ("history scheduled activity 'A', the code now calls
 * activity 'B'").
 * @packageDocumentation
 */
import { NonDeterminismError } from '../errors';
import type { HistoryEvent } from './history-events';
import type { WorkflowAction } from './workflow-actions';

/** The action kind each scheduling history event records. */
export const SCHEDULING_EVENT_TO_ACTION: Partial<Record<HistoryEvent['type'], WorkflowAction['type']>> = {
  TaskScheduled: 'ScheduleTask',
  TimerCreated: 'CreateTimer',
  ChildWorkflowInstanceCreated: 'CreateChildWorkflow',
  DetachedWorkflowInstanceCreated: 'CreateDetachedWorkflow',
  EventSent: 'SendEvent',
};

/** The activity, child or event name an action carries, if any. */
export function actionName(action: WorkflowAction): string | undefined {
  return 'name' in action ? action.name : undefined;
}

/** The name a scheduling event recorded, if any (timers have none). */
export function eventName(event: HistoryEvent): string | undefined {
  return event.type === 'TimerCreated' ? undefined : 'name' in event ? event.name : undefined;
}

/** What a history event recorded, in words for a non-determinism report. */
export function describeEvent(event: HistoryEvent): string {
  switch (event.type) {
    case 'TaskScheduled':
      return `scheduled activity '${event.name}'`;
    case 'ChildWorkflowInstanceCreated':
      return `started child workflow '${event.name}'`;
    case 'DetachedWorkflowInstanceCreated':
      return `scheduled workflow '${event.name ?? '?'}' as instance '${event.instanceId}'`;
    case 'TimerCreated':
      return 'created a timer';
    case 'EventSent':
      return `sent event '${event.name}'`;
    default:
      return `recorded ${event.type}`;
  }
}

/** What an action asks for, in words for a non-determinism report. */
export function describeAction(action: WorkflowAction): string {
  switch (action.type) {
    case 'ScheduleTask':
      return `calls activity '${action.name}'`;
    case 'CreateChildWorkflow':
      return `calls child workflow '${action.name}'`;
    case 'CreateDetachedWorkflow':
      return `schedules workflow '${action.name}' as instance '${action.instanceId}'`;
    case 'CreateTimer':
      return 'creates a timer';
    case 'SendEvent':
      return `sends event '${action.name}'`;
    case 'CompleteWorkflow':
      return 'completes the workflow';
  }
}

/**
 * The error of code that acted between steps: it awaited something that is not a workflow task, which then
 * resolved outside any step, and called the context from there.
 *
 * @param execution - how the execution is named (`Workflow 'name' (instance 'id')`)
 * @param what - what the code did, e.g. `called activity 'ReserveInventory'`
 */
export function actedBetweenStepsError(execution: string, what: string): NonDeterminismError {
  return new NonDeterminismError(
    `${execution} ${what} between workflow steps: it awaited something that is not a workflow task (a timer ` +
      'from setTimeout, I/O, a plain promise). Await only tasks from the context, and do I/O in activities.',
  );
}

/**
 * The error of code stranded at the end of a step: unfinished, with nothing durable pending that could ever
 * give it another step (as durabletask-mssql#186's `await Task.Delay` left an orchestration RUNNING for good).
 *
 * @param execution - how the execution is named
 */
export function strandedError(execution: string): NonDeterminismError {
  return new NonDeterminismError(
    `${execution} is waiting for something that is not a workflow task: after its step nothing it could be ` +
      'waiting for is pending (no activity, timer, child workflow or external event), so nothing would ever ' +
      'wake it. It awaited a timer from setTimeout, I/O or a plain promise. Await only tasks from the context, ' +
      'and do I/O in activities.',
  );
}

import type { WorkflowHistoryEvent } from '../../client';
import { formatElapsed } from '../format/duration';
import { payloadText } from '../format/output';
import type { Table } from '../format/table';
import { truncate } from '../format/table';

/** Events whose `taskScheduledId` or `timerId` refers back to a scheduling event. */
function scheduledIdOf(event: WorkflowHistoryEvent): number | undefined {
  if (typeof event.taskScheduledId === 'number') return event.taskScheduledId;
  if (typeof event.timerId === 'number') return event.timerId;
  return undefined;
}

const STATUS_BY_TYPE: Record<string, string> = {
  TaskCompleted: 'COMPLETED',
  TaskFailed: 'FAILED',
  ChildWorkflowInstanceCompleted: 'COMPLETED',
  ChildWorkflowInstanceFailed: 'FAILED',
  TimerFired: 'FIRED',
  ExecutionTerminated: 'TERMINATED',
  ExecutionSuspended: 'SUSPENDED',
  ExecutionResumed: 'RUNNING',
};

/** The STATUS column: the outcome an event records, empty for events that record none. */
export function eventStatus(event: WorkflowHistoryEvent): string {
  if (event.type === 'ExecutionCompleted') return String(event.workflowStatus ?? '');
  return STATUS_BY_TYPE[event.type] ?? '';
}

function failureText(event: WorkflowHistoryEvent): string | undefined {
  const failure = event.failureDetails as { errorType?: string; message?: string } | undefined;
  return failure ? `${failure.errorType ?? 'Error'}: ${failure.message ?? ''}` : undefined;
}

/** The DETAILS column: the event's payload and references as `key=value` pairs. */
export function eventDetails(event: WorkflowHistoryEvent): string {
  const parts: string[] = [];
  const add = (key: string, value: unknown): void => {
    if (value !== undefined) parts.push(`${key}=${payloadText(value)}`);
  };
  const scheduledId = scheduledIdOf(event);
  if (scheduledId !== undefined) add('scheduledId', scheduledId);
  if (event.type === 'ChildWorkflowInstanceCreated' || event.type === 'EventSent')
    add('instanceId', event.instanceId);
  if (typeof event.attempt === 'number' && event.attempt > 1) add('attempt', event.attempt);
  if (event.type === 'TimerCreated' || event.type === 'TimerFired') {
    if (typeof event.fireAt === 'number') add('fireAt', new Date(event.fireAt).toISOString());
    const origin = event.origin as { kind?: string } | undefined;
    if (origin?.kind && origin.kind !== 'createTimer') add('origin', origin.kind);
  }
  const parent = event.parentInstance as { instanceId?: string } | undefined;
  if (parent?.instanceId) add('parent', parent.instanceId);
  if ('input' in event) add('input', event.input);
  if ('result' in event) add('result', event.result);
  const failure = failureText(event);
  if (failure) add('error', failure);
  return parts.join(' ');
}

/**
 * The table of `weft history`: `TYPE, NAME, EVENTID, ELAPSED, STATUS, DETAILS`. NAME of a completion
 * event is the name of the activity, child or timer it completes; ELAPSED is the time since the previous
 * event (the first shows 0s), as `dapr workflow history` counts it; DETAILS is cut to 80 characters unless
 * wide.
 *
 * @param events - the history in order
 * @param wide - show DETAILS in full
 */
export function historyTable(events: WorkflowHistoryEvent[], wide: boolean): Table {
  const names = new Map<number, string>();
  for (const e of events) if (e.eventId >= 0 && e.name) names.set(e.eventId, e.name);
  const rows = events.map((e, index) => {
    const previous = index === 0 ? e : events[index - 1];
    const scheduledId = scheduledIdOf(e);
    const name = e.name ?? (scheduledId !== undefined ? (names.get(scheduledId) ?? '') : '');
    const details = eventDetails(e);
    return [
      e.type,
      name,
      e.eventId >= 0 ? String(e.eventId) : '-',
      formatElapsed(Math.max(0, e.timestamp.getTime() - previous.timestamp.getTime())),
      eventStatus(e),
      wide ? details : truncate(details, 80),
    ];
  });
  return { headers: ['TYPE', 'NAME', 'EVENTID', 'ELAPSED', 'STATUS', 'DETAILS'], rows };
}

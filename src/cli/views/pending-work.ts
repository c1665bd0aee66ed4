import type { WorkflowHistoryEvent } from '../../client';

/** Something an instance is waiting for, read from its history. */
export interface PendingWork {
  /** `activity`, `child workflow`, `timer`, `retry` (a back-off before the next attempt) or `event`. */
  kind: 'activity' | 'child workflow' | 'timer' | 'retry' | 'event';
  /** Activity, workflow or event name; empty for a plain timer. */
  name: string;
  /** The scheduling event's id (`EVENTID` in `weft history`); absent for an event wait with no timeout. */
  eventId?: number;
  /** When it was scheduled (for an event wait with no timeout: the instance's last update). */
  since: Date;
  /** For timers and event waits with a timeout: when they fire. */
  until?: Date;
  /** The child's instance id. */
  instanceId?: string;
}

/**
 * What an instance waits for: activities scheduled and not completed or failed, child workflows not
 * finished, timers not fired (a timer whose origin is an external event is that wait, with its timeout).
 * A wait for an external event without a timeout leaves no event in the history; the embedded engine reports
 * it in `WorkflowState.waitingForEvents`, passed here as `waitingForEvents` (absent over a sidecar).
 *
 * @param events - the history in order
 * @param waiting - the state's `waitingForEvents` and `lastUpdatedAt`, when the backend reports them
 */
export function pendingWork(
  events: WorkflowHistoryEvent[],
  waiting?: { waitingForEvents?: string[]; lastUpdatedAt: Date },
): PendingWork[] {
  const open = new Map<number, PendingWork>();
  for (const e of events) {
    switch (e.type) {
      case 'TaskScheduled':
        open.set(e.eventId, { kind: 'activity', name: e.name ?? '', eventId: e.eventId, since: e.timestamp });
        break;
      case 'ChildWorkflowInstanceCreated':
        open.set(e.eventId, {
          kind: 'child workflow',
          name: e.name ?? '',
          eventId: e.eventId,
          since: e.timestamp,
          instanceId: typeof e.instanceId === 'string' ? e.instanceId : undefined,
        });
        break;
      case 'TimerCreated': {
        const origin = e.origin as { kind?: string; name?: string } | undefined;
        const kind =
          origin?.kind === 'externalEvent'
            ? 'event'
            : origin?.kind === 'activityRetry' || origin?.kind === 'childWorkflowRetry'
              ? 'retry'
              : 'timer';
        open.set(e.eventId, {
          kind,
          name: kind === 'event' ? (origin?.name ?? '') : '',
          eventId: e.eventId,
          since: e.timestamp,
          until: typeof e.fireAt === 'number' ? new Date(e.fireAt) : undefined,
        });
        break;
      }
      case 'TaskCompleted':
      case 'TaskFailed':
      case 'ChildWorkflowInstanceCompleted':
      case 'ChildWorkflowInstanceFailed':
        if (typeof e.taskScheduledId === 'number') open.delete(e.taskScheduledId);
        break;
      case 'TimerFired':
        if (typeof e.timerId === 'number') open.delete(e.timerId);
        break;
      case 'EventRaised':
        // The wait ends when the event arrives, before its timeout timer fires.
        for (const [id, work] of open) if (work.kind === 'event' && work.name === e.name) open.delete(id);
        break;
      default:
        break;
    }
  }
  const listed = [...open.values()];
  const named = new Set(listed.filter((w) => w.kind === 'event').map((w) => w.name.toLowerCase()));
  if (waiting) {
    for (const name of waiting.waitingForEvents ?? []) {
      if (!named.has(name.toLowerCase())) listed.push({ kind: 'event', name, since: waiting.lastUpdatedAt });
    }
  }
  return listed;
}

import type { PendingWork } from '../../client/pending-work';

/** One thing an instance waits for, as `weft get` lists it (`waitingFor` in its JSON and YAML). */
export interface WaitLine {
  /** `activity`, `child workflow`, `timer`, `retry` (a back-off before the next attempt) or `event`. */
  kind: 'activity' | 'child workflow' | 'timer' | 'retry' | 'event';
  /** Activity, workflow or event name; empty for a plain timer. */
  name: string;
  /** The scheduling event's id (`EVENTID` in `weft history`): the TaskScheduled or child creation, or the timer. */
  eventId?: number;
  /** When it was scheduled; for an event wait, the instance's last update. Absent for a plain timer. */
  since?: Date;
  /** When a timer fires, a back-off ends, or an event wait times out. */
  until?: Date;
  /** The child's instance id. */
  instanceId?: string;
  /** An activity's attempt in flight, or the attempt that failed before a back-off. */
  attempt?: number;
  /** Before a back-off: the failed attempt's message. */
  lastError?: string;
}

/**
 * Lists the dashboard's derivation of what an instance waits for ({@link PendingWork}, from
 * `src/client/pending-work.ts`) as `weft get` shows it: activities and children (a back-off as `retry`),
 * plain timers, then events. Back-off and event-timeout timers are shown through what they belong to.
 *
 * @param work - the derivation
 * @param lastUpdatedAt - the instance's last update, given as the start of its event waits
 * @returns one line per wait
 */
export function waitLines(work: PendingWork, lastUpdatedAt: Date): WaitLine[] {
  const lines: WaitLine[] = [];
  const backoffEnds = new Set<number>();
  for (const a of work.activities) {
    const retry = a.nextRetryAt !== undefined;
    if (retry) backoffEnds.add(a.nextRetryAt as number);
    lines.push({
      kind: retry ? 'retry' : 'activity',
      name: a.name,
      eventId: a.eventId,
      since: new Date(a.scheduledAt),
      ...(retry && { until: new Date(a.nextRetryAt as number), lastError: a.lastError }),
      attempt: a.attempt,
    });
  }
  for (const c of work.children) {
    const retry = c.nextRetryAt !== undefined;
    if (retry) backoffEnds.add(c.nextRetryAt as number);
    lines.push({
      kind: retry ? 'retry' : 'child workflow',
      name: c.name,
      eventId: c.eventId,
      since: new Date(c.createdAt),
      instanceId: c.instanceId,
      ...(retry && { until: new Date(c.nextRetryAt as number) }),
    });
  }
  for (const t of work.timers) {
    if (t.kind === 'event-timeout' || (t.kind === 'retry' && backoffEnds.has(t.fireAt))) continue;
    lines.push({ kind: t.kind, name: '', eventId: t.eventId, until: new Date(t.fireAt) });
  }
  for (const e of work.events) {
    lines.push({
      kind: 'event',
      name: e.name,
      since: lastUpdatedAt,
      ...(e.timeoutAt !== undefined && { until: new Date(e.timeoutAt) }),
    });
  }
  return lines;
}

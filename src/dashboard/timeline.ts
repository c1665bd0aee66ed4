import type { WorkflowHistoryEvent } from '../client';

/** What a timeline bar stands for. */
export type TimelineBarKind = 'activity' | 'child' | 'timer' | 'retry' | 'wait';

/** One bar of an instance's timeline: something that took time, from `start` to `end` (epoch ms). */
export interface TimelineBar {
  /** What it is. */
  kind: TimelineBarKind;
  /** Activity, child workflow or event name; a label for timers. */
  label: string;
  /** The scheduling event's id (-1 for waits). */
  eventId: number;
  /** 1-based attempt of an activity or child call (retries show as further attempts). */
  attempt: number;
  /** When it started. */
  start: number;
  /** When it ended; undefined while still open. */
  end?: number;
  /** `completed`, `failed`, `fired`, `received` or `open`. */
  outcome: 'completed' | 'failed' | 'fired' | 'received' | 'open';
}

/** A timeline: bars in start order, and the span they cover. */
export interface Timeline {
  /** Bars in the order of their scheduling events. */
  bars: TimelineBar[];
  /** Epoch ms of the first event. */
  start: number;
  /** Epoch ms of the last event (or of the latest open bar's start), or `now` when given and later. */
  end: number;
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

/**
 * Builds the timeline of an instance from its history: one bar per activity attempt, child workflow,
 * timer (retry back-offs as their own kind) and wait for an external event. A wait has no event of its
 * own in the history; its bar runs from the last event before the step that received the event to the
 * event's arrival.
 *
 * @param events - the history, in order
 * @param now - for an unfinished instance: the timeline (and its open bars) run to this epoch ms
 */
export function buildTimeline(events: WorkflowHistoryEvent[], now?: number): Timeline {
  const bars: TimelineBar[] = [];
  const open = new Map<number, TimelineBar>();
  const attempts = new Map<string, number>();
  const times = events.map((e) => e.timestamp.getTime());
  for (let i = 0; i < events.length; i += 1) {
    const e = events[i];
    const at = times[i];
    switch (e.type) {
      case 'TaskScheduled':
      case 'ChildWorkflowInstanceCreated': {
        const kind = e.type === 'TaskScheduled' ? 'activity' : 'child';
        const label = String(e.name ?? '');
        const key = `${kind}:${label}:${String(e.taskExecutionId ?? e.instanceId ?? e.eventId)}`;
        const attempt = num(e.attempt) ?? (attempts.get(key) ?? 0) + 1;
        attempts.set(key, attempt);
        const bar: TimelineBar = { kind, label, eventId: e.eventId, attempt, start: at, outcome: 'open' };
        bars.push(bar);
        open.set(e.eventId, bar);
        break;
      }
      case 'TimerCreated': {
        const origin = e.origin as { kind?: string; name?: string } | undefined;
        const retry = origin?.kind === 'activityRetry' || origin?.kind === 'childWorkflowRetry';
        const label = retry
          ? 'retry back-off'
          : origin?.kind === 'externalEvent'
            ? `timeout of wait for '${origin.name ?? ''}'`
            : 'timer';
        const bar: TimelineBar = {
          kind: retry ? 'retry' : 'timer',
          label,
          eventId: e.eventId,
          attempt: 1,
          start: at,
          outcome: 'open',
        };
        bars.push(bar);
        open.set(e.eventId, bar);
        break;
      }
      case 'TaskCompleted':
      case 'TaskFailed':
      case 'ChildWorkflowInstanceCompleted':
      case 'ChildWorkflowInstanceFailed':
      case 'TimerFired': {
        const id = num(e.taskScheduledId) ?? num(e.timerId);
        const bar = id === undefined ? undefined : open.get(id);
        if (bar) {
          bar.end = at;
          bar.outcome =
            e.type === 'TimerFired' ? 'fired' : e.type.endsWith('Failed') ? 'failed' : 'completed';
          open.delete(id as number);
        }
        break;
      }
      case 'EventRaised': {
        let stepStart = i;
        while (stepStart > 0 && events[stepStart].type !== 'WorkflowStarted') stepStart -= 1;
        const waitedFrom = stepStart > 0 ? times[stepStart - 1] : times[0];
        bars.push({
          kind: 'wait',
          label: String(e.name ?? ''),
          eventId: -1,
          attempt: 1,
          start: Math.min(waitedFrom, at),
          end: at,
          outcome: 'received',
        });
        break;
      }
      default:
        break;
    }
  }
  const start = times.length > 0 ? times.reduce((a, b) => Math.min(a, b)) : 0;
  const end = [...times, ...bars.map((b) => b.start), now ?? start].reduce((a, b) => Math.max(a, b), start);
  return { bars, start, end };
}

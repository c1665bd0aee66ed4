/**
 * What an unfinished instance waits for, derived from its history: one derivation for the dashboard (its
 * "Waiting for" section and `GET /api/instances/:id`) and `weft get`, which formats it.
 * @packageDocumentation
 */
import type { WorkflowHistoryEvent } from './workflow-state';

/** A durable timer that has not fired. */
export interface PendingTimer {
  /** The TimerCreated event's id. */
  eventId: number;
  /** Epoch ms it fires at. */
  fireAt: number;
  /** `timer` (createTimer), `event-timeout` (a wait for an event with a deadline) or `retry` (a back-off). */
  kind: 'timer' | 'event-timeout' | 'retry';
}

/** An activity call in flight or waiting to retry. */
export interface PendingActivity {
  /** The latest TaskScheduled event's id. */
  eventId: number;
  name: string;
  /** 1-based attempt in flight, or the attempt that failed when `nextRetryAt` is set. */
  attempt: number;
  /** Epoch ms the attempt was scheduled. */
  scheduledAt: number;
  /** When waiting to retry: epoch ms of the next attempt. */
  nextRetryAt?: number;
  /** When waiting to retry: the message of the failed attempt. */
  lastError?: string;
}

/** A child workflow the instance waits on. */
export interface PendingChild {
  eventId: number;
  instanceId: string;
  name: string;
  /** Epoch ms it was created. */
  createdAt: number;
  /** When waiting to retry: epoch ms of the next attempt. */
  nextRetryAt?: number;
}

/** An external event the instance waits for (from an event-wait timer, or the engine's `waitingForEvents`). */
export interface PendingEvent {
  name: string;
  /** Epoch ms the wait gives up, when it has a deadline. */
  timeoutAt?: number;
}

/** What an unfinished instance waits for, as far as its history tells. */
export interface PendingWork {
  timers: PendingTimer[];
  activities: PendingActivity[];
  children: PendingChild[];
  events: PendingEvent[];
}

/** Far-future fire times mark a wait without a deadline (durabletask's "indefinite" event timers). */
const INDEFINITE_MS = Date.UTC(9000, 0, 1);

const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/**
 * Reads what an instance waits for from its history alone: timers created and not fired, activities and
 * children scheduled and not finished (or failed with a retry back-off timer still open), and waits for
 * external events where the history records them (a TimerCreated whose origin is `externalEvent`, as
 * durabletask writes for event waits) and, for waits without a timeout (which history does not record), from
 * the state's `waitingForEvents` (a Weft extension of the embedded engine), deduplicated by name
 * (case-insensitive) with those timers. An EventRaised ends the oldest recorded wait for its name. An
 * activity's attempt is the one its TaskScheduled records, else counted per call (`taskExecutionId`), as
 * engines that record none (durabletask-go) keep one id across a call's retries. A pure function, so the
 * dashboard, `weft get` and tests see the same answer.
 *
 * @param history - the instance's events, in order
 * @param waitingForEvents - the state's `waitingForEvents`, when the engine reports it
 * @returns the open work; empty lists for a finished instance
 */
export function pendingWork(
  history: readonly WorkflowHistoryEvent[],
  waitingForEvents: readonly string[] = [],
): PendingWork {
  const result: PendingWork = { timers: [], activities: [], children: [], events: [] };
  if (history.some((e) => e.type === 'ExecutionCompleted')) return result;
  const timers = new Map<number, WorkflowHistoryEvent>();
  const tasks = new Map<number, WorkflowHistoryEvent>();
  const failedRetries = new Map<string, { event: WorkflowHistoryEvent; message: string }>();
  // The attempt of each scheduling, counted per call (its taskExecutionId), for engines that record none.
  const callCounts = new Map<string, number>();
  const schedulings = new Map<number, number>();
  const attemptOf = (e: WorkflowHistoryEvent): number => num(e.attempt) ?? schedulings.get(e.eventId) ?? 1;
  for (const e of history) {
    switch (e.type) {
      case 'TaskScheduled':
      case 'ChildWorkflowInstanceCreated':
        if (e.type === 'TaskScheduled' && typeof e.taskExecutionId === 'string' && e.taskExecutionId) {
          const attempt = (callCounts.get(e.taskExecutionId) ?? 0) + 1;
          callCounts.set(e.taskExecutionId, attempt);
          schedulings.set(e.eventId, attempt);
        }
        tasks.set(e.eventId, e);
        failedRetries.delete(retryKey(e));
        break;
      case 'TaskCompleted':
      case 'ChildWorkflowInstanceCompleted':
        tasks.delete(num(e.taskScheduledId) ?? -2);
        break;
      case 'TaskFailed':
      case 'ChildWorkflowInstanceFailed': {
        const id = num(e.taskScheduledId) ?? -2;
        const scheduled = tasks.get(id);
        tasks.delete(id);
        const details = e.failureDetails as { message?: string } | undefined;
        if (scheduled)
          failedRetries.set(retryKey(scheduled), { event: scheduled, message: details?.message ?? '' });
        break;
      }
      case 'TimerCreated':
        timers.set(e.eventId, e);
        break;
      case 'TimerFired':
        timers.delete(num(e.timerId) ?? -2);
        break;
      case 'EventRaised': {
        // The event answers the oldest recorded wait for its name (names compare case-insensitively, as
        // durabletask's); that wait's timeout timer still fires later, to no effect.
        const name = String(e.name ?? '').toLowerCase();
        for (const [id, t] of timers) {
          const origin = t.origin as { kind?: string; name?: string } | undefined;
          if (origin?.kind === 'externalEvent' && (origin.name ?? '').toLowerCase() === name) {
            timers.delete(id);
            break;
          }
        }
        break;
      }
      default:
        break;
    }
  }
  for (const t of timers.values()) {
    const origin = t.origin as {
      kind?: string;
      name?: string;
      taskExecutionId?: string;
      instanceId?: string;
    };
    const fireAt = num(t.fireAt) ?? 0;
    if (origin?.kind === 'externalEvent') {
      result.events.push(
        fireAt >= INDEFINITE_MS
          ? { name: origin.name ?? '' }
          : { name: origin.name ?? '', timeoutAt: fireAt },
      );
      if (fireAt < INDEFINITE_MS) result.timers.push({ eventId: t.eventId, fireAt, kind: 'event-timeout' });
      continue;
    }
    const retry = origin?.kind === 'activityRetry' || origin?.kind === 'childWorkflowRetry';
    result.timers.push({ eventId: t.eventId, fireAt, kind: retry ? 'retry' : 'timer' });
    if (!retry) continue;
    const key =
      origin.kind === 'activityRetry' ? `activity:${origin.taskExecutionId}` : `child:${origin.instanceId}`;
    const failed = failedRetries.get(key) ?? lastFailedOfKind(failedRetries, origin.kind ?? '');
    if (!failed) continue;
    const f = failed.event;
    if (f.type === 'TaskScheduled') {
      result.activities.push({
        eventId: f.eventId,
        name: String(f.name ?? ''),
        attempt: attemptOf(f),
        scheduledAt: f.timestamp.getTime(),
        nextRetryAt: fireAt,
        lastError: failed.message,
      });
    } else {
      result.children.push({
        eventId: f.eventId,
        instanceId: String(f.instanceId ?? ''),
        name: String(f.name ?? ''),
        createdAt: f.timestamp.getTime(),
        nextRetryAt: fireAt,
      });
    }
  }
  for (const t of tasks.values()) {
    if (t.type === 'TaskScheduled') {
      result.activities.push({
        eventId: t.eventId,
        name: String(t.name ?? ''),
        attempt: attemptOf(t),
        scheduledAt: t.timestamp.getTime(),
      });
    } else {
      result.children.push({
        eventId: t.eventId,
        instanceId: String(t.instanceId ?? ''),
        name: String(t.name ?? ''),
        createdAt: t.timestamp.getTime(),
      });
    }
  }
  const named = new Set(result.events.map((e) => e.name.toLowerCase()));
  for (const name of waitingForEvents) {
    if (named.has(name.toLowerCase())) continue;
    named.add(name.toLowerCase());
    result.events.push({ name });
  }
  return result;
}
function retryKey(e: WorkflowHistoryEvent): string {
  return e.type === 'TaskScheduled'
    ? `activity:${String(e.taskExecutionId ?? e.name)}`
    : `child:${String(e.instanceId ?? e.name)}`;
}

/** A retry timer from an SDK that does not name the task: the latest failure of that kind. */
function lastFailedOfKind(
  failed: Map<string, { event: WorkflowHistoryEvent; message: string }>,
  kind: string,
): { event: WorkflowHistoryEvent; message: string } | undefined {
  const prefix = kind === 'activityRetry' ? 'activity:' : 'child:';
  return [...failed.entries()].reverse().find(([k]) => k.startsWith(prefix))?.[1];
}

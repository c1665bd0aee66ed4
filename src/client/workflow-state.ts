import type { FailureDetails } from '../errors';
import type { HistoryEventType, InstanceRecord, StalledReason, WorkflowStatus } from '../core';
import { parsePayload } from '../core';

/** An instance as clients see it, payloads parsed from JSON. */
export interface WorkflowState {
  instanceId: string;
  name: string;
  status: WorkflowStatus;
  createdAt: Date;
  lastUpdatedAt: Date;
  input?: unknown;
  output?: unknown;
  customStatus?: unknown;
  failureDetails?: FailureDetails;
  parentInstanceId?: string;
  /** The version of a versioned workflow the instance runs. */
  version?: string;
  /** Why the instance is STALLED (only with that status): see `ctx.isPatched` and versioned workflows. */
  stalledReason?: StalledReason;
  /**
   * Names of the external events the instance waits for (`ctx.waitForExternalEvent` waits not yet answered,
   * timed out, or let go after losing a `whenAny`), one per name. A Weft extension: it names waits that
   * have no timeout, which history does not record. Reported by the in-process runtime after each step of
   * the embedded engine; absent when there are none, once the instance finished, and for instances run by
   * remote workers over `weft sidecar` (the durabletask protocol has no field for it). While SUSPENDED or
   * STALLED it keeps what the last step that ran left.
   */
  waitingForEvents?: string[];
}

/** One history event as clients see it: `timestamp` a Date, payload fields parsed from JSON. */
export interface WorkflowHistoryEvent {
  eventId: number;
  type: HistoryEventType;
  timestamp: Date;
  name?: string;
  [field: string]: unknown;
}

/** Turns a stored record into a {@link WorkflowState}. */
export function toWorkflowState(record: InstanceRecord): WorkflowState {
  const state: WorkflowState = {
    instanceId: record.instanceId,
    name: record.name,
    status: record.status,
    createdAt: new Date(record.createdAt),
    lastUpdatedAt: new Date(record.lastUpdatedAt),
  };
  if (record.input !== undefined) state.input = parsePayload(record.input);
  if (record.output !== undefined) state.output = parsePayload(record.output);
  if (record.customStatus !== undefined) state.customStatus = parsePayload(record.customStatus);
  if (record.failureDetails !== undefined) state.failureDetails = record.failureDetails;
  if (record.parentInstanceId !== undefined) state.parentInstanceId = record.parentInstanceId;
  if (record.version !== undefined) state.version = record.version;
  if (record.stalledReason !== undefined) state.stalledReason = record.stalledReason;
  if (record.waitingForEvents !== undefined) state.waitingForEvents = record.waitingForEvents;
  return state;
}

const PAYLOAD_FIELDS = ['input', 'result'] as const;

/** Turns a stored history event into a {@link WorkflowHistoryEvent}. */
export function toWorkflowHistoryEvent(event: {
  type: HistoryEventType;
  eventId: number;
  timestamp: number;
}): WorkflowHistoryEvent {
  const out: WorkflowHistoryEvent = { ...event, timestamp: new Date(event.timestamp) };
  for (const field of PAYLOAD_FIELDS) {
    const text = out[field];
    if (typeof text === 'string') out[field] = parseLenient(text);
  }
  return out;
}

/** Parses JSON payloads; plain-text fields (a suspend reason from another SDK) stay as they are. */
function parseLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

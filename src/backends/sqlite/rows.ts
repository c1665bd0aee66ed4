import type Database from 'better-sqlite3';
import { ValidationError } from '../../errors';
import type { FailureDetails } from '../../errors';
import type { HistoryEvent, InstanceRecord, StalledReason } from '../../core';
import { WorkflowStatus } from '../../core';
import type { ActivityClaim } from './handover';

/** A row of `instances`. Payload columns are NULL when read without payloads. */
export interface InstanceRow {
  instance_id: string;
  name: string;
  status: WorkflowStatus;
  created_at: number;
  last_updated_at: number;
  completed_at: number | null;
  scheduled_start_at: number | null;
  input: string | null;
  output: string | null;
  custom_status: string | null;
  failure_details: string | null;
  parent_instance_id: string | null;
  parent_task_id: number | null;
  history_length: number;
  /** Bytes of the history's event JSON (schema 5; kept by the statements that write history since 8). */
  history_bytes?: number;
  lease_owner: string | null;
  /** Epoch ms (wall clock); 0 when free. */
  lease_expires_at: number;
  /** The versioned workflow's version the last step ran with. */
  version?: string | null;
  /** Why the instance stalled (kept only while STALLED). */
  stalled_reason?: string | null;
  /** JSON array of the external event names the last step left the instance waiting for (schema 7). */
  waiting_for_events?: string | null;
}

/** What a step commit reads of its instance (`getStepRow`). */
export type StepRow = Pick<
  InstanceRow,
  | 'instance_id'
  | 'created_at'
  | 'name'
  | 'status'
  | 'parent_instance_id'
  | 'parent_task_id'
  | 'history_length'
  | 'history_bytes'
  | 'lease_owner'
  | 'lease_expires_at'
  | 'version'
  | 'stalled_reason'
>;

/** Reads an instance's {@link StepRow} with the raw `getStepRow` statement; undefined when there is none. */
export function readStepRow(statement: Database.Statement, instanceId: string): StepRow | undefined {
  const r = statement.get(instanceId) as unknown[] | undefined;
  return r && stepRowOf(r, instanceId);
}

/** A {@link StepRow} from the first columns of a raw row, in `getStepRow`'s order. */
export function stepRowOf(r: readonly unknown[], instanceId: string): StepRow {
  return {
    instance_id: instanceId,
    created_at: r[0] as number,
    name: r[1] as string,
    status: r[2] as WorkflowStatus,
    parent_instance_id: r[3] as string | null,
    parent_task_id: r[4] as number | null,
    history_length: r[5] as number,
    history_bytes: r[6] as number,
    lease_owner: r[7] as string | null,
    lease_expires_at: r[8] as number,
    version: r[9] as string | null,
    stalled_reason: r[10] as string | null,
  };
}

/** A row of `activities`, as claimed. */
export interface ActivityRow {
  id: number;
  instance_id: string;
  task_id: number;
  name: string;
  input: string | null;
  attempt: number;
  task_execution_id: string | null;
}

/** A row of `inbox`: one message (a history event as JSON) for an instance. */
export interface InboxRow {
  id: number;
  type: string;
  event: string;
}

/** Parses stored history or inbox event JSON. */
export function parseEvent(json: string): HistoryEvent {
  return JSON.parse(json) as HistoryEvent;
}

/** An instance row as the Backend contract's record. */
export function toRecord(row: InstanceRow): InstanceRecord {
  return {
    instanceId: row.instance_id,
    name: row.name,
    status: row.status,
    createdAt: row.created_at,
    lastUpdatedAt: row.last_updated_at,
    completedAt: row.completed_at ?? undefined,
    scheduledStartAt: row.scheduled_start_at ?? undefined,
    input: row.input ?? undefined,
    output: row.output ?? undefined,
    customStatus: row.custom_status ?? undefined,
    failureDetails: row.failure_details ? (JSON.parse(row.failure_details) as FailureDetails) : undefined,
    parentInstanceId: row.parent_instance_id ?? undefined,
    version: row.version ?? undefined,
    stalledReason:
      row.status === WorkflowStatus.STALLED
        ? ((row.stalled_reason ?? undefined) as StalledReason | undefined)
        : undefined,
    waitingForEvents: row.waiting_for_events ? (JSON.parse(row.waiting_for_events) as string[]) : undefined,
  };
}

/** An activity row as a claim for the worker. */
export function toActivityClaim(r: ActivityRow): ActivityClaim {
  return {
    id: r.id,
    item: {
      instanceId: r.instance_id,
      taskId: r.task_id,
      name: r.name,
      input: r.input ?? undefined,
      attempt: r.attempt,
      taskExecutionId: r.task_execution_id ?? undefined,
    },
  };
}

/** The listing's keyset token: the last item's creation time and id, base64url JSON. */
export function encodeToken(createdAt: number, instanceId: string): string {
  return Buffer.from(JSON.stringify([createdAt, instanceId])).toString('base64url');
}

/**
 * Reads a token made by {@link encodeToken}.
 *
 * @throws {@link ValidationError} for a token this engine did not issue
 */
export function decodeToken(token: string): [number, string] {
  try {
    const value = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') {
      return [value[0], value[1]];
    }
  } catch {
    // fall through
  }
  throw new ValidationError(`The continuation token '${token}' is not one this engine issued.`);
}

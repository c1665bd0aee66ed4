import { ValidationError } from '../../../errors';
import type { InstanceRecord } from '../../../core';
import type { WireWorkflowState } from '../protocol/wire-types';
import { failureFromWire, failureToWire } from './failure-converter';
import { statusFromWire, statusToWire } from './status-converter';
import { fromStringValue, fromTimestamp, toStringValue, toTimestamp } from './wire-values';

/**
 * Writes an instance record as a protocol `WorkflowState` (the version in its `version` field, as durabletask-go;
 * the protocol has no field for a stall's reason: clients read it from the ExecutionStalled history event).
 *
 * @param record - the instance
 * @returns the wire message
 */
export function instanceToWire(record: InstanceRecord): WireWorkflowState {
  return {
    instanceId: record.instanceId,
    name: record.name,
    workflowStatus: statusToWire(record.status),
    scheduledStartTimestamp: toTimestamp(record.scheduledStartAt),
    createdTimestamp: toTimestamp(record.createdAt),
    lastUpdatedTimestamp: toTimestamp(record.lastUpdatedAt),
    completedTimestamp: toTimestamp(record.completedAt),
    input: toStringValue(record.input),
    output: toStringValue(record.output),
    customStatus: toStringValue(record.customStatus),
    failureDetails: failureToWire(record.failureDetails),
    parentInstanceId: toStringValue(record.parentInstanceId),
    version: toStringValue(record.version),
  };
}

/**
 * Reads a protocol `WorkflowState` into an instance record.
 *
 * @param wire - the decoded message
 * @returns the record
 * @throws {@link ValidationError} for a status number the protocol does not define
 */
export function instanceFromWire(wire: WireWorkflowState): InstanceRecord {
  const status = statusFromWire(wire.workflowStatus);
  if (!status) {
    throw new ValidationError(
      `The sidecar reported instance '${wire.instanceId ?? ''}' with unknown status ${wire.workflowStatus}.`,
    );
  }
  const createdAt = fromTimestamp(wire.createdTimestamp) ?? 0;
  return {
    instanceId: wire.instanceId ?? '',
    name: wire.name ?? '',
    status,
    createdAt,
    lastUpdatedAt: fromTimestamp(wire.lastUpdatedTimestamp) ?? createdAt,
    completedAt: fromTimestamp(wire.completedTimestamp),
    scheduledStartAt: fromTimestamp(wire.scheduledStartTimestamp),
    input: fromStringValue(wire.input),
    output: fromStringValue(wire.output),
    customStatus: fromStringValue(wire.customStatus),
    failureDetails: failureFromWire(wire.failureDetails),
    parentInstanceId: fromStringValue(wire.parentInstanceId),
    version: fromStringValue(wire.version) || undefined,
  };
}

import { WorkflowStatus } from '../../../core';

/** The protocol's `OrchestrationStatus` number of each Weft status. */
const STATUS_NUMBERS: Readonly<Record<WorkflowStatus, number>> = {
  [WorkflowStatus.RUNNING]: 0,
  [WorkflowStatus.COMPLETED]: 1,
  [WorkflowStatus.CONTINUED_AS_NEW]: 2,
  [WorkflowStatus.FAILED]: 3,
  [WorkflowStatus.CANCELED]: 4,
  [WorkflowStatus.TERMINATED]: 5,
  [WorkflowStatus.PENDING]: 6,
  [WorkflowStatus.SUSPENDED]: 7,
  [WorkflowStatus.STALLED]: 8,
};

const STATUS_BY_NUMBER = new Map<number, WorkflowStatus>(
  Object.entries(STATUS_NUMBERS).map(([status, n]) => [n, status as WorkflowStatus]),
);

/**
 * The protocol number of a status.
 *
 * @param status - a Weft status
 * @returns its `OrchestrationStatus` number
 */
export function statusToWire(status: WorkflowStatus): number {
  return STATUS_NUMBERS[status];
}

/**
 * The Weft status of a protocol number; absent means RUNNING (proto3's default, 0).
 *
 * @param n - an `OrchestrationStatus` number
 * @returns the status, or undefined for a number the protocol does not define
 */
export function statusFromWire(n: number | undefined): WorkflowStatus | undefined {
  return STATUS_BY_NUMBER.get(n ?? 0);
}

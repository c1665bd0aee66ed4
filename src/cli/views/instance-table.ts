import type { WorkflowState } from '../../client';
import { formatAge } from '../format/duration';
import { payloadText } from '../format/output';
import type { Table } from '../format/table';
import { truncate } from '../format/table';

/**
 * The table of `weft list`, as `dapr workflow list`: short `NAME, ID, STATUS, CUSTOM STATUS, AGE`; wide has
 * Dapr's wide columns `NAME, INSTANCE ID, CREATED, LAST UPDATE, STATUS, CUSTOM STATUS, FAILURE MESSAGE` (less
 * NAMESPACE and APP ID, which Weft has no notion of) and then Weft's own `AGE, PARENT, FAILURE TYPE, VERSION`.
 * A STALLED instance's status reads `STALLED (<stalledReason>)`.
 *
 * @param states - instances, newest first
 * @param wide - the wide variant
 * @param now - the time ages are measured from (ms since the epoch)
 */
export function instanceTable(states: WorkflowState[], wide: boolean, now: number): Table {
  if (!wide) {
    return {
      headers: ['NAME', 'ID', 'STATUS', 'CUSTOM STATUS', 'AGE'],
      rows: states.map((s) => [
        s.name,
        s.instanceId,
        statusText(s),
        truncate(payloadText(s.customStatus), 40),
        formatAge(now - s.createdAt.getTime()),
      ]),
    };
  }
  return {
    headers: [
      'NAME',
      'INSTANCE ID',
      'CREATED',
      'LAST UPDATE',
      'STATUS',
      'CUSTOM STATUS',
      'FAILURE MESSAGE',
      'AGE',
      'PARENT',
      'FAILURE TYPE',
      'VERSION',
    ],
    rows: states.map((s) => [
      s.name,
      s.instanceId,
      s.createdAt.toISOString(),
      s.lastUpdatedAt.toISOString(),
      statusText(s),
      payloadText(s.customStatus),
      s.failureDetails?.message.replace(/[\r\n]+/g, ' ') ?? '',
      formatAge(now - s.createdAt.getTime()),
      s.parentInstanceId ?? '',
      s.failureDetails?.errorType ?? '',
      s.version ?? '',
    ]),
  };
}

/** The status cell: a STALLED instance's reason follows its status. */
function statusText(s: WorkflowState): string {
  return s.stalledReason ? `${s.status} (${s.stalledReason})` : s.status;
}

import type { WorkflowState } from '../../client';
import { formatAge } from '../format/duration';
import { payloadText } from '../format/output';
import type { Table } from '../format/table';
import { truncate } from '../format/table';

/**
 * The table of `weft list`: `NAME, ID, STATUS, CUSTOM STATUS, AGE`; wide adds `CREATED, LAST UPDATE,
 * FAILURE`.
 *
 * @param states - instances, newest first
 * @param wide - the wide variant
 * @param now - the time ages are measured from
 */
export function instanceTable(states: WorkflowState[], wide: boolean, now: number): Table {
  const headers = ['NAME', 'ID', 'STATUS', 'CUSTOM STATUS', 'AGE'];
  if (wide) headers.push('CREATED', 'LAST UPDATE', 'FAILURE');
  const rows = states.map((s) => {
    const row = [
      s.name,
      s.instanceId,
      s.status,
      wide ? payloadText(s.customStatus) : truncate(payloadText(s.customStatus), 40),
      formatAge(now - s.createdAt.getTime()),
    ];
    if (wide) {
      row.push(
        s.createdAt.toISOString(),
        s.lastUpdatedAt.toISOString(),
        s.failureDetails ? `${s.failureDetails.errorType}: ${s.failureDetails.message}` : '',
      );
    }
    return row;
  });
  return { headers, rows };
}

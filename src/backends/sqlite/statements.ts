import type Database from 'better-sqlite3';
import { WAKES_SUSPENDED } from '../../core';

/** The terminal statuses, as an SQL list. */
export const TERMINAL = `('COMPLETED','FAILED','TERMINATED','CANCELED')`;

/** The inbox message types that wake a suspended instance, as an SQL list (from the core planner). */
const WAKES = `(${WAKES_SUSPENDED.map((t) => `'${t}'`).join(', ')})`;

/** A step's finish of its instance (released in the same statement). */
const FINISH = `UPDATE instances SET status = @status, output = @output, failure_details = @failure, custom_status = @customStatus,
              last_updated_at = @now, completed_at = @now, history_length = @historyLength,
              history_bytes = history_bytes + @addedBytes, waiting_for_events = NULL, lease_owner = NULL,
              lease_expires_at = 0
        WHERE instance_id = @instanceId`;

/**
 * An activity claim's row (see `finishActivity`); parameters in this order: id, lease owner, instance id,
 * task id, attempt, task execution id (positional: cheaper to bind than named).
 */
const ACTIVITY_CLAIM = `id = ? AND lease_owner = ? AND instance_id = ? AND task_id = ? AND attempt = ?
        AND task_execution_id IS ?`;

/** The engine's fixed SQL, by statement name (exported for `bench:scale`'s query plans). */
export const STATEMENT_SQL = {
  getInstance: `SELECT * FROM instances WHERE instance_id = ?`,
  // What a step commit reads of its instance (no payloads, no status texts), as an array in this order:
  // see `readStepRow` in rows.ts.
  getStepRow: `SELECT created_at, name, status, parent_instance_id, parent_task_id, history_length, history_bytes,
              lease_owner, lease_expires_at, version, stalled_reason
         FROM instances WHERE instance_id = ?`,
  // The step row with the ids of the instance's messages due at @now, in id order (one row with a NULL id
  // when none): the fused commit's check that nothing moved since its preview, in one read.
  getStepRowWithDue: `SELECT i.created_at, i.name, i.status, i.parent_instance_id, i.parent_task_id, i.history_length,
              i.history_bytes, i.lease_owner, i.lease_expires_at, i.version, i.stalled_reason, m.id
         FROM instances i LEFT JOIN inbox m ON m.instance_id = i.instance_id AND m.visible_at <= @now
        WHERE i.instance_id = @instanceId ORDER BY m.id`,
  // Whether an instance can take a fused step now, and its due messages, in one read (see fused-step.ts):
  // one row per message in id order (the index's), or one row with NULL message columns.
  fusedPreview: `SELECT i.status, i.history_length, i.lease_expires_at, m.id, m.type, m.event
         FROM instances i LEFT JOIN inbox m ON m.instance_id = i.instance_id AND m.visible_at <= @now
        WHERE i.instance_id = @instanceId ORDER BY m.id`,
  // Whether another connection committed since this one last asked (what a wait's poll checks first).
  dataVersion: `PRAGMA data_version`,
  // What a wait polls: the status alone (payloads are read once it is satisfied).
  getInstanceStatus: `SELECT status FROM instances WHERE instance_id = ?`,
  getInstanceMeta: `SELECT instance_id, name, status, created_at, last_updated_at, completed_at, scheduled_start_at, custom_status,
              failure_details, parent_instance_id, parent_task_id, history_length, history_bytes, lease_owner,
              lease_expires_at, version, stalled_reason, waiting_for_events, NULL AS input, NULL AS output
         FROM instances WHERE instance_id = ?`,
  // A new instance may be leased to the local worker as it is written (its first step handed over at once).
  insertInstance: `INSERT INTO instances (instance_id, name, status, created_at, last_updated_at, scheduled_start_at, input,
                              parent_instance_id, parent_task_id, lease_owner, lease_expires_at)
       VALUES (@instanceId, @name, 'PENDING', @now, @now, @startAt, @input, @parentId, @parentTaskId, @leaseOwner,
               @leaseUntil)`,
  deleteInstance: `DELETE FROM instances WHERE instance_id = ?`,
  // History rows are keyed by the instance's creation time, then its id (schema 9).
  deleteHistory: `DELETE FROM history WHERE instance_id = @instanceId
        AND instance_created_at = (SELECT created_at FROM instances WHERE instance_id = @instanceId)`,
  deleteInbox: `DELETE FROM inbox WHERE instance_id = ?`,
  deleteInboxExceptEvents: `DELETE FROM inbox WHERE instance_id = ? AND type != 'EventRaised'`,
  deleteActivities: `DELETE FROM activities WHERE instance_id = ?`,
  deleteUnleasedActivities: `DELETE FROM activities WHERE instance_id = ? AND lease_owner IS NULL`,
  insertInbox: `INSERT INTO inbox (instance_id, type, event, visible_at) VALUES (?, ?, ?, ?)`,
  // By id and instance: ids are used again once their row is gone (schema 11), never another instance's.
  deleteMessage: `DELETE FROM inbox WHERE id = ? AND instance_id = ?`,
  // An instance's waiting external events and their bytes, read from inbox_events_by_instance alone
  // (schema 10; the expressions must match the index's).
  pendingEvents: `SELECT COUNT(*) AS count, COALESCE(SUM(length(CAST(event AS BLOB))), 0) AS bytes
         FROM inbox INDEXED BY inbox_events_by_instance WHERE instance_id = ? AND type = 'EventRaised'`,
  inboxFor: `SELECT id, type, event FROM inbox WHERE instance_id = ? AND visible_at <= ? ORDER BY id`,
  history: `SELECT event FROM history WHERE instance_created_at = @createdAt AND instance_id = @instanceId
        ORDER BY seq`,
  historyPrefix: `SELECT event FROM history WHERE instance_id = @instanceId
          AND instance_created_at = (SELECT created_at FROM instances WHERE instance_id = @instanceId)
          AND seq < @count ORDER BY seq`,
  historyRange: `SELECT event FROM history WHERE instance_id = @instanceId
          AND instance_created_at = (SELECT created_at FROM instances WHERE instance_id = @instanceId)
          AND seq >= @start AND seq < @count ORDER BY seq`,
  leaseInstance: `UPDATE instances SET lease_owner = ?, lease_expires_at = ?
        WHERE instance_id = ? AND lease_expires_at < ? AND status NOT IN ${TERMINAL}`,
  // The same, returning what a claim needs (no second read of the row).
  leaseInstanceForClaim: `UPDATE instances SET lease_owner = ?, lease_expires_at = ?
        WHERE instance_id = ? AND lease_expires_at < ? AND status NOT IN ${TERMINAL}
        RETURNING status, history_length`,
  releaseInstance: `UPDATE instances SET lease_owner = NULL, lease_expires_at = 0 WHERE instance_id = ?`,
  // Only messages that are due are read (by the visibility index): future timers cost nothing here.
  candidates: `SELECT m.instance_id FROM inbox m INDEXED BY inbox_by_visible
          JOIN instances i ON i.instance_id = m.instance_id
        WHERE m.visible_at <= @now AND i.lease_expires_at < @leaseNow
          AND (i.status != 'SUSPENDED' OR m.type IN ${WAKES})
        GROUP BY m.instance_id ORDER BY MIN(m.visible_at) LIMIT @limit`,
  // A step's write of its instance: history length and bytes (what it appended), and its lease, kept for
  // the next step handed over or released, in the same statement.
  updateStep: `UPDATE instances SET status = @status, custom_status = @customStatus, last_updated_at = @now,
              history_length = @historyLength, history_bytes = history_bytes + @addedBytes,
              waiting_for_events = @waitingForEvents, lease_owner = @leaseOwner, lease_expires_at = @leaseUntil
        WHERE instance_id = @instanceId`,
  // The same when the status stays: an indexed column left out of the SET is not rewritten in its index.
  updateStepSameStatus: `UPDATE instances SET custom_status = @customStatus, last_updated_at = @now,
              history_length = @historyLength, history_bytes = history_bytes + @addedBytes,
              waiting_for_events = @waitingForEvents, lease_owner = @leaseOwner, lease_expires_at = @leaseUntil
        WHERE instance_id = @instanceId`,
  // The finished instance is released in the same statement.
  finish: FINISH,
  // What a finish does not know of its instance, for a wait in this process (answered without a read of the
  // whole row; `RETURNING *` measured slower than the UPDATE and this read together). A raw row: input,
  // scheduled start, version.
  finishedExtras: `SELECT input, scheduled_start_at, version FROM instances WHERE instance_id = ?`,
  restart: `UPDATE instances SET status = 'RUNNING', input = @input, output = NULL, failure_details = NULL,
              custom_status = @customStatus, last_updated_at = @now, history_length = 0, history_bytes = 0,
              waiting_for_events = NULL, lease_owner = NULL, lease_expires_at = 0
        WHERE instance_id = @instanceId`,
  // History appended outside a step's UPDATE of the instance.
  addHistoryBytes: `UPDATE instances SET history_bytes = history_bytes + ? WHERE instance_id = ?`,
  // STALLED instances: the stall's reason and the time its held-back events are due again.
  markStalled: `UPDATE instances SET status = 'STALLED', stalled_reason = @reason, stall_retry_at = @retryAt,
              last_updated_at = @now, history_length = @historyLength, history_bytes = history_bytes + @addedBytes
        WHERE instance_id = @instanceId`,
  holdMessage: `UPDATE inbox SET visible_at = ? WHERE id = ? AND instance_id = ?`,
  noteStepRun: `UPDATE instances SET stalled_reason = NULL, stall_retry_at = NULL, version = COALESCE(?, version)
        WHERE instance_id = ?`,
  // Only the events a stall held back (hidden until its retry time), never future timers.
  wakeStalled: `UPDATE inbox SET visible_at = @now WHERE visible_at > @now AND visible_at = (
          SELECT stall_retry_at FROM instances
           WHERE instances.instance_id = inbox.instance_id AND status = 'STALLED')`,
  // One instance's held-back events made due now (a suspend or terminate of a STALLED instance).
  releaseStall: `UPDATE inbox SET visible_at = @now WHERE instance_id = @instanceId AND visible_at > @now
          AND visible_at = (SELECT stall_retry_at FROM instances WHERE instance_id = @instanceId)`,
  setControlStatus: `UPDATE instances SET status = @status, last_updated_at = @now WHERE instance_id = @instanceId`,
  // Children of an earlier execution (continue-as-new) keep their parent for display but report to no task.
  detachChildren: `UPDATE instances SET parent_task_id = NULL WHERE parent_instance_id = ?`,
  // Children of a removed instance: no parent at all, so that a new instance with the id adopts none.
  orphanChildren: `UPDATE instances SET parent_instance_id = NULL, parent_task_id = NULL WHERE parent_instance_id = ?`,
  // The current execution's children that have not finished (what a recursive terminate reaches).
  childrenRunning: `SELECT instance_id FROM instances WHERE parent_instance_id = ? AND parent_task_id IS NOT NULL
          AND status NOT IN ${TERMINAL}`,
  descendants: `WITH RECURSIVE tree(id) AS (SELECT instance_id FROM instances WHERE parent_instance_id = ?
         UNION SELECT i.instance_id FROM instances i JOIN tree ON i.parent_instance_id = tree.id)
       SELECT i.instance_id, i.status FROM instances i JOIN tree ON i.instance_id = tree.id`,
  insertActivity: `INSERT INTO activities (instance_id, task_id, name, input, attempt, task_execution_id, created_at, lease_owner,
                               lease_expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  claimActivities: `UPDATE activities SET lease_owner = @owner, lease_expires_at = @until
        WHERE id IN (SELECT id FROM activities INDEXED BY activities_by_lease
                      WHERE lease_expires_at < @leaseNow LIMIT @limit)
        RETURNING id, instance_id, task_id, name, input, attempt, task_execution_id`,
  // A claim's row: its id, its holder, and the call it was claimed for. Ids are used again once their row is
  // gone (schema 11): a holder whose row was deleted under it (a continue-as-new, a purge) must not take a
  // new row that got the same id.
  finishActivity: `DELETE FROM activities WHERE ${ACTIVITY_CLAIM}`,
  abandonActivity: `UPDATE activities SET lease_owner = NULL, lease_expires_at = 0 WHERE ${ACTIVITY_CLAIM}`,
  releaseActivity: `UPDATE activities SET lease_owner = NULL, lease_expires_at = 0 WHERE id = ? AND lease_owner = ?`,
  renewInstance: `UPDATE instances SET lease_expires_at = ? WHERE instance_id = ? AND lease_owner = ?`,
  renewActivity: `UPDATE activities SET lease_expires_at = ? WHERE id = ? AND lease_owner = ?`,
  releaseOwnedInstance: `UPDATE instances SET lease_owner = NULL, lease_expires_at = 0 WHERE instance_id = ? AND lease_owner = ?`,
  nextDue: `SELECT MIN(visible_at) AS at FROM inbox WHERE visible_at > ?`,
  // One status at a time, so the window is a range of the (status, created_at, instance_id) index.
  purgeCandidates: `SELECT instance_id FROM instances WHERE status = @status
          AND created_at >= @from AND created_at < @to`,
  // Roots only (an instance whose parent is gone counts as one): children go with their parent's purge.
  // Keyset order, so instances a batch could not purge are passed over, not read again.
  retentionCandidates: `SELECT instance_id, completed_at FROM instances INDEXED BY instances_by_finished
        WHERE status = @status AND completed_at IS NOT NULL AND completed_at < @before
          AND (completed_at > @afterAt OR (completed_at = @afterAt AND instance_id > @afterId))
          AND (parent_instance_id IS NULL
               OR NOT EXISTS (SELECT 1 FROM instances p WHERE p.instance_id = instances.parent_instance_id))
        ORDER BY completed_at, instance_id LIMIT @limit`,
};

/** The engine's SQL statements by name, prepared once per open database. */
export type Statements = { readonly [K in keyof typeof STATEMENT_SQL]: Database.Statement };

/**
 * The statement catalog: every fixed SQL statement of the embedded engine, prepared once. (The instance
 * listing, whose shape depends on its filters, prepares its variants on first use in `instance-reads.ts`.)
 *
 * @param db - the open, migrated database
 */
export function prepareStatements(db: Database.Database): Statements {
  const prepared = {} as Record<keyof typeof STATEMENT_SQL, Database.Statement>;
  for (const name of Object.keys(STATEMENT_SQL) as (keyof typeof STATEMENT_SQL)[])
    prepared[name] = db.prepare(STATEMENT_SQL[name]);
  // Rows as arrays: cheaper to read than objects, mapped by hand (rows.ts).
  prepared.getStepRow.raw(true);
  prepared.getStepRowWithDue.raw(true);
  prepared.dataVersion.pluck(true);
  prepared.finishedExtras.raw(true);
  return prepared;
}

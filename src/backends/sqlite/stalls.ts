import type Database from 'better-sqlite3';
import type { WorkflowStall } from '../../core';
import { newEvent, WorkflowStatus } from '../../core';

/** How long a STALLED instance waits before this process tries its step again, in ms. */
export const STALL_RETRY_MS = 60_000;

/**
 * STALLED instances in the embedded engine, as daprd keeps them: a stalled step commits nothing but an
 * ExecutionStalled event (once) and the status; its new events stay in the inbox, hidden until a retry
 * (once a minute) or until a worker starts (which may have the right code). Future timers stay as they
 * are. The next step that runs clears the stall.
 */
export class SqliteStalls {
  private readonly markStalled: Database.Statement;
  private readonly hideMessage: Database.Statement;
  private readonly appendHistory: Database.Statement;
  private readonly noteStepRun: Database.Statement;
  private readonly wake: Database.Statement;

  /** @param db - the open database */
  constructor(db: Database.Database) {
    this.markStalled = db.prepare(
      `UPDATE instances SET status = 'STALLED', stalled_reason = @reason, stall_retry_at = @retryAt,
              last_updated_at = @now, history_length = @historyLength, lease_owner = NULL, lease_expires_at = 0
        WHERE instance_id = @instanceId`,
    );
    this.hideMessage = db.prepare(`UPDATE inbox SET visible_at = ? WHERE id = ?`);
    this.appendHistory = db.prepare(`INSERT INTO history (instance_id, seq, event) VALUES (?, ?, ?)`);
    this.noteStepRun = db.prepare(
      `UPDATE instances SET stalled_reason = NULL, stall_retry_at = NULL, version = COALESCE(?, version)
        WHERE instance_id = ?`,
    );
    this.wake = db.prepare(
      // Only the events the stall held back (hidden until its retry time), never future timers.
      `UPDATE inbox SET visible_at = @now WHERE visible_at > @now AND visible_at = (
          SELECT stall_retry_at FROM instances
           WHERE instances.instance_id = inbox.instance_id AND status = 'STALLED')`,
    );
  }

  /**
   * Records a stalled step.
   *
   * @returns when the step is tried again, epoch ms
   */
  record(
    row: { instance_id: string; status: WorkflowStatus; history_length: number },
    messageIds: readonly number[],
    stall: WorkflowStall,
    now: number,
  ): number {
    let historyLength = row.history_length;
    if (row.status !== WorkflowStatus.STALLED) {
      const event = newEvent('ExecutionStalled', now, {
        reason: stall.reason,
        description: stall.description,
      });
      this.appendHistory.run(row.instance_id, historyLength++, JSON.stringify(event));
    }
    const retryAt = now + STALL_RETRY_MS;
    for (const id of messageIds) this.hideMessage.run(retryAt, id);
    this.markStalled.run({ reason: stall.reason, retryAt, now, historyLength, instanceId: row.instance_id });
    return retryAt;
  }

  /** A step ran: the stall (if any) is over; the version is recorded. */
  noteStep(instanceId: string, version: string | undefined): void {
    this.noteStepRun.run(version ?? null, instanceId);
  }

  /** Makes every stalled instance's waiting events visible now (a worker started). */
  wakeAll(now: number): void {
    this.wake.run({ now });
  }
}

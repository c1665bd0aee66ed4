import { TimeoutError, WorkflowNotFoundError } from '../../errors';
import type { InstanceRecord, WaitCondition } from '../../core';
import { isTerminalStatus, scheduleAfter, WorkflowStatus } from '../../core';
import type { InstanceRow } from './rows';
import { toRecord } from './rows';

/** Told of a committed change of an instance: its new status and its row, when the commit knows them. */
type InstanceListener = (status?: WorkflowStatus, row?: InstanceRow) => void;

/** In-process notification of committed instance changes (registered as after-commit effects). */
export class InstanceWatchers {
  private readonly listeners = new Map<string, Set<InstanceListener>>();
  /** The waits in progress, each ended with the error given (see {@link endWaits}). */
  private readonly waits = new Set<(reason: (instanceId: string) => Error) => void>();

  /**
   * Ends every wait in progress with the error `reason` makes for its instance (the backend is closing: no
   * change will be seen any more, and a wait left pending would keep its poll timer, and the process, alive).
   */
  endWaits(reason: (instanceId: string) => Error): void {
    for (const end of [...this.waits]) end(reason);
  }

  /** Whether anything in this process watches the instance now (a commit may then hand it the record). */
  watching(instanceId: string): boolean {
    return this.listeners.has(instanceId);
  }

  /**
   * Calls `fn` after each committed change of the instance, with its new status when known, and the
   * instance's row as committed when the commit has it at hand (a finish read while watched).
   *
   * @returns the unsubscribe function
   */
  watch(instanceId: string, fn: InstanceListener): () => void {
    const set = this.listeners.get(instanceId) ?? new Set();
    set.add(fn);
    this.listeners.set(instanceId, set);
    return () => {
      set.delete(fn);
      if (set.size === 0) this.listeners.delete(instanceId);
    };
  }

  /**
   * Tells the instance's watchers it changed (call after commit).
   *
   * @param status - the status it committed, when known
   * @param row - its whole row (payloads included) as committed, when the commit returned it
   */
  notify(instanceId: string, status?: WorkflowStatus, row?: InstanceRow): void {
    const set = this.listeners.get(instanceId);
    if (set) for (const fn of [...set]) fn(status, row);
  }

  /**
   * Waits until the instance started (left PENDING) or finished: woken by this process's commits, and
   * polling with back-off from 10 ms to 1 s for other processes writing the same file.
   *
   * @param read - reads the instance with payloads (throws on storage failure)
   * @param timeoutMs - give up after this long (any length, `Infinity` included)
   * @param readStatus - reads only the instance's status (undefined when there is none), so that a poll
   *   whose status cannot satisfy the wait reads no payloads; without it every poll reads the record
   * @param changedElsewhere - whether another connection committed to the file since it was last asked
   *   (first asked before this call); a poll after the first reads nothing when it says no. Without it
   *   every poll reads
   * @throws {@link WorkflowNotFoundError} when there is no such instance; {@link TimeoutError} past `timeoutMs`
   */
  waitFor(
    instanceId: string,
    condition: WaitCondition,
    read: () => InstanceRecord | undefined,
    timeoutMs?: number,
    readStatus?: () => WorkflowStatus | undefined,
    changedElsewhere?: () => boolean,
  ): Promise<InstanceRecord> {
    const satisfied = (status: WorkflowStatus) =>
      condition === 'start' ? status !== WorkflowStatus.PENDING : isTerminalStatus(status);
    return new Promise<InstanceRecord>((resolvePromise, reject) => {
      let pollDelay = 10;
      let pollTimer: NodeJS.Timeout | undefined;
      let cancelTimeout: (() => void) | undefined;
      let finished = false;
      const end = (reason: (id: string) => Error) => done(() => reject(reason(instanceId)));
      this.waits.add(end);
      const done = (fn: () => void) => {
        finished = true;
        this.waits.delete(end);
        unwatch();
        clearTimeout(pollTimer);
        cancelTimeout?.();
        fn();
      };
      const check = (status?: WorkflowStatus, row?: InstanceRow) => {
        if (finished) return;
        // A change whose new status cannot satisfy the wait needs no read.
        if (status !== undefined && !satisfied(status)) return;
        let record: InstanceRecord | undefined;
        try {
          if (row !== undefined) {
            // The commit's own row: the state it made durable, no read needed.
            record = toRecord(row);
          } else {
            if (status === undefined && readStatus) {
              const current = readStatus();
              if (current !== undefined && !satisfied(current)) return;
            }
            record = read();
          }
        } catch (err) {
          return done(() => reject(err));
        }
        if (!record) {
          return done(() =>
            reject(
              new WorkflowNotFoundError(`No workflow instance with id '${instanceId}' exists.`, {
                instanceId,
              }),
            ),
          );
        }
        const found = record;
        if (satisfied(found.status)) done(() => resolvePromise(found));
      };
      let polled = false;
      const poll = () => {
        // This process's own commits wake the wait (watch); a poll only looks for other processes' writes.
        if (!polled || !changedElsewhere || changedElsewhere()) check();
        polled = true;
        if (finished) return;
        pollDelay = Math.min(pollDelay * 2, 1000);
        pollTimer = setTimeout(poll, pollDelay);
      };
      const unwatch = this.watch(instanceId, check);
      if (timeoutMs !== undefined) {
        // Any length (days, Infinity): a plain setTimeout overflows past 24.8 days and fires at once.
        cancelTimeout = scheduleAfter(timeoutMs, () =>
          done(() =>
            reject(
              new TimeoutError(
                `Workflow instance '${instanceId}' did not ${condition === 'start' ? 'start' : 'finish'} within ${timeoutMs} ms.`,
              ),
            ),
          ),
        );
      }
      poll();
    });
  }
}

import { TimeoutError, WorkflowNotFoundError } from '../../errors';
import type { InstanceRecord, WaitCondition } from '../../core';
import { isTerminalStatus, scheduleAfter, WorkflowStatus } from '../../core';
import type { InstanceRow } from './rows';
import { performance } from 'node:perf_hooks';
import { toRecord } from './rows';

/** Told of a committed change of an instance: its new status and its row, when the commit knows them. */
type InstanceListener = (status?: WorkflowStatus, row?: InstanceRow) => void;

/** In-process notification of committed instance changes (registered as after-commit effects). */
export class InstanceWatchers {
  private readonly listeners = new Map<string, Set<InstanceListener>>();
  /** The waits in progress, each ended with the error given (see {@link endWaits}). */
  private readonly waits = new Set<(reason: (instanceId: string) => Error) => void>();
  /** The waits' checks, run by the one poll for other processes' commits (see {@link waitFor}). */
  private readonly polled = new Set<() => void>();
  private pollTimer: NodeJS.Timeout | undefined;
  /** When the poll's timer fires (performance.now() ms) and the delay it was set with (ms). */
  private pollAt = 0;
  private pollDelay = POLL_FIRST_MS;
  /** Whether a wait began since the last poll (the next one then comes after the first delay again). */
  private waitBegan = false;

  /**
   * @param changedElsewhere - whether another connection (another process, another backend on the file)
   *   committed since it was last asked; asked first before any wait's first read (at open). The poll reads
   *   nothing when it says no. Without it every poll reads every waiting instance
   */
  constructor(private readonly changedElsewhere?: () => boolean) {}

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
   * Waits until the instance started (left PENDING) or finished: woken by this process's commits, and by
   * one poll shared by all waits for other processes writing the same file (one question of the file per
   * poll however many waits there are: 20 ms after a wait begins, backing off to 1 s while nothing changes).
   *
   * @param read - reads the instance with payloads (throws on storage failure)
   * @param timeoutMs - give up after this long (any length, `Infinity` included)
   * @param readStatus - reads only the instance's status (undefined when there is none), so that a poll
   *   whose status cannot satisfy the wait reads no payloads; without it every poll reads the record
   * @throws {@link WorkflowNotFoundError} when there is no such instance; {@link TimeoutError} past `timeoutMs`
   */
  waitFor(
    instanceId: string,
    condition: WaitCondition,
    read: () => InstanceRecord | undefined,
    timeoutMs?: number,
    readStatus?: () => WorkflowStatus | undefined,
  ): Promise<InstanceRecord> {
    const satisfied = (status: WorkflowStatus) =>
      condition === 'start' ? status !== WorkflowStatus.PENDING : isTerminalStatus(status);
    return new Promise<InstanceRecord>((resolvePromise, reject) => {
      let cancelTimeout: (() => void) | undefined;
      let finished = false;
      const end = (reason: (id: string) => Error) => done(() => reject(reason(instanceId)));
      this.waits.add(end);
      const done = (fn: () => void) => {
        finished = true;
        this.waits.delete(end);
        unwatch();
        this.polled.delete(poll);
        if (this.polled.size === 0) this.stopPolling();
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
      // This process's own commits wake the wait (watch); the shared poll only looks for other processes'.
      const poll = () => check();
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
      check();
      if (finished) return;
      this.polled.add(poll);
      this.pollSoon();
    });
  }

  /** Makes the shared poll come within its first delay (a wait began). */
  private pollSoon(): void {
    this.waitBegan = true;
    if (this.pollTimer && this.pollAt <= performance.now() + POLL_FIRST_MS) return;
    clearTimeout(this.pollTimer);
    this.pollDelay = POLL_FIRST_MS;
    this.schedulePoll();
  }

  private schedulePoll(): void {
    this.pollAt = performance.now() + this.pollDelay;
    this.pollTimer = setTimeout(() => this.poll(), this.pollDelay);
  }

  private stopPolling(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
  }

  /** One poll for all waits: each checks its instance only when another connection committed. */
  private poll(): void {
    this.pollTimer = undefined;
    if (this.polled.size === 0) return;
    let changed = true;
    try {
      if (this.changedElsewhere) changed = this.changedElsewhere();
    } catch {
      // Unknown: every wait reads, and a failing read ends its wait with the error.
    }
    if (changed) for (const check of [...this.polled]) check();
    if (this.polled.size === 0) return;
    this.pollDelay = this.waitBegan ? POLL_FIRST_MS : Math.min(this.pollDelay * 2, POLL_MAX_MS);
    this.waitBegan = false;
    this.schedulePoll();
  }
}

/** The shared poll's first delay after a wait begins, and its longest (ms). */
const POLL_FIRST_MS = 20;
const POLL_MAX_MS = 1000;

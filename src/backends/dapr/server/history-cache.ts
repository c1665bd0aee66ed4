import type { HistoryEvent, WorkflowWorkItem } from '../../../core';
import { sameEvent } from './same-event';

/** Options of {@link HistoryCache}. */
export interface HistoryCacheOptions {
  /** Most instances whose history is kept. Default 1000. */
  maxInstances?: number;
  /** Most history events kept over all instances. Default 100 000. */
  maxEvents?: number;
}

/**
 * The sidecar's per-instance cache of committed history, as the embedded runtime's execution cache: a
 * workflow step needs its instance's whole history (the official SDKs replay it on every step), and the
 * history only grows between steps, so the sidecar keeps the events it read for the previous step and
 * reads from the database only those committed since (`loadPastEventsFrom`), instead of the whole history
 * (`loadPastEvents`) on every step.
 *
 * Only events read from the database are kept (never what a worker answered, which may not have been
 * committed). A kept history is used only when the database still agrees with it: the events read from
 * the last kept one on must be `pastEventCount` minus the kept count plus one, and the first of them must
 * equal the last kept event; otherwise (a lease lost and another owner's steps, a continue-as-new or a
 * purge and a new instance of the same id, in this process or another) the whole history is read again.
 * The owner also drops an instance's entry when its step is abandoned or it completes ({@link forget}).
 * Bounded by instances and events; the least recently used entry goes first.
 */
export class HistoryCache {
  private readonly entries = new Map<string, HistoryEvent[]>();
  private events = 0;
  private readonly maxInstances: number;
  private readonly maxEvents: number;

  /** @param options - bounds */
  constructor(options: HistoryCacheOptions = {}) {
    this.maxInstances = options.maxInstances ?? 1000;
    this.maxEvents = options.maxEvents ?? 100_000;
  }

  /** Number of instances whose history is kept (for tests). */
  get size(): number {
    return this.entries.size;
  }

  /**
   * The step's past events (`item.pastEventCount` of them): the kept ones and those committed since, or
   * the whole history read again; kept for the next step. The returned array is not mutated later.
   *
   * @param item - the work item
   * @returns the history before `item.newEvents`
   */
  async pastEvents(item: WorkflowWorkItem): Promise<HistoryEvent[]> {
    const { instanceId, pastEventCount } = item;
    const kept = this.take(instanceId);
    if (pastEventCount === 0) return [];
    let past: HistoryEvent[] | undefined;
    if (kept && item.loadPastEventsFrom && kept.length <= pastEventCount) {
      const last = kept.length - 1;
      const since = await item.loadPastEventsFrom(last);
      if (since.length === pastEventCount - last && sameEvent(since[0], kept[last])) {
        past = since.length === 1 ? kept : kept.concat(since.slice(1));
      }
    }
    past ??= await item.loadPastEvents();
    this.keep(instanceId, past);
    return past;
  }

  /**
   * Drops what is kept of an instance (its step was abandoned, or it completed).
   *
   * @param instanceId - the instance
   */
  forget(instanceId: string): void {
    this.take(instanceId);
  }

  private take(instanceId: string): HistoryEvent[] | undefined {
    const entry = this.entries.get(instanceId);
    if (entry) {
      this.entries.delete(instanceId);
      this.events -= entry.length;
    }
    return entry;
  }

  private keep(instanceId: string, past: HistoryEvent[]): void {
    if (past.length === 0 || past.length > this.maxEvents / 4) return;
    this.entries.set(instanceId, past);
    this.events += past.length;
    while (this.entries.size > this.maxInstances || this.events > this.maxEvents) {
      this.take(this.entries.keys().next().value as string);
    }
  }
}

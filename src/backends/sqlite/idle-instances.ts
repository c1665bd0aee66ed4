/**
 * What this process last committed of instances it left idle: RUNNING, unleased, nothing due in their
 * inbox, with a history of a known length. The fused path ({@link FusedStep}) runs an activity's next
 * step from this note instead of reading the instance first; the read inside the commit's transaction
 * still checks the instance is as noted (another process, a raised event, a timer or a control request
 * may have moved it), so a stale note costs one discarded step, never a wrong commit.
 *
 * Bounded: the oldest note is dropped past `capacity` (an instance without a note is read, as before).
 */
export class IdleInstances {
  private readonly historyLengths = new Map<string, number>();

  /** @param capacity - most instances noted at once */
  constructor(private readonly capacity = 10_000) {}

  /**
   * Notes an instance left idle by a step this process committed.
   *
   * @param historyLength - its history's length (events) after that step
   */
  note(instanceId: string, historyLength: number): void {
    this.historyLengths.delete(instanceId);
    this.historyLengths.set(instanceId, historyLength);
    if (this.historyLengths.size > this.capacity) {
      this.historyLengths.delete(this.historyLengths.keys().next().value as string);
    }
  }

  /** The noted history length, removing the note (it holds for one step at most); undefined when none. */
  take(instanceId: string): number | undefined {
    const length = this.historyLengths.get(instanceId);
    if (length !== undefined) this.historyLengths.delete(instanceId);
    return length;
  }

  /** Drops the note of an instance that is no longer idle as noted (finished, restarted, controlled). */
  forget(instanceId: string): void {
    this.historyLengths.delete(instanceId);
  }

  /** Number of instances noted (for tests and diagnostics). */
  get size(): number {
    return this.historyLengths.size;
  }
}

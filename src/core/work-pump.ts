/**
 * One lane of a {@link WorkPump}: a queue of items run at most `limit` at a time.
 *
 * @typeParam T - the queued item
 */
export class WorkLane<T> {
  private readonly queue: T[] = [];
  private running = 0;

  /**
   * @param limit - most items in flight at once
   * @param run - runs one item; its promise settles when the item is done (it should not reject)
   * @param pump - the pump the lane belongs to
   */
  constructor(
    readonly limit: number,
    private readonly run: (item: T) => Promise<void>,
    private readonly pump: WorkPump,
  ) {}

  /** Items waiting for a slot. */
  get queued(): number {
    return this.queue.length;
  }

  /** Items in flight (including work run with {@link WorkLane.occupy}). */
  get inFlight(): number {
    return this.running;
  }

  /** Slots neither in flight nor taken by queued items: how much more work is worth fetching. */
  get wanted(): number {
    return this.limit - this.running - this.queue.length;
  }

  /** Queues items and schedules a pump; ignored once the pump stops. */
  push(...items: T[]): void {
    if (this.pump.stopping) return;
    this.queue.push(...items);
    this.pump.schedule();
  }

  /** Drops queued items (all, or those matching `which`). */
  drop(which?: (item: T) => boolean): void {
    if (!which) this.queue.length = 0;
    else for (let i = this.queue.length - 1; i >= 0; i--) if (which(this.queue[i])) this.queue.splice(i, 1);
  }

  /**
   * Runs `work` in one of the lane's slots without queueing (the caller checked there is room), tracked
   * like queued work so {@link WorkPump.drain} waits for it.
   */
  occupy<R>(work: () => Promise<R>): Promise<R> {
    this.running += 1;
    const done = work().finally(() => {
      this.running -= 1;
      this.pump.schedule();
    });
    this.pump.track(done.then(noop, noop));
    return done;
  }

  /** Starts queued items while there are free slots. */
  start(): void {
    while (this.running < this.limit && this.queue.length > 0) {
      const item = this.queue.shift() as T;
      this.running += 1;
      this.pump.track(
        this.run(item)
          .catch(noop)
          .finally(() => {
            this.running -= 1;
            this.pump.schedule();
          }),
      );
    }
  }
}

/**
 * The bounded work loop both workers share (the embedded engine's and the sidecar client's): lanes with
 * concurrency limits, in-flight tracking, pumping once per event-loop turn, and drain on stop.
 */
export class WorkPump {
  private readonly lanes: WorkLane<never>[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private scheduled = false;
  private stopped = false;

  /** @param afterPump - runs after each pump (e.g. fetch more work, wake idle waiters) */
  constructor(private readonly afterPump: () => void = noop) {}

  /** True once {@link WorkPump.drain} was called: no new work is queued or started. */
  get stopping(): boolean {
    return this.stopped;
  }

  /** True when no lane has queued or in-flight work. */
  get idle(): boolean {
    return this.lanes.every((l) => l.queued === 0 && l.inFlight === 0);
  }

  /**
   * Adds a lane.
   *
   * @param limit - most items in flight at once
   * @param run - runs one item
   */
  lane<T>(limit: number, run: (item: T) => Promise<void>): WorkLane<T> {
    const lane = new WorkLane<T>(limit, run, this);
    this.lanes.push(lane as unknown as WorkLane<never>);
    return lane;
  }

  /** Pumps on the next turn of the event loop (once, however often called). */
  schedule(): void {
    if (this.scheduled || this.stopped) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  /** Starts what fits in every lane now, then runs `afterPump`. */
  pump(): void {
    if (this.stopped) return;
    for (const lane of this.lanes) lane.start();
    this.afterPump();
  }

  /** Tracks a promise as in-flight work until it settles. */
  track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
  }

  /** Stops starting work, drops what is queued and resolves once everything in flight has settled. */
  async drain(): Promise<void> {
    this.stopped = true;
    for (const lane of this.lanes) lane.drop();
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }
}

function noop(): void {}

/** Internal listener a composite task registers on its children. */
type DoneListener = (task: WorkflowTask<unknown>) => void;

/** @internal What a task that holds a claim on something (an external event wait) does when let go. */
export interface TaskClaim {
  /** Nothing awaits the task any more: give the claim up (events go to the next wait, or stay buffered). */
  release(): void;
  /** The task is awaited again: take the claim back. */
  reclaim(): void;
}

/**
 * Resolves `resolve` with `value`. When the value is itself a task (the winner of `whenAny`), its `then`
 * is hidden during the synchronous resolve, so the promise takes the task as its value instead of adopting
 * the task's result (a thenable cannot otherwise be a promise's value).
 */
function resolveWith<V>(resolve: (v: V) => unknown, value: V): unknown {
  if (!(value instanceof WorkflowTask)) return resolve(value);
  Object.defineProperty(value, 'then', { value: undefined, configurable: true });
  try {
    return resolve(value);
  } finally {
    delete (value as { then?: unknown }).then;
  }
}

/**
 * A durable operation inside a workflow: an activity, child workflow, timer, external event or a
 * combination. Tasks are awaitable; awaiting one that failed throws its error.
 */
export class WorkflowTask<T> implements PromiseLike<T> {
  private state: 'pending' | 'completed' | 'failed' = 'pending';
  private value: T | undefined;
  private error: Error | undefined;
  private promise: Promise<T> | undefined;
  private settle: { resolve(v: T): void; reject(e: Error): void } | undefined;
  private listeners: DoneListener[] = [];
  private holds = 0;
  private released = false;
  private awaited = false;
  /** @internal The claim this task holds while something awaits it (external event waits). */
  claim: TaskClaim | undefined;

  /** True once the task has finished, successfully or not. */
  get isCompleted(): boolean {
    return this.state !== 'pending';
  }

  /** True when the task finished with an error. */
  get isFailed(): boolean {
    return this.state === 'failed';
  }

  /** The task's result once it completed successfully; undefined before. */
  get result(): T | undefined {
    return this.value;
  }

  /** The task's error once it failed; undefined otherwise. */
  get exception(): Error | undefined {
    return this.error;
  }

  /** @internal Completes the task with a value. Later calls are ignored. */
  complete(value: T): void {
    if (this.state !== 'pending') return;
    this.state = 'completed';
    this.value = value;
    if (this.settle) resolveWith(this.settle.resolve, value);
    this.notify();
  }

  /** @internal Fails the task. Later calls are ignored. */
  fail(error: Error): void {
    if (this.state !== 'pending') return;
    this.state = 'failed';
    this.error = error;
    this.settle?.reject(error);
    this.notify();
  }

  /** @internal Registers a listener called once when this task finishes (at once if it has). */
  onDone(listener: DoneListener): void {
    if (this.state !== 'pending') listener(this as WorkflowTask<unknown>);
    else this.listeners.push(listener);
  }

  /**
   * @internal A composite (or an await) now waits on this task. A task that had been let go (it lost a
   * `whenAny`) takes its claim back.
   */
  hold(): void {
    if (this.state !== 'pending') return;
    this.holds += 1;
    if (this.holds === 1 && this.released) {
      this.released = false;
      this.onReclaim();
    }
  }

  /** @internal A composite that waited on this task no longer does; with no one left, the claim goes. */
  unhold(): void {
    if (this.state !== 'pending' || this.holds === 0) return;
    this.holds -= 1;
    if (this.holds === 0) {
      this.released = true;
      this.onRelease();
    }
  }

  /** Called when nothing awaits this pending task any more. */
  protected onRelease(): void {
    this.claim?.release();
  }

  /** Called when a released pending task is awaited again. */
  protected onReclaim(): void {
    this.claim?.reclaim();
  }

  /** Makes the task awaitable. The underlying promise is created on first use, so unawaited failures stay silent. */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    if (!this.awaited) {
      // Awaited directly: held for good (an await is never abandoned).
      this.awaited = true;
      this.hold();
    }
    const fulfilled = onfulfilled && ((v: T) => resolveWith(onfulfilled, v) as R1 | PromiseLike<R1>);
    return this.asPromise().then(fulfilled, onrejected);
  }

  private asPromise(): Promise<T> {
    if (!this.promise) {
      if (this.state === 'completed') this.promise = new Promise<T>((r) => resolveWith(r, this.value as T));
      else if (this.state === 'failed') this.promise = Promise.reject(this.error as Error);
      else this.promise = new Promise<T>((resolve, reject) => (this.settle = { resolve, reject }));
    }
    return this.promise;
  }

  private notify(): void {
    const listeners = this.listeners;
    this.listeners = [];
    for (const l of listeners) l(this as WorkflowTask<unknown>);
  }
}

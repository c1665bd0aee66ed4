/** Internal listener a composite task registers on its children. */
type DoneListener = (task: WorkflowTask<unknown>) => void;

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
    this.settle?.resolve(value);
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

  /** Makes the task awaitable. The underlying promise is created on first use, so unawaited failures stay silent. */
  then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.asPromise().then(onfulfilled, onrejected);
  }

  private asPromise(): Promise<T> {
    if (!this.promise) {
      if (this.state === 'completed') this.promise = Promise.resolve(this.value as T);
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

import { WorkflowTask } from './workflow-task';

/** Completes with every child's result, in order, once all completed; fails with the first child failure. */
export class WhenAllTask<T> extends WorkflowTask<T[]> {
  /** @param tasks - the children */
  constructor(private readonly tasks: WorkflowTask<T>[]) {
    super();
    let remaining = tasks.length;
    if (remaining === 0) this.complete([]);
    for (const task of tasks) {
      task.onDone((t) => {
        if (this.isCompleted) return;
        if (t.isFailed) return this.fail(t.exception as Error);
        remaining -= 1;
        if (remaining === 0) this.complete(this.tasks.map((c) => c.result as T));
      });
    }
  }
}

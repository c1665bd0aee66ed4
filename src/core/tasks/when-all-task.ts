import { CompositeTask } from './composite-task';
import type { WorkflowTask } from './workflow-task';

/** Completes with every child's result, in order, once all completed; fails with the first child failure. */
export class WhenAllTask<T> extends CompositeTask<T[]> {
  /** @param tasks - the children */
  constructor(tasks: WorkflowTask<T>[]) {
    super(tasks as WorkflowTask<unknown>[]);
    let remaining = tasks.length;
    if (remaining === 0) this.complete([]);
    for (const task of tasks) {
      task.onDone((t) => {
        if (this.isCompleted) return;
        if (t.isFailed) {
          this.letGoOfChildren();
          return this.fail(t.exception as Error);
        }
        remaining -= 1;
        if (remaining === 0) this.complete(tasks.map((c) => c.result as T));
      });
    }
  }
}

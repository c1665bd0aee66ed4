import { CompositeTask } from './composite-task';
import type { WorkflowTask } from './workflow-task';

/**
 * The winner of a `whenAny` as the awaiting code sees it: the task itself, typed without `then` so that
 * `await` does not unwrap it and `winner === timeout` compiles.
 */
export type WhenAnyWinner<T> = T extends unknown ? Omit<T, 'then'> : never;

/**
 * Completes with the first child to finish (successfully or not): the task itself, as Dapr's SDKs'
 * `WhenAny` returns it. The losers that are still pending are let go: an external event wait among them
 * gives its claim up, so the next event of that name goes to the next live wait or stays buffered.
 */
export class WhenAnyTask<T extends WorkflowTask<unknown>> extends CompositeTask<WhenAnyWinner<T>> {
  /** @param tasks - the children; at least one */
  constructor(tasks: readonly T[]) {
    super(tasks);
    for (const task of tasks) {
      task.onDone(() => {
        if (this.isCompleted) return;
        this.letGoOfChildren();
        this.complete(task as unknown as WhenAnyWinner<T>);
      });
    }
  }
}

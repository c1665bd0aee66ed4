import { WorkflowTask } from './workflow-task';

/**
 * Completes with the index of the first child to finish (successfully or not). It returns the index,
 * never the task: a task is awaitable, so a promise resolved with it would adopt its result instead.
 */
export class WhenAnyTask extends WorkflowTask<number> {
  /** @param tasks - the children; at least one */
  constructor(tasks: WorkflowTask<unknown>[]) {
    super();
    tasks.forEach((task, index) => task.onDone(() => this.complete(index)));
  }
}

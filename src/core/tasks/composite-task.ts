import { WorkflowTask } from './workflow-task';

/**
 * A task over children (`whenAll`, `whenAny`). While it is pending and awaited it holds its children;
 * once it finishes, or nothing awaits it any more, it lets go of the children still pending, so an
 * external event wait among them gives its claim up.
 */
export abstract class CompositeTask<T> extends WorkflowTask<T> {
  private holding = true;

  /** @param children - the children */
  protected constructor(protected readonly children: readonly WorkflowTask<unknown>[]) {
    super();
    for (const child of children) child.hold();
  }

  /** Lets go of the children that are still pending (call once the composite has its outcome). */
  protected letGoOfChildren(): void {
    if (!this.holding) return;
    this.holding = false;
    for (const child of this.children) child.unhold();
  }

  protected override onRelease(): void {
    this.letGoOfChildren();
  }

  protected override onReclaim(): void {
    if (this.holding || this.isCompleted) return;
    this.holding = true;
    for (const child of this.children) child.hold();
  }
}

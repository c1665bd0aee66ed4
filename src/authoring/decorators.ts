import 'reflect-metadata';
import { injectable } from 'tsyringe';
import type { ActivityOptions, WorkflowOptions } from './metadata-store';
import { metadataStore } from './metadata-store';

/**
 * Marks a class as a workflow. It only records metadata and makes the class injectable; the runtime
 * builds its registry from the records at start-up.
 *
 * @param options - `name`: the registered name (default: the class name)
 * @returns a class decorator
 * @example
 * ```ts
 * @Workflow({ name: 'hello_world_wf' })
 * export class HelloWorldWf extends WorkflowBase<string, string> { async run(ctx, input) { … } }
 * ```
 */
export function Workflow(options: WorkflowOptions = {}): ClassDecorator {
  return (target) => {
    metadataStore().addWorkflow({ target, options });
    injectable()(target as never);
  };
}

/**
 * Marks a class as an activity. Its constructor dependencies are resolved from a tsyringe child
 * container for each execution.
 *
 * @param options - `name`: the registered name (default: the class name)
 * @returns a class decorator
 * @example
 * ```ts
 * @Activity({ name: 'hello_act' })
 * export class HelloAct extends ActivityBase<number, number> { async run(ctx, n) { … } }
 * ```
 */
export function Activity(options: ActivityOptions = {}): ClassDecorator {
  return (target) => {
    metadataStore().addActivity({ target, options });
    injectable()(target as never);
  };
}

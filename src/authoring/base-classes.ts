import type { WorkflowContext } from '../core';
import type { ActivityContext } from './activity-context';

/**
 * Optional base class of a workflow: gives `run` its types. Workflow code must be deterministic: take
 * time, ids and I/O only from the context.
 *
 * @example
 * ```ts
 * @Workflow()
 * class Greet extends WorkflowBase<string, string> {
 *   async run(ctx: WorkflowContext, name: string) { return ctx.callActivity(SayHello, name); }
 * }
 * ```
 */
export abstract class WorkflowBase<TIn = unknown, TOut = unknown> {
  /** The workflow's code. */
  abstract run(ctx: WorkflowContext, input: TIn): Promise<TOut>;
}

/**
 * Optional base class of an activity: gives `run` its types. Activities do the I/O; their constructor
 * dependencies come from the tsyringe container.
 *
 * @example
 * ```ts
 * @Activity()
 * class SayHello extends ActivityBase<string, string> {
 *   async run(ctx: ActivityContext, name: string) { return `Hello ${name}!`; }
 * }
 * ```
 */
export abstract class ActivityBase<TIn = unknown, TOut = unknown> {
  /** The activity's code. */
  abstract run(ctx: ActivityContext, input: TIn): Promise<TOut>;
}

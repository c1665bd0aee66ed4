import type { WorkflowContext, WorkflowFunction } from './workflow-context';

function isIterator(
  value: unknown,
): value is Iterator<unknown> & { throw(e: unknown): IteratorResult<unknown> } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Iterator<unknown>).next === 'function' &&
    typeof (value as { throw?: unknown }).throw === 'function' &&
    typeof (value as PromiseLike<unknown>).then !== 'function'
  );
}

/**
 * Runs async workflow code, or drives generator workflow code (`yield task` gives the task's result).
 * Async generators (`async function*`, as in Dapr's JavaScript samples) are driven the same way: their
 * `next`/`throw` return promises of the step, which are awaited.
 */
export async function runWorkflowCode(
  fn: WorkflowFunction,
  ctx: WorkflowContext,
  input: unknown,
): Promise<unknown> {
  const out = (fn as (c: WorkflowContext, i: unknown) => unknown)(ctx, input);
  if (!isIterator(out)) return await out;
  let step = await out.next();
  while (!step.done) {
    let value: unknown;
    try {
      value = await step.value;
    } catch (err) {
      step = await out.throw(err);
      continue;
    }
    step = await out.next(value);
  }
  return step.value;
}

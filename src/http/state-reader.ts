import { TimeoutError, WorkflowNotFoundError } from '../errors';
import type { WorkflowClient, WorkflowState } from '../client';

/**
 * Reads an instance's state, optionally waiting up to `waitMs` for it to finish. A wait that ends (time
 * up, or `shutdownSignal` aborted) answers the current state; it is not an error.
 *
 * @param client - the client to read with
 * @param instanceId - the instance
 * @param waitMs - how long to wait for completion; undefined or 0 reads at once
 * @param shutdownSignal - cuts the wait short when the server shuts down
 * @param getInputsAndOutputs - read input, output and custom status too (default true)
 * @returns the state, or undefined when there is no such instance
 */
export async function readWorkflowState(
  client: WorkflowClient,
  instanceId: string,
  waitMs: number | undefined,
  shutdownSignal?: AbortSignal,
  getInputsAndOutputs = true,
): Promise<WorkflowState | undefined> {
  const readNow = () => client.getWorkflowState(instanceId, { getInputsAndOutputs });
  if (!waitMs || shutdownSignal?.aborted) return readNow();
  const completion = client.waitForWorkflowCompletion(instanceId, { timeoutMs: waitMs });
  completion.catch(() => undefined);
  let onAbort: (() => void) | undefined;
  const aborted = new Promise<'aborted'>((resolve) => {
    onAbort = () => resolve('aborted');
    shutdownSignal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    const first = await Promise.race([completion, aborted]);
    if (first === 'aborted' || !getInputsAndOutputs) return readNow();
    return first;
  } catch (err) {
    if (err instanceof TimeoutError) return readNow();
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  } finally {
    if (onAbort) shutdownSignal?.removeEventListener('abort', onAbort);
  }
}

import { WorkflowNotFoundError } from '../errors';
import type { WorkflowClient, WorkflowState } from '../client';

/**
 * Reads an instance, failing with a clear message when there is none.
 *
 * @param client - the client
 * @param instanceId - the instance
 * @throws {@link WorkflowNotFoundError} when there is no such instance
 */
export async function requireInstance(client: WorkflowClient, instanceId: string): Promise<WorkflowState> {
  const state = await client.getWorkflowState(instanceId, { getInputsAndOutputs: false });
  if (!state) throw new WorkflowNotFoundError(`No workflow instance with id '${instanceId}' exists.`);
  return state;
}

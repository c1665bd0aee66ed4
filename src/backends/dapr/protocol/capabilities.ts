/**
 * `WorkerCapability.WORKER_CAPABILITY_STATEFUL_HISTORY` (`GetWorkItemsRequest.capabilities`): the worker keeps
 * what it learnt of an instance between steps, so the sidecar may send a step's `pastEvents` as a delta after
 * the first `WorkflowRequest.cachedHistory.eventCount` events; a worker that no longer holds them reads the
 * history with `GetInstanceHistory`. As durabletask-go's stateful-history streams.
 */
export const STATEFUL_HISTORY_CAPABILITY = 2;

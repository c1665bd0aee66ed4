/**
 * `WorkerCapability.WORKER_CAPABILITY_STATEFUL_HISTORY` (`GetWorkItemsRequest.capabilities`): the worker keeps
 * what it learnt of an instance between steps, so the sidecar may send a step's `pastEvents` as a delta after
 * the first `WorkflowRequest.cachedHistory.eventCount` events; a worker that no longer holds them reads the
 * history with `GetInstanceHistory`. As durabletask-go's stateful-history streams.
 */
export const STATEFUL_HISTORY_CAPABILITY = 2;

/**
 * Response header of `GetWorkItems` (Weft extension) listing, comma-separated, the extensions `weft sidecar`
 * takes on that stream's worker connection; absent from daprd and older sidecars.
 */
export const SIDECAR_FEATURES_HEADER = 'weft-sidecar-features';

/**
 * Feature of {@link SIDECAR_FEATURES_HEADER}: the sidecar takes a `TaskCompletion.nextStep` (the workflow step
 * a worker ran at once on an activity's outcome) and commits it with the outcome when it is the step it
 * would have sent.
 */
export const NEXT_STEP_FEATURE = 'next-step';

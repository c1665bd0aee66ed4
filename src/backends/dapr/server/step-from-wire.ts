import type { HistoryEvent, WorkflowStepResult } from '../../../core';
import { attemptsFromHistory } from '../../../core';
import { actionFromWire } from '../convert/action-converter';
import { stallFromWire, versionFromWire } from '../convert/version-converter';
import type { WireWorkflowResponse } from '../protocol/wire-types';
import { payloadFromWire } from './wire-payload';

/**
 * A worker's step result (`WorkflowResponse`) as the engine takes it. What the actions mean (history, work, the
 * default id of a child started without one, a stall) is decided by the core's step planner when the engine
 * commits the step, as for in-process workers.
 *
 * @param response - the worker's answer
 * @param history - the history sent with the step: each retried activity's attempt is counted from it, as every
 *   engine of the protocol records it (workers of other SDKs send none, and Weft's own extension field is then
 *   only a duplicate); undefined when the worker's execution is known to hold exactly the committed history
 *   (a next step it offered), whose attempts it counted by replay
 * @returns the step result
 * @throws {@link ValidationError} for malformed actions
 */
export function stepFromWire(
  response: WireWorkflowResponse,
  history: readonly HistoryEvent[] | undefined,
): WorkflowStepResult {
  const stalled = stallFromWire(response.actions ?? []);
  const actions = (stalled ? [] : (response.actions ?? [])).map(actionFromWire);
  if (history) attemptsFromHistory(actions, history);
  const version = versionFromWire(response.version);
  return {
    actions,
    customStatus: payloadFromWire(response.customStatus),
    ...(version && { version }),
    ...(stalled && { stalled }),
  };
}

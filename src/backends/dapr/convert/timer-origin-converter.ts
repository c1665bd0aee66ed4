import type { TimerOrigin } from '../../../core';
import type { WireTimerOrigin } from '../protocol/wire-types';

/**
 * Reads the `origin` oneof of a timer event or action; absent means a plain `createTimer`.
 *
 * @param wire - the message holding the oneof
 * @returns the origin
 */
export function timerOriginFromWire(wire: WireTimerOrigin): TimerOrigin {
  if (wire.externalEvent) return { kind: 'externalEvent', name: wire.externalEvent.name ?? '' };
  if (wire.activityRetry)
    return { kind: 'activityRetry', taskExecutionId: wire.activityRetry.taskExecutionId ?? '' };
  if (wire.childWorkflowRetry)
    return { kind: 'childWorkflowRetry', instanceId: wire.childWorkflowRetry.instanceId ?? '' };
  return { kind: 'createTimer' };
}

/**
 * Writes a timer origin as the members of the `origin` oneof.
 *
 * @param origin - the origin, or undefined for none
 * @returns the oneof member to spread into the message
 */
export function timerOriginToWire(origin: TimerOrigin | undefined): WireTimerOrigin {
  switch (origin?.kind) {
    case undefined:
      return {};
    case 'createTimer':
      return { createTimer: {} };
    case 'externalEvent':
      return { externalEvent: { name: origin.name } };
    case 'activityRetry':
      return { activityRetry: { taskExecutionId: origin.taskExecutionId } };
    case 'childWorkflowRetry':
      return { childWorkflowRetry: { instanceId: origin.instanceId } };
  }
}

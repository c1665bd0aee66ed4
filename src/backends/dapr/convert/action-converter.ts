import { ValidationError } from '../../../errors';
import type { WorkflowAction } from '../../../core';
import type { WireWorkflowAction } from '../protocol/wire-types';
import { failureFromWire, failureToWire } from './failure-converter';
import { historyEventFromWire, historyEventToWire } from './history-event-converter';
import { statusFromWire, statusToWire } from './status-converter';
import { timerOriginFromWire, timerOriginToWire } from './timer-origin-converter';
import { traceContextFromWire, traceContextToWire } from './trace-context-converter';
import { fromStringValue, fromTimestamp, toStringValue, toTimestamp } from './wire-values';

/**
 * Writes a core workflow action as a protocol `WorkflowAction`.
 *
 * @param action - the action
 * @returns the wire message
 */
export function actionToWire(action: WorkflowAction): WireWorkflowAction {
  switch (action.type) {
    case 'ScheduleTask':
      return {
        id: action.id,
        scheduleTask: {
          name: action.name,
          input: toStringValue(action.input),
          taskExecutionId: action.taskExecutionId,
          attempt: action.attempt,
        },
      };
    case 'CreateChildWorkflow':
      return {
        id: action.id,
        createChildWorkflow: {
          instanceId: action.instanceId,
          name: action.name,
          input: toStringValue(action.input),
          parentTraceContext: traceContextToWire(action.parentTraceContext),
        },
      };
    case 'CreateDetachedWorkflow':
      return {
        id: action.id,
        createDetachedWorkflow: {
          instanceId: action.instanceId,
          name: action.name,
          input: toStringValue(action.input),
        },
      };
    case 'CreateTimer':
      return {
        id: action.id,
        createTimer: { fireAt: toTimestamp(action.fireAt), ...timerOriginToWire(action.origin) },
      };
    case 'SendEvent':
      return {
        id: action.id,
        sendEvent: {
          instance: { instanceId: action.instanceId },
          name: action.name,
          data: toStringValue(action.data),
        },
      };
    case 'CompleteWorkflow':
      return {
        id: action.id,
        completeWorkflow: {
          workflowStatus: statusToWire(action.workflowStatus),
          result: toStringValue(action.result),
          failureDetails: failureToWire(action.failureDetails),
          carryoverEvents: action.carryoverEvents?.map((e) => historyEventToWire(e)),
        },
      };
  }
}

/**
 * Reads a protocol `WorkflowAction` into a core action. `attempt` (a Weft extension) defaults to 1.
 *
 * @param wire - the decoded message
 * @returns the action
 * @throws {@link ValidationError} for an action kind Weft does not support or a missing part
 */
export function actionFromWire(wire: WireWorkflowAction): WorkflowAction {
  const id = wire.id ?? 0;
  if (wire.scheduleTask) {
    const a = wire.scheduleTask;
    if (!a.name) throw new ValidationError(`Action ${id} (scheduleTask) has no activity name.`);
    return {
      type: 'ScheduleTask',
      id,
      name: a.name,
      input: fromStringValue(a.input),
      taskExecutionId: a.taskExecutionId ?? '',
      attempt: a.attempt || 1,
    };
  }
  if (wire.createChildWorkflow) {
    const a = wire.createChildWorkflow;
    if (!a.name) throw new ValidationError(`Action ${id} (createChildWorkflow) has no workflow name.`);
    return {
      type: 'CreateChildWorkflow',
      id,
      instanceId: a.instanceId ?? '',
      name: a.name,
      input: fromStringValue(a.input),
      parentTraceContext: traceContextFromWire(a.parentTraceContext),
    };
  }
  if (wire.createDetachedWorkflow) {
    const a = wire.createDetachedWorkflow;
    if (!a.name) throw new ValidationError(`Action ${id} (createDetachedWorkflow) has no workflow name.`);
    return {
      type: 'CreateDetachedWorkflow',
      id,
      instanceId: a.instanceId ?? '',
      name: a.name,
      input: fromStringValue(a.input),
    };
  }
  if (wire.createTimer) {
    const a = wire.createTimer;
    const fireAt = fromTimestamp(a.fireAt);
    if (fireAt === undefined) throw new ValidationError(`Action ${id} (createTimer) has no fireAt.`);
    return { type: 'CreateTimer', id, fireAt, origin: timerOriginFromWire(a) };
  }
  if (wire.sendEvent) {
    const a = wire.sendEvent;
    const instanceId = a.instance?.instanceId;
    if (!instanceId) throw new ValidationError(`Action ${id} (sendEvent) has no target instance.`);
    return { type: 'SendEvent', id, instanceId, name: a.name ?? '', data: fromStringValue(a.data) };
  }
  if (wire.completeWorkflow) {
    const a = wire.completeWorkflow;
    const status = statusFromWire(a.workflowStatus);
    if (!status)
      throw new ValidationError(`Action ${id} (completeWorkflow) has unknown status ${a.workflowStatus}.`);
    const carryover = a.carryoverEvents?.map(historyEventFromWire);
    return {
      type: 'CompleteWorkflow',
      id,
      workflowStatus: status,
      result: fromStringValue(a.result),
      failureDetails: failureFromWire(a.failureDetails),
      carryoverEvents: carryover && carryover.length > 0 ? carryover : undefined,
    };
  }
  throw new ValidationError(
    `Action ${id} is of kind '${wire.workflowActionType ?? 'none'}', which Weft does not support.`,
  );
}

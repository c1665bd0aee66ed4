import { ValidationError } from '../../../errors';
import type { FailureDetails } from '../../../errors';
import type { HistoryEvent } from '../../../core';
import type { WireHistoryEvent } from '../protocol/wire-types';
import { failureFromWire, failureToWire } from './failure-converter';
import { statusFromWire, statusToWire } from './status-converter';
import { traceContextFromWire, traceContextToWire } from './trace-context-converter';
import { timerOriginFromWire, timerOriginToWire } from './timer-origin-converter';
import {
  stalledReasonFromWire,
  stalledReasonToWire,
  versionFromWire,
  versionToWire,
} from './version-converter';
import { fromStringValue, fromTimestamp, toStringValue, toTimestamp } from './wire-values';

/**
 * Writes a core history event as a protocol `HistoryEvent`.
 *
 * @param event - the event
 * @param instanceId - the instance the history belongs to (written into ExecutionStarted)
 * @returns the wire message
 */
export function historyEventToWire(event: HistoryEvent, instanceId = ''): WireHistoryEvent {
  const base: WireHistoryEvent = { eventId: event.eventId, timestamp: toTimestamp(event.timestamp) };
  switch (event.type) {
    case 'ExecutionStarted':
      return {
        ...base,
        executionStarted: {
          name: event.name,
          input: toStringValue(event.input),
          workflowInstance: {
            instanceId,
            executionId: toStringValue(event.executionId),
          },
          parentInstance: event.parentInstance && {
            taskScheduledId: event.parentInstance.taskScheduledId,
            name: toStringValue(event.parentInstance.name),
            workflowInstance: { instanceId: event.parentInstance.instanceId },
          },
          scheduledStartTimestamp: toTimestamp(event.scheduledStartTimestamp),
          parentTraceContext: traceContextToWire(event.parentTraceContext),
        },
      };
    case 'ExecutionCompleted':
      return {
        ...base,
        executionCompleted: {
          workflowStatus: statusToWire(event.workflowStatus),
          result: toStringValue(event.result),
          failureDetails: failureToWire(event.failureDetails),
        },
      };
    case 'ExecutionTerminated':
      return {
        ...base,
        executionTerminated: { input: toStringValue(event.input), recurse: event.recurse },
      };
    case 'TaskScheduled':
      return {
        ...base,
        taskScheduled: {
          name: event.name,
          input: toStringValue(event.input),
          taskExecutionId: event.taskExecutionId ?? '',
          attempt: event.attempt ?? 0,
        },
      };
    case 'TaskCompleted':
      return {
        ...base,
        taskCompleted: { taskScheduledId: event.taskScheduledId, result: toStringValue(event.result) },
      };
    case 'TaskFailed':
      return {
        ...base,
        taskFailed: {
          taskScheduledId: event.taskScheduledId,
          failureDetails: failureToWire(event.failureDetails),
        },
      };
    case 'ChildWorkflowInstanceCreated':
      return {
        ...base,
        childWorkflowInstanceCreated: {
          instanceId: event.instanceId,
          name: event.name,
          input: toStringValue(event.input),
        },
      };
    case 'DetachedWorkflowInstanceCreated':
      return { ...base, detachedWorkflowInstanceCreated: { instanceId: event.instanceId } };
    case 'ChildWorkflowInstanceCompleted':
      return {
        ...base,
        childWorkflowInstanceCompleted: {
          taskScheduledId: event.taskScheduledId,
          result: toStringValue(event.result),
        },
      };
    case 'ChildWorkflowInstanceFailed':
      return {
        ...base,
        childWorkflowInstanceFailed: {
          taskScheduledId: event.taskScheduledId,
          failureDetails: failureToWire(event.failureDetails),
        },
      };
    case 'TimerCreated':
      return {
        ...base,
        timerCreated: { fireAt: toTimestamp(event.fireAt), ...timerOriginToWire(event.origin) },
      };
    case 'TimerFired':
      return { ...base, timerFired: { fireAt: toTimestamp(event.fireAt), timerId: event.timerId } };
    case 'WorkflowStarted':
      return { ...base, workflowStarted: event.version ? { version: versionToWire(event.version) } : {} };
    case 'ExecutionStalled':
      return {
        ...base,
        executionStalled: { reason: stalledReasonToWire(event.reason), description: event.description ?? '' },
      };
    case 'WorkflowCompleted':
      return { ...base, workflowCompleted: {} };
    case 'EventSent':
      return {
        ...base,
        eventSent: { instanceId: event.instanceId, name: event.name, input: toStringValue(event.input) },
      };
    case 'EventRaised':
      return { ...base, eventRaised: { name: event.name, input: toStringValue(event.input) } };
    case 'ContinueAsNew':
      return { ...base, continueAsNew: { input: toStringValue(event.input) } };
    case 'ExecutionSuspended':
      return { ...base, executionSuspended: { input: toStringValue(event.input) } };
    case 'ExecutionResumed':
      return { ...base, executionResumed: { input: toStringValue(event.input) } };
  }
}

/**
 * Reads a protocol `HistoryEvent` into a core history event.
 *
 * @param wire - the decoded message
 * @returns the event
 * @throws {@link ValidationError} for an event type Weft does not know or a missing required part
 */
export function historyEventFromWire(wire: WireHistoryEvent): HistoryEvent {
  const eventId = wire.eventId ?? 0;
  const timestamp = fromTimestamp(wire.timestamp) ?? 0;
  const base = { eventId, timestamp };
  const requireFailure = (f: FailureDetails | undefined, where: string): FailureDetails => {
    if (!f) throw new ValidationError(`History event ${eventId} (${where}) has no failureDetails.`);
    return f;
  };
  if (wire.executionStarted) {
    const e = wire.executionStarted;
    const parent = e.parentInstance;
    return {
      ...base,
      type: 'ExecutionStarted',
      name: e.name ?? '',
      input: fromStringValue(e.input),
      parentInstance: parent
        ? {
            instanceId: parent.workflowInstance?.instanceId ?? '',
            name: fromStringValue(parent.name) ?? '',
            taskScheduledId: parent.taskScheduledId ?? 0,
          }
        : undefined,
      scheduledStartTimestamp: fromTimestamp(e.scheduledStartTimestamp),
      executionId: fromStringValue(e.workflowInstance?.executionId),
      parentTraceContext: traceContextFromWire(e.parentTraceContext),
    };
  }
  if (wire.executionCompleted) {
    const e = wire.executionCompleted;
    const status = statusFromWire(e.workflowStatus);
    if (!status)
      throw new ValidationError(`History event ${eventId} has unknown status ${e.workflowStatus}.`);
    return {
      ...base,
      type: 'ExecutionCompleted',
      workflowStatus: status,
      result: fromStringValue(e.result),
      failureDetails: failureFromWire(e.failureDetails),
    };
  }
  if (wire.executionTerminated) {
    const e = wire.executionTerminated;
    return {
      ...base,
      type: 'ExecutionTerminated',
      input: fromStringValue(e.input),
      recurse: e.recurse === true,
    };
  }
  if (wire.taskScheduled) {
    const e = wire.taskScheduled;
    return {
      ...base,
      type: 'TaskScheduled',
      name: e.name ?? '',
      input: fromStringValue(e.input),
      taskExecutionId: e.taskExecutionId || undefined,
      attempt: e.attempt || undefined,
    };
  }
  if (wire.taskCompleted) {
    const e = wire.taskCompleted;
    return {
      ...base,
      type: 'TaskCompleted',
      taskScheduledId: e.taskScheduledId ?? 0,
      result: fromStringValue(e.result),
    };
  }
  if (wire.taskFailed) {
    const e = wire.taskFailed;
    return {
      ...base,
      type: 'TaskFailed',
      taskScheduledId: e.taskScheduledId ?? 0,
      failureDetails: requireFailure(failureFromWire(e.failureDetails), 'taskFailed'),
    };
  }
  if (wire.detachedWorkflowInstanceCreated) {
    const instanceId = wire.detachedWorkflowInstanceCreated.instanceId ?? '';
    return { ...base, type: 'DetachedWorkflowInstanceCreated', instanceId };
  }
  if (wire.childWorkflowInstanceCreated) {
    const e = wire.childWorkflowInstanceCreated;
    return {
      ...base,
      type: 'ChildWorkflowInstanceCreated',
      instanceId: e.instanceId ?? '',
      name: e.name ?? '',
      input: fromStringValue(e.input),
    };
  }
  if (wire.childWorkflowInstanceCompleted) {
    const e = wire.childWorkflowInstanceCompleted;
    return {
      ...base,
      type: 'ChildWorkflowInstanceCompleted',
      taskScheduledId: e.taskScheduledId ?? 0,
      result: fromStringValue(e.result),
    };
  }
  if (wire.childWorkflowInstanceFailed) {
    const e = wire.childWorkflowInstanceFailed;
    return {
      ...base,
      type: 'ChildWorkflowInstanceFailed',
      taskScheduledId: e.taskScheduledId ?? 0,
      failureDetails: requireFailure(failureFromWire(e.failureDetails), 'childWorkflowInstanceFailed'),
    };
  }
  if (wire.timerCreated) {
    const e = wire.timerCreated;
    return {
      ...base,
      type: 'TimerCreated',
      fireAt: fromTimestamp(e.fireAt) ?? 0,
      origin: timerOriginFromWire(e),
    };
  }
  if (wire.timerFired) {
    const e = wire.timerFired;
    return { ...base, type: 'TimerFired', fireAt: fromTimestamp(e.fireAt) ?? 0, timerId: e.timerId ?? 0 };
  }
  if (wire.workflowStarted) {
    const version = versionFromWire(wire.workflowStarted.version);
    return { ...base, type: 'WorkflowStarted', ...(version && { version }) };
  }
  if (wire.executionStalled) {
    const { reason, description } = wire.executionStalled;
    return {
      ...base,
      type: 'ExecutionStalled',
      reason: stalledReasonFromWire(reason),
      ...(description && { description }),
    };
  }
  if (wire.workflowCompleted) return { ...base, type: 'WorkflowCompleted' };
  if (wire.eventSent) {
    const e = wire.eventSent;
    return {
      ...base,
      type: 'EventSent',
      instanceId: e.instanceId ?? '',
      name: e.name ?? '',
      input: fromStringValue(e.input),
    };
  }
  if (wire.eventRaised) {
    return {
      ...base,
      type: 'EventRaised',
      name: wire.eventRaised.name ?? '',
      input: fromStringValue(wire.eventRaised.input),
    };
  }
  if (wire.continueAsNew)
    return { ...base, type: 'ContinueAsNew', input: fromStringValue(wire.continueAsNew.input) };
  if (wire.executionSuspended)
    return { ...base, type: 'ExecutionSuspended', input: fromStringValue(wire.executionSuspended.input) };
  if (wire.executionResumed)
    return { ...base, type: 'ExecutionResumed', input: fromStringValue(wire.executionResumed.input) };
  throw new ValidationError(
    `History event ${eventId} has type '${wire.eventType ?? 'none'}', which Weft does not support.`,
  );
}

import type { FailureDetails } from '../../errors';
import type { ActivityResult } from '../backend';
import type { HistoryEvent, HistoryEventType, ParentInstanceInfo } from '../history-events';
import { newEvent, WorkflowStatus } from '../history-events';
import { sizeLimitFailure } from '../size-limits';
import type { TraceContext } from '../trace-context';
import type { WorkflowAction, WorkflowStall } from '../workflow-actions';
import type { PlannedCompletion, PlanInstance, StepInput, StepPlan } from './plan-types';

/** How long a STALLED instance's held-back events wait before its step is tried again, in ms. */
export const STALL_RETRY_MS = 60_000;

/**
 * The inbox events that let a SUSPENDED instance take a step (as daprd: a suspended orchestration only
 * processes ResumeInstance and TerminateInstance). The one place "suspended" is decided. (Weft records a
 * resume's status and a termination when they are requested, `planControl`; these still wake an
 * instance whose inbox holds them from before.)
 */
export const WAKES_SUSPENDED: readonly HistoryEventType[] = ['ExecutionResumed', 'ExecutionTerminated'];

/**
 * Whether an instance in `status` takes a step for inbox messages of these types. A SUSPENDED instance
 * wakes only for {@link WAKES_SUSPENDED}. A STALLED instance wakes for any due message: the events its
 * stall held back are not due until the stall's `retryAt` (or until a starting worker makes them due), so
 * what wakes it early is new: a termination (which a stalled execution still takes), an event, a timer.
 *
 * @param status - the instance's status
 * @param messageTypes - the `type` of each due inbox message
 */
export function canRunStep(status: WorkflowStatus, messageTypes: readonly string[]): boolean {
  if (messageTypes.length === 0) return false;
  if (status !== WorkflowStatus.SUSPENDED) return true;
  return messageTypes.some((t) => (WAKES_SUSPENDED as readonly string[]).includes(t));
}

/**
 * The events a step consumes: a WorkflowStarted event carrying the step's time, then the inbox events; a
 * TimerFired is stamped with the time it was delivered, not its due time.
 *
 * @param inbox - the due inbox events, oldest first
 * @param now - the step's time, epoch ms
 */
export function stepEvents(inbox: readonly HistoryEvent[], now: number): HistoryEvent[] {
  return [
    newEvent('WorkflowStarted', now, {}),
    ...inbox.map((e) => (e.type === 'TimerFired' ? { ...e, timestamp: now } : e)),
  ];
}

/**
 * The history event that reports an activity's outcome to its workflow (TaskCompleted or TaskFailed).
 *
 * @param taskScheduledId - the TaskScheduled event's `eventId`
 * @param outcome - the activity's result or failure
 * @param now - epoch ms
 */
export function activityOutcomeEvent(
  taskScheduledId: number,
  outcome: ActivityResult,
  now: number,
): HistoryEvent {
  return outcome.failureDetails
    ? newEvent('TaskFailed', now, { taskScheduledId, failureDetails: outcome.failureDetails })
    : newEvent('TaskCompleted', now, { taskScheduledId, result: outcome.result });
}

/**
 * The ExecutionStarted event that opens the execution after a continue-as-new.
 *
 * @param name - the workflow name
 * @param input - the new input (JSON text)
 * @param parent - the instance's parent, when it is a child still attached to one
 * @param now - epoch ms
 * @param parentTraceContext - the trace the ended execution continued (its ExecutionStarted's), so the new
 *   execution stays in the same trace after a restart too (a process that never ran the old one reads it here)
 */
export function continuedExecutionStarted(
  name: string,
  input: string | undefined,
  parent: ParentInstanceInfo | undefined,
  now: number,
  parentTraceContext?: TraceContext,
): HistoryEvent & { type: 'ExecutionStarted' } {
  return newEvent('ExecutionStarted', now, {
    name,
    input,
    parentInstance: parent,
    ...(parentTraceContext ? { parentTraceContext } : {}),
  });
}

/**
 * The instance id of a child started without one, by the protocol's rule: `<parent id>:<task id as 4 hex
 * digits>` (as the durabletask SDKs and daprd).
 *
 * @param parentInstanceId - the parent
 * @param taskId - the ChildWorkflowInstanceCreated `eventId`
 */
export function defaultChildInstanceId(parentInstanceId: string, taskId: number): string {
  return `${parentInstanceId}:${taskId.toString(16).padStart(4, '0')}`;
}

/**
 * Plans one workflow step: from the instance, the events the step consumed and the actions the code asked
 * for, what the engine must persist. Pure: no storage, no clock (the step's time is `now`). Both engines'
 * servers (the embedded SQLite engine and the sidecar server on it) persist exactly this.
 *
 * @param input - the instance, consumed events, actions, custom status and time
 * @returns the plan; history is the consumed events followed by one event per action
 */
export function planStep(input: StepInput): StepPlan {
  const plan = planActions(input);
  const limit = input.maxHistoryBytes;
  // A step that ends the execution may pass the limit: the history stops growing there. A stalled step
  // (completion kind 'stall') is never failed for size either: it consumes nothing and runs no actions, and
  // the retry after the stall (on a worker that knows the version) is the step the limit is checked on.
  if (limit === undefined || plan.completion) return plan;
  let bytes = input.instance.historyBytes ?? 0;
  for (const event of plan.history) bytes += Buffer.byteLength(JSON.stringify(event), 'utf8');
  if (bytes <= limit) return plan;
  // Over the limit: the step's actions are dropped and the instance fails, naming the size (as Temporal
  // fails a workflow whose history passes its size limit), instead of growing a history no worker can load.
  const failureDetails = sizeLimitFailure(
    `The history of '${input.instance.instanceId}' after this step (${plan.history.length} new events)`,
    bytes,
    limit,
    'maxHistoryBytes; continue-as-new keeps a long-lived history small',
  );
  return planActions({
    ...input,
    actions: [{ type: 'CompleteWorkflow', id: -1, workflowStatus: WorkflowStatus.FAILED, failureDetails }],
  });
}

/** The plan of a step's actions, without the history size check. */
function planActions(input: StepInput): StepPlan {
  const { instance, newEvents, actions, now } = input;
  if (input.stalled) return planStall(instance, input.stalled, now);
  const version = input.version;
  const history = [...newEvents];
  if (version && history[0]?.type === 'WorkflowStarted') history[0] = { ...history[0], version };
  const plan: StepPlan = {
    history,
    activities: [],
    timers: [],
    messages: [],
    childStarts: [],
    detachedStarts: [],
    nextStatus: statusAfterEvents(instance.status, newEvents),
    customStatus: input.customStatus,
    ...(version?.name !== undefined && { version: version.name }),
  };
  for (const action of actions) planAction(plan, instance, action, now);
  const completing = actions.find(
    (a): a is Extract<WorkflowAction, { type: 'CompleteWorkflow' }> => a.type === 'CompleteWorkflow',
  );
  if (completing) {
    plan.completion = planCompletion(instance, newEvents, completing, now);
    plan.nextStatus =
      plan.completion.kind === 'continueAsNew' ? WorkflowStatus.RUNNING : completing.workflowStatus;
  } else if (input.waitingForEvents && input.waitingForEvents.length > 0) {
    plan.waitingForEvents = input.waitingForEvents;
  }
  return plan;
}

/**
 * A step the code could not run (as durabletask-go's WorkflowVersionNotAvailable / ExecutionStalled):
 * nothing is consumed and the custom status stays; the first stall of a run records an ExecutionStalled
 * event; the held-back events are due again after {@link STALL_RETRY_MS}.
 */
function planStall(instance: PlanInstance, stall: WorkflowStall, now: number): StepPlan {
  return {
    history:
      instance.status === WorkflowStatus.STALLED
        ? []
        : [newEvent('ExecutionStalled', now, { reason: stall.reason, description: stall.description })],
    activities: [],
    timers: [],
    messages: [],
    childStarts: [],
    detachedStarts: [],
    completion: {
      kind: 'stall',
      reason: stall.reason,
      description: stall.description,
      retryAt: now + STALL_RETRY_MS,
    },
    nextStatus: WorkflowStatus.STALLED,
  };
}

/**
 * PENDING becomes RUNNING once started, and STALLED once a step runs. Suspend and resume requests set the
 * status when they are made (`planControl`), so the ExecutionSuspended/ExecutionResumed events a step
 * consumes leave it as it is: a step that was in flight when a suspend committed keeps the instance SUSPENDED.
 */
function statusAfterEvents(status: WorkflowStatus, events: readonly HistoryEvent[]): WorkflowStatus {
  return (status === WorkflowStatus.PENDING && events.some((e) => e.type === 'ExecutionStarted')) ||
    status === WorkflowStatus.STALLED
    ? WorkflowStatus.RUNNING
    : status;
}

function planAction(plan: StepPlan, instance: PlanInstance, action: WorkflowAction, now: number): void {
  switch (action.type) {
    case 'ScheduleTask':
      plan.history.push(
        newEvent('TaskScheduled', now, {
          eventId: action.id,
          name: action.name,
          input: action.input,
          taskExecutionId: action.taskExecutionId,
          attempt: action.attempt,
        }),
      );
      plan.activities.push({
        taskId: action.id,
        name: action.name,
        input: action.input,
        attempt: action.attempt,
        taskExecutionId: action.taskExecutionId,
      });
      return;
    case 'CreateTimer':
      plan.history.push(
        newEvent('TimerCreated', now, { eventId: action.id, fireAt: action.fireAt, origin: action.origin }),
      );
      plan.timers.push({
        fireAt: action.fireAt,
        event: newEvent('TimerFired', action.fireAt, { fireAt: action.fireAt, timerId: action.id }),
      });
      return;
    case 'CreateChildWorkflow': {
      const childId = action.instanceId || defaultChildInstanceId(instance.instanceId, action.id);
      plan.history.push(
        newEvent('ChildWorkflowInstanceCreated', now, {
          eventId: action.id,
          instanceId: childId,
          name: action.name,
          input: action.input,
        }),
      );
      plan.childStarts.push({
        instanceId: childId,
        name: action.name,
        input: action.input,
        parentTaskId: action.id,
        started: newEvent('ExecutionStarted', now, {
          name: action.name,
          input: action.input,
          parentInstance: {
            instanceId: instance.instanceId,
            name: instance.name,
            taskScheduledId: action.id,
          },
          parentTraceContext: action.parentTraceContext,
        }),
        refused: newEvent('ChildWorkflowInstanceFailed', now, {
          taskScheduledId: action.id,
          failureDetails: {
            errorType: 'WorkflowAlreadyExistsError',
            message: `Cannot start child workflow '${action.name}': instance id '${childId}' is in use.`,
          },
        }),
      });
      return;
    }
    case 'CreateDetachedWorkflow':
      plan.history.push(
        newEvent('DetachedWorkflowInstanceCreated', now, {
          eventId: action.id,
          instanceId: action.instanceId,
          name: action.name,
          input: action.input,
        }),
      );
      plan.detachedStarts.push({ instanceId: action.instanceId, name: action.name, input: action.input });
      return;
    case 'SendEvent':
      plan.history.push(
        newEvent('EventSent', now, {
          eventId: action.id,
          instanceId: action.instanceId,
          name: action.name,
          input: action.data,
        }),
      );
      plan.messages.push({
        instanceId: action.instanceId,
        event: newEvent('EventRaised', now, { name: action.name, input: action.data }),
      });
      return;
    case 'CompleteWorkflow':
      plan.history.push(
        newEvent('ExecutionCompleted', now, {
          eventId: action.id,
          workflowStatus: action.workflowStatus,
          result: action.result,
          failureDetails: action.failureDetails,
        }),
      );
      return;
  }
}

function planCompletion(
  instance: PlanInstance,
  newEvents: readonly HistoryEvent[],
  action: Extract<WorkflowAction, { type: 'CompleteWorkflow' }>,
  now: number,
): PlannedCompletion {
  if (action.workflowStatus === WorkflowStatus.CONTINUED_AS_NEW) {
    return {
      kind: 'continueAsNew',
      input: action.result,
      carryover: (action.carryoverEvents ?? []).map((e) => ({ ...e, timestamp: now })),
    };
  }
  const completion: PlannedCompletion = {
    kind: 'finish',
    status: action.workflowStatus,
    output: action.result,
    failureDetails: action.failureDetails,
  };
  if (action.workflowStatus === WorkflowStatus.TERMINATED) {
    const terminated = newEvents.find((e) => e.type === 'ExecutionTerminated');
    if (!terminated || terminated.recurse) {
      completion.terminateChildren = newEvent('ExecutionTerminated', now, {
        input: action.result,
        recurse: true,
      });
    }
  }
  if (instance.parent) {
    const taskScheduledId = instance.parent.taskScheduledId;
    completion.parentNotice = {
      instanceId: instance.parent.instanceId,
      event:
        action.workflowStatus === WorkflowStatus.COMPLETED
          ? newEvent('ChildWorkflowInstanceCompleted', now, { taskScheduledId, result: action.result })
          : newEvent('ChildWorkflowInstanceFailed', now, {
              taskScheduledId,
              failureDetails:
                action.failureDetails ?? endedFailure(instance.instanceId, action.workflowStatus),
            }),
    };
  }
  return completion;
}

function endedFailure(instanceId: string, status: WorkflowStatus): FailureDetails {
  return {
    errorType: 'WorkflowTerminated',
    message: `Child workflow instance '${instanceId}' ended as ${status}.`,
  };
}

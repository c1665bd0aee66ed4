import type { FailureDetails } from '../../errors';
import type { HistoryEvent, StalledReason, WorkflowStatus, WorkflowVersion } from '../history-events';
import type { WorkflowAction, WorkflowStall } from '../workflow-actions';

/** The instance a step runs on, as the engine knows it before the step. */
export interface PlanInstance {
  /** The instance. */
  instanceId: string;
  /** Its registered workflow name. */
  name: string;
  /** Its status before the step. */
  status: WorkflowStatus;
  /** Set for a child workflow: where its outcome is reported (as the protocol's ParentInstanceInfo). */
  parent?: { instanceId: string; taskScheduledId: number };
  /** Size of the history before the step, bytes of event JSON (UTF-8); needed with `maxHistoryBytes`. */
  historyBytes?: number;
}

/** What {@link planStep} is given: the step's inputs, as durabletask's orchestrator executor receives them. */
export interface StepInput {
  /** The instance before the step. */
  instance: PlanInstance;
  /** The events the step consumed: a WorkflowStarted event, then the inbox events, oldest first. */
  newEvents: HistoryEvent[];
  /** The actions the workflow code asked for in this step, in order. */
  actions: WorkflowAction[];
  /** Custom status after the step (JSON text), absent when never set. */
  customStatus?: string;
  /** The version and patches the step ran with (recorded on its WorkflowStarted event). */
  version?: WorkflowVersion;
  /** Set when the code could not run the step (the actions are then ignored): the instance stalls. */
  stalled?: WorkflowStall;
  /** Names of the external events the code still waits for after the step (see `WorkflowStepResult`). */
  waitingForEvents?: string[];
  /** The step's time, epoch ms: the timestamp of every event the plan adds. */
  now: number;
  /**
   * Largest history an instance may grow to, bytes of event JSON. A step that would grow it past this
   * (without finishing or continuing as new) fails the instance instead, with a `SizeLimitExceededError`
   * naming the size. Absent: no limit.
   */
  maxHistoryBytes?: number;
}

/** An activity the step schedules (from a ScheduleTask action). */
export interface PlannedActivity {
  /** The TaskScheduled event's `eventId`. */
  taskId: number;
  name: string;
  /** Input as JSON text. */
  input?: string;
  /** 1-based attempt. */
  attempt: number;
  taskExecutionId?: string;
}

/** A durable timer: a TimerFired message for the instance itself that becomes visible at `fireAt`. */
export interface PlannedTimer {
  /** Epoch ms. */
  fireAt: number;
  /** The TimerFired event to deliver then (its timestamp is re-stamped to the time it is delivered). */
  event: HistoryEvent & { type: 'TimerFired' };
}

/** A message for another instance (SendEvent's EventRaised, a terminate for a child, a child's outcome). */
export interface PlannedMessage {
  /** The instance that receives it; delivered only when that instance exists and has not finished. */
  instanceId: string;
  event: HistoryEvent;
}

/** A child workflow the step starts (from a CreateChildWorkflow action). */
export interface PlannedChildStart {
  /** The child's instance id. */
  instanceId: string;
  name: string;
  /** Input as JSON text. */
  input?: string;
  /** The parent's ChildWorkflowInstanceCreated `eventId`. */
  parentTaskId: number;
  /** The child's first message. */
  started: HistoryEvent & { type: 'ExecutionStarted' };
  /** What the parent receives instead when the child's id is held by an instance that has not finished. */
  refused: HistoryEvent & { type: 'ChildWorkflowInstanceFailed' };
}

/**
 * A workflow the step starts with no parent link (from a CreateDetachedWorkflow action, as Dapr's
 * ScheduleNewWorkflow from a workflow). The caller never hears back: when a live instance holds the id,
 * nothing starts.
 */
export interface PlannedDetachedStart {
  /** The new instance's id. */
  instanceId: string;
  name: string;
  /** Input as JSON text. */
  input?: string;
}

/**
 * How the step ends the instance's execution, if it does.
 * - `finish`: the instance reaches a terminal status (completed, failed, terminated).
 * - `continueAsNew`: the history is cleared and a new execution starts with `input` and `carryover`.
 * - `stall`: the code could not run the step (as durabletask-go's ExecutionStalled): nothing of the step is
 *   consumed; the instance is STALLED with `reason`, and its new events wait until `retryAt` (or until a
 *   worker that may have the code starts).
 */
export type PlannedCompletion =
  | {
      kind: 'finish';
      status: WorkflowStatus;
      /** Output as JSON text. */
      output?: string;
      failureDetails?: FailureDetails;
      /**
       * Running children get an ExecutionTerminated (recursive) — set for a recursive termination (the
       * default of daprd's TerminateInstance).
       */
      terminateChildren?: HistoryEvent & { type: 'ExecutionTerminated' };
      /** The ChildWorkflowInstanceCompleted/Failed event for the parent, when there is one. */
      parentNotice?: PlannedMessage;
    }
  | {
      kind: 'continueAsNew';
      /** The new execution's input (JSON text). */
      input?: string;
      /** Events handed to the new execution (unconsumed external events), re-stamped to `now`. */
      carryover: HistoryEvent[];
    }
  | {
      kind: 'stall';
      reason: StalledReason;
      /** What is missing or differs, for people. */
      description: string;
      /** When the held-back events become due again, epoch ms. */
      retryAt: number;
    };

/**
 * A step's meaning, decided in the core and only persisted by a backend: what to append to history,
 * what work to create, and the instance's next status.
 */
export interface StepPlan {
  /** Events to append to the history, in order: the consumed events, then one per action. */
  history: HistoryEvent[];
  activities: PlannedActivity[];
  timers: PlannedTimer[];
  /** Messages for other instances (SendEvent). */
  messages: PlannedMessage[];
  childStarts: PlannedChildStart[];
  /** Workflows started without a parent link. */
  detachedStarts: PlannedDetachedStart[];
  /** Set when the step ends the execution, or stalls. */
  completion?: PlannedCompletion;
  /**
   * The instance's status after the step: the completion's status when it finishes, RUNNING after
   * continue-as-new, STALLED for a stall, otherwise the status the consumed events lead to (started,
   * suspended, resumed; a step that ran ends a stall).
   */
  nextStatus: WorkflowStatus;
  /** The versioned workflow's version the step ran with, to record on the instance. */
  version?: string;
  /** Custom status after the step (JSON text). */
  customStatus?: string;
  /**
   * Names of the external events the instance waits for after the step, to record on the instance; absent
   * when none, when the worker did not say (a remote worker), and when the step finishes or stalls.
   */
  waitingForEvents?: string[];
}

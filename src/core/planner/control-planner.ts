import type { HistoryEvent } from '../history-events';
import { isTerminalStatus, newEvent, WorkflowStatus } from '../history-events';
import type { PlanInstance, StepPlan } from './plan-types';
import { planStep, stepEvents } from './step-planner';

/** A suspend, resume or terminate request, as daprd's SuspendInstance, ResumeInstance, TerminateInstance. */
export type ControlRequest =
  | { kind: 'suspend'; reason?: string }
  | { kind: 'resume'; reason?: string }
  | {
      kind: 'terminate';
      /** Output as JSON text. */
      output?: string;
      /** Whether running children (and theirs) are terminated too (daprd's default). */
      recursive: boolean;
    };

/** What {@link planControl} is given. */
export interface ControlInput {
  /** The instance as stored now (whatever step may be in flight on a worker). */
  instance: PlanInstance;
  /** The request. */
  request: ControlRequest;
  /**
   * For a terminate: the inbox events the termination consumes into history (the due ones and the
   * instance's ExecutionStarted when it never started), oldest first. Ignored otherwise.
   */
  inbox: readonly HistoryEvent[];
  /** Epoch ms. */
  now: number;
}

/**
 * How a control request is recorded, without running workflow code.
 * - `none`: the state already shows it (suspend of a SUSPENDED instance, resume of one that is not).
 * - `status`: the status changes now; `message` goes to the inbox and reaches history with the instance's
 *   next step (as daprd's event), where the replay holds or releases events accordingly.
 * - `finish`: the instance ends now (terminate): `plan` is a step with no code run, whose history is the
 *   consumed inbox, the ExecutionTerminated and the ExecutionCompleted (TERMINATED) events.
 */
export type ControlPlan =
  | { kind: 'none' }
  | { kind: 'status'; nextStatus: WorkflowStatus; message: HistoryEvent }
  | { kind: 'finish'; plan: StepPlan };

/**
 * Plans a suspend, resume or terminate so that it takes effect when it is committed, even while no worker
 * runs and while a step is in flight: the status of a suspend/resume is recorded at once (a step that
 * commits later keeps it: see {@link planStep}), a terminate finishes the instance at once (a step in
 * flight finds the history moved on and is discarded). Where daprd queues the event and its RPC waits for
 * the next step, Weft records the effect in the request's own commit. Pure.
 *
 * @param input - the instance, the request, the inbox a terminate consumes, the time
 * @throws never: a terminal instance must be refused by the caller (`WorkflowNotRunningError`)
 */
export function planControl(input: ControlInput): ControlPlan {
  const { instance, request, now } = input;
  if (isTerminalStatus(instance.status)) return { kind: 'none' };
  switch (request.kind) {
    case 'suspend':
      if (instance.status === WorkflowStatus.SUSPENDED) return { kind: 'none' };
      return {
        kind: 'status',
        nextStatus: WorkflowStatus.SUSPENDED,
        message: newEvent('ExecutionSuspended', now, { input: request.reason }),
      };
    case 'resume':
      if (instance.status !== WorkflowStatus.SUSPENDED) return { kind: 'none' };
      return {
        kind: 'status',
        // RUNNING even when it was suspended before it started: in daprd such an instance takes its start
        // and the suspend in one step, so it is never PENDING again.
        nextStatus: WorkflowStatus.RUNNING,
        message: newEvent('ExecutionResumed', now, { input: request.reason }),
      };
    case 'terminate': {
      const terminated = newEvent('ExecutionTerminated', now, {
        input: request.output,
        recurse: request.recursive,
      });
      const plan = planStep({
        instance,
        newEvents: stepEvents([...input.inbox, terminated], now),
        actions: [
          {
            type: 'CompleteWorkflow',
            id: -1,
            workflowStatus: WorkflowStatus.TERMINATED,
            result: request.output,
          },
        ],
        now,
      });
      return { kind: 'finish', plan };
    }
  }
}

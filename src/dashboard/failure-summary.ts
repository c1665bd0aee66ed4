import { join, resolve } from 'node:path';
import { TaskFailedError } from '../errors';
import type { FailureDetails } from '../errors';
import type { WorkflowHistoryEvent, WorkflowState } from '../client';

/** A stack trace split for reading: the user's frames first, Weft's and Node's folded away. */
export interface FoldedStack {
  /** The first line(s) before the frames (the error's `Type: message`). */
  head: string;
  /** Frames in the user's code, in stack order. */
  userFrames: string[];
  /** Frames in Weft, its dependencies or Node itself. */
  internalFrames: string[];
}

/** One link of a cause chain: where it failed and with what. */
export interface FailureCause {
  /** `workflow` (the instance itself), `activity` or `child`. */
  kind: 'workflow' | 'activity' | 'child';
  /** The workflow, activity or child workflow name. */
  name: string;
  /** The instance the failure belongs to. */
  instanceId: string;
  errorType: string;
  message: string;
  stack?: FoldedStack;
  /** Attempts made (activities and children). */
  attempts?: number;
  /** The scheduling event's id, to rerun from (activities and children). */
  eventId?: number;
}

/** The failure of an instance, innermost cause last. */
export interface FailureSummary {
  /** The outermost failure first, then the failing step, then (for a child) the child's own chain. */
  chain: FailureCause[];
}

/** Where Weft's own code lives (`src/` or `dist/src/`), to tell its frames from the user's. */
const WEFT_ROOT = resolve(__dirname, '..');
const WEFT_DIRS = [
  'core',
  'runtime',
  'backends',
  'client',
  'authoring',
  'errors',
  'http',
  'dashboard',
  'testing',
  'cli',
].map((d) => join(WEFT_ROOT, d));

/**
 * Splits a stack trace into the user's frames and the rest (Weft's own source, `node_modules`, Node's
 * `node:internal` frames), keeping their order within each group.
 *
 * @param stack - an `Error.stack` text
 * @param weftDirs - folders whose frames count as Weft's (default: this package's source folders)
 */
export function foldStack(stack: string, weftDirs: readonly string[] = WEFT_DIRS): FoldedStack {
  const lines = stack.split('\n');
  const firstFrame = lines.findIndex((l) => /^\s+at /.test(l));
  const head = (firstFrame < 0 ? lines : lines.slice(0, firstFrame)).join('\n');
  const frames = firstFrame < 0 ? [] : lines.slice(firstFrame).filter((l) => l.trim() !== '');
  const internal = (f: string): boolean =>
    f.includes('node:internal') ||
    f.includes('node_modules') ||
    f.includes('(node:') ||
    weftDirs.some((d) => f.includes(d));
  return {
    head,
    userFrames: frames.filter((f) => !internal(f)).map((f) => f.trim()),
    internalFrames: frames.filter(internal).map((f) => f.trim()),
  };
}

function cause(
  kind: FailureCause['kind'],
  name: string,
  instanceId: string,
  details: FailureDetails,
): FailureCause {
  const c: FailureCause = { kind, name, instanceId, errorType: details.errorType, message: details.message };
  if (details.stackTrace) c.stack = foldStack(details.stackTrace);
  return c;
}

/**
 * Builds the cause chain of a failed instance from its history: the instance's failure, the activity or
 * child whose failure ended it (its own message and stack, and how many attempts it had), and, for a
 * failed child, the child's chain in turn.
 *
 * @param state - the instance
 * @param history - its history
 * @param childHistory - reads a child's state and history (undefined when gone); depth is capped at 5
 * @returns undefined unless the instance failed
 */
export async function failureSummary(
  state: WorkflowState,
  history: readonly WorkflowHistoryEvent[],
  childHistory: (
    instanceId: string,
  ) => Promise<{ state: WorkflowState; history: WorkflowHistoryEvent[] } | undefined>,
  depth = 0,
): Promise<FailureSummary | undefined> {
  if (!state.failureDetails) return undefined;
  const chain: FailureCause[] = [cause('workflow', state.name, state.instanceId, state.failureDetails)];
  // Only a TaskFailedError (the wrapper of an activity's or child's failure) ended the instance because of a
  // step; a workflow that caught a step's failure and threw its own error failed for its own reason.
  const step = state.failureDetails.errorType === TaskFailedError.name ? failingStep(history) : undefined;
  if (step) {
    const kind = step.scheduled.type === 'TaskScheduled' ? 'activity' : 'child';
    const name = String(step.scheduled.name ?? '');
    const link = cause(kind, name, state.instanceId, step.details);
    link.eventId = step.scheduled.eventId;
    link.attempts = attemptsOf(history, step.scheduled);
    chain.push(link);
    const childId = step.scheduled.instanceId;
    if (kind === 'child' && typeof childId === 'string' && depth < 5) {
      const child = await childHistory(childId);
      const inner = child && (await failureSummary(child.state, child.history, childHistory, depth + 1));
      if (inner) chain.push(...inner.chain.slice(1));
    }
  }
  return { chain };
}

/** The attempt number the event records, or else how many times the same call was scheduled. */
function attemptsOf(history: readonly WorkflowHistoryEvent[], scheduled: WorkflowHistoryEvent): number {
  if (typeof scheduled.attempt === 'number') return scheduled.attempt;
  const key = scheduled.taskExecutionId;
  return history.filter(
    (e) =>
      e.type === scheduled.type &&
      e.name === scheduled.name &&
      (key === undefined || e.taskExecutionId === key),
  ).length;
}

/** The last activity or child failure in the history and the event that scheduled it. */
function failingStep(
  history: readonly WorkflowHistoryEvent[],
): { scheduled: WorkflowHistoryEvent; details: FailureDetails } | undefined {
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const e = history[i];
    if (e.type !== 'TaskFailed' && e.type !== 'ChildWorkflowInstanceFailed') continue;
    const scheduled = history.find(
      (s) =>
        s.eventId === e.taskScheduledId &&
        (s.type === 'TaskScheduled' || s.type === 'ChildWorkflowInstanceCreated'),
    );
    if (scheduled) return { scheduled, details: e.failureDetails as FailureDetails };
  }
  return undefined;
}

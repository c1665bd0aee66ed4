import { attemptInHistory } from '../../../core';
import type { Logger, WorkflowAction } from '../../../core';
import { historyEventFromWire } from '../convert/history-event-converter';
import type { WireActivityRequest } from '../protocol/wire-types';
import type { SidecarConnection } from './sidecar-connection';

/** Most schedulings remembered; older ones are forgotten first (then read from the history). */
const DEFAULT_CAPACITY = 10_000;
/** How long reading a history may take before the attempt counts as 1, ms. */
const HISTORY_TIMEOUT_MS = 10_000;

/**
 * Where the worker finds an activity's attempt number (`ActivityContext.attempt`) when the sidecar does not
 * send Weft's `ActivityRequest.attempt` extension (durabletask-go, and so daprd, never do). The attempt is a
 * fact of the workflow's history: how many times the call (its `taskExecutionId`) was scheduled up to this
 * TaskScheduled. This worker usually ran the step that scheduled it, and notes the attempt it computed by
 * replay; otherwise (a restart in between, another replica ran the step) it reads the instance's history
 * from the sidecar (`GetInstanceHistory`) and counts.
 */
export class AttemptLedger {
  /** `instanceId \n taskId \n taskExecutionId` → attempt, in the order noted. */
  private readonly noted = new Map<string, number>();
  private historyFailed = false;

  /**
   * @param connection - the channel to the sidecar, for the history
   * @param logger - notes once that the history could not be read
   * @param capacity - most schedulings remembered
   */
  constructor(
    private readonly connection: SidecarConnection,
    private readonly logger: Logger,
    private readonly capacity = DEFAULT_CAPACITY,
  ) {}

  /**
   * Notes the attempts of the activities a step of this worker scheduled.
   *
   * @param instanceId - the instance of the step
   * @param actions - the step's actions
   */
  noteStep(instanceId: string, actions: readonly WorkflowAction[]): void {
    for (const a of actions) {
      if (a.type !== 'ScheduleTask' || !a.taskExecutionId) continue;
      this.noted.set(key(instanceId, a.id, a.taskExecutionId), a.attempt);
      if (this.noted.size > this.capacity) this.noted.delete(this.noted.keys().next().value as string);
    }
  }

  /**
   * The attempt of an activity request: the sidecar's extension field when it sent one, else the one noted
   * when this worker scheduled it, else counted in the instance's history; 1 for a call without an id or
   * when the history cannot be read (logged once).
   *
   * @param request - the work item
   * @returns the 1-based attempt
   */
  async attemptOf(request: WireActivityRequest): Promise<number> {
    if (request.attempt) return request.attempt;
    const instanceId = request.workflowInstance?.instanceId ?? '';
    const taskId = request.taskId ?? 0;
    const taskExecutionId = request.taskExecutionId ?? '';
    if (!taskExecutionId) return 1;
    const k = key(instanceId, taskId, taskExecutionId);
    const noted = this.noted.get(k);
    if (noted !== undefined) {
      this.noted.delete(k);
      return noted;
    }
    try {
      const { events = [] } = await this.connection.call(
        'GetInstanceHistory',
        { instanceId },
        { timeoutMs: HISTORY_TIMEOUT_MS },
      );
      return attemptInHistory(events.map(historyEventFromWire), taskExecutionId, taskId);
    } catch (err) {
      if (!this.historyFailed) {
        this.historyFailed = true;
        this.logger.warn(
          { instanceId, taskId, err },
          `Weft worker: could not read the history of '${instanceId}' to number the attempt of an activity (${err instanceof Error ? err.message : String(err)}); such attempts count as 1.`,
        );
      }
      return 1;
    }
  }
}

function key(instanceId: string, taskId: number, taskExecutionId: string): string {
  return `${instanceId}\n${taskId}\n${taskExecutionId}`;
}

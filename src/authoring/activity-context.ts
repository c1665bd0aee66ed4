import type { Logger } from '../core';

/** What an activity sees of the call that started it. */
export interface ActivityContext {
  /** The workflow instance that called the activity. */
  readonly instanceId: string;
  /** The sequence number of the call in the workflow's history. */
  readonly taskId: number;
  /** The activity's registered name. */
  readonly name: string;
  /** 1-based attempt number; above 1 on retries. */
  readonly attempt: number;
  /**
   * The runtime's logger bound to this attempt: each record carries `instanceId`, `activity`, `attempt` and
   * `taskId` (a pino child logger's behaviour, on any {@link Logger}).
   */
  readonly logger: Logger;
}

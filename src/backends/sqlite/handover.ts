import type { ActivityWorkItem, HistoryEvent, WorkflowStatus } from '../../core';

/** A workflow step claimed from the database: the inbox messages it consumes and the events they carry. */
export interface WorkflowClaim {
  instanceId: string;
  /** Inbox rows this step consumes; deleted when it commits. */
  messageIds: number[];
  /** A WorkflowStarted event followed by the inbox events. */
  newEvents: HistoryEvent[];
  /** History length before this step. */
  pastEventCount: number;
  /** The instance's status when the step was claimed (a suspend meanwhile discards the step). */
  claimedStatus: WorkflowStatus;
}

/** An activity claimed from the database. */
export interface ActivityClaim {
  /** The activities row. */
  id: number;
  item: ActivityWorkItem;
}

/** How much work a batch may lease to the in-process worker, read from it once before the batch. */
export interface WorkRoom {
  /** The lease owner id the worker's work is leased to. */
  ownerId: string;
  /** Workflow steps it can still queue. */
  workflows: number;
  /** Activities it can still queue. */
  activities: number;
}

/** What a committed batch hands the in-process worker: work already leased to it, and timers to wake for. */
export interface Handover {
  workflows: WorkflowClaim[];
  activities: ActivityClaim[];
  /** Due times (epoch ms, engine clock) of timers and delayed messages written. */
  timers: number[];
  /** True when there was more runnable work than room: the worker should look in the database. */
  overflowed: boolean;
}

/**
 * The in-process worker as the commit queue sees it. The engine's data code never calls it: the commit
 * queue reads its room before a batch and drains what the batch handed over after the commit.
 */
export interface WorkSink {
  /** Room for new work now; undefined when it takes none (stopping). */
  room(): WorkRoom | undefined;
  /** Takes what a committed batch handed over. */
  take(handover: Handover): void;
}

/** An empty handover. */
export function emptyHandover(): Handover {
  return { workflows: [], activities: [], timers: [], overflowed: false };
}

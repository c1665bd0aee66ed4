import type { ServerWritableStream } from '@grpc/grpc-js';
import type { ActivityResult, HistoryEvent, WorkflowStepResult } from '../../../core';
import type { WireGetWorkItemsRequest, WireWorkItem } from '../protocol/wire-types';

/** A worker connected through `GetWorkItems`. */
export interface ConnectedWorker {
  id: number;
  /** Items are written pre-encoded (see `withPreEncodedWorkItems`). */
  call: ServerWritableStream<WireGetWorkItemsRequest, WireWorkItem | Buffer>;
  /** The connection's peer address (`ip:port`): the worker's other streams come on the same one. */
  peer: string;
  /** The items sent to it and not completed yet. */
  pending: Set<PendingItem>;
  /**
   * For a worker that advertised the stateful-history capability: per instance, how many committed
   * history events it was sent (the prefix it holds), as durabletask-go's `streamState.warm`.
   */
  warm?: Map<string, number>;
}

/** A work item sent to a worker and not yet completed. */
export type PendingItem =
  | {
      kind: 'workflow';
      token: string;
      instanceId: string;
      /** The history sent with the step: where the attempts of its activity calls are read from. */
      history: HistoryEvent[];
      worker: ConnectedWorker;
      resolve: (step: WorkflowStepResult) => void;
      reject: (err: Error) => void;
    }
  | {
      kind: 'activity';
      token: string;
      instanceId: string;
      taskId: number;
      /** When it was sent, epoch ms (a step the worker ran on its outcome is not stamped before it). */
      sentAt: number;
      worker: ConnectedWorker;
      resolve: (result: ActivityResult) => void;
      reject: (err: Error) => void;
    };

/** Completing a work item that is not waiting for completion. */
export class UnknownWorkItemError extends Error {
  /** @param message - which item */
  constructor(message: string) {
    super(message);
    this.name = 'UnknownWorkItemError';
  }
}

/** Most completion tokens remembered as taken from `CompleteTasks` streams (the oldest is forgotten first). */
const MAX_TAKEN_ON_STREAM = 4096;

/**
 * The work items sent to workers and not completed yet, found by completion token, or for SDKs that send
 * none (the official ones), by kind, instance id and task id: one step per instance and one attempt per task
 * at a time, unless a lease ran out, the oldest first. Each item is also listed on its worker, so a closed
 * stream's items can be handed back.
 *
 * Also the tokens of the completions taken last from `CompleteTasks` streams: their answers may be held back
 * (`deferAnswer`) and lost when the stream breaks, and the worker then sends them again as calls.
 */
export class PendingWork {
  private readonly byToken = new Map<string, PendingItem>();
  private readonly byKey = new Map<string, PendingItem[]>();
  private readonly takenOnStream = new Set<string>();

  /**
   * Remembers that the completion with this token was taken from a `CompleteTasks` stream.
   *
   * @param token - its completion token (none: nothing is remembered)
   */
  noteTakenOnStream(token: string | undefined): void {
    if (!token) return;
    this.takenOnStream.add(token);
    if (this.takenOnStream.size > MAX_TAKEN_ON_STREAM) {
      this.takenOnStream.delete(this.takenOnStream.values().next().value as string);
    }
  }

  /**
   * Whether the completion with this token was taken from a `CompleteTasks` stream lately: the same
   * completion sent again (its answer was lost with the stream) is already applied.
   *
   * @param token - the completion token
   */
  wasTakenOnStream(token: string | undefined): boolean {
    return token !== undefined && this.takenOnStream.has(token);
  }

  /**
   * The item a completion names.
   *
   * @param kind - workflow step or activity
   * @param token - the completion token, when the worker sent one
   * @param instanceId - the instance (matched when there is no token)
   * @param taskId - the activity's task id (matched when there is no token)
   * @returns the item, or undefined when none is waiting
   */
  find(
    kind: PendingItem['kind'],
    token: string | undefined,
    instanceId: string | undefined,
    taskId?: number,
  ): PendingItem | undefined {
    if (token) return this.byToken.get(token);
    return this.byKey.get(itemKey(kind, instanceId ?? '', taskId))?.[0];
  }

  /** Tracks an item written to its worker. */
  add(pending: PendingItem): void {
    this.byToken.set(pending.token, pending);
    const key = keyOf(pending);
    const same = this.byKey.get(key);
    if (same) same.push(pending);
    else this.byKey.set(key, [pending]);
    pending.worker.pending.add(pending);
  }

  /** Stops tracking an item (completed, or its worker left). */
  remove(pending: PendingItem): void {
    this.byToken.delete(pending.token);
    const key = keyOf(pending);
    const same = this.byKey.get(key) ?? [];
    const at = same.indexOf(pending);
    if (at >= 0) same.splice(at, 1);
    if (same.length === 0) this.byKey.delete(key);
    pending.worker.pending.delete(pending);
  }
}

/**
 * How a completion names its item, for messages.
 *
 * @param token - the completion token, when sent
 * @param instanceId - the instance
 * @param taskId - the activity's task id
 * @returns e.g. "with completion token 'abc'" or "of instance 'x' with task id 3"
 */
export function describeKey(
  token: string | undefined,
  instanceId: string | undefined,
  taskId?: number,
): string {
  if (token) return `with completion token '${token}'`;
  return `of instance '${instanceId ?? ''}'${taskId !== undefined ? ` with task id ${taskId}` : ''}`;
}

function itemKey(kind: PendingItem['kind'], instanceId: string, taskId?: number): string {
  return kind === 'activity' ? `a\u0000${instanceId}\u0000${taskId ?? 0}` : `w\u0000${instanceId}`;
}

function keyOf(pending: PendingItem): string {
  return itemKey(pending.kind, pending.instanceId, pending.kind === 'activity' ? pending.taskId : undefined);
}

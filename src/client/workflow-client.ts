import { randomUUID } from 'node:crypto';
import { TimeoutError, ValidationError, WorkflowNotFoundError } from '../errors';
import type { Backend, BackendHealth, ControlOptions, WorkflowStatus, WorkflowTarget } from '../core';
import {
  checkInstanceId,
  checkNameLength,
  DEFAULT_MAX_PAYLOAD_BYTES,
  LIMITS,
  serializePayload,
} from '../core';
import type { Registry } from '../authoring';
import { inSpan, SPAN_ATTRIBUTES } from '../observability';
import { nameFromDecorator } from '../authoring';
import type { WorkflowHistoryEvent, WorkflowState } from './workflow-state';
import { toWorkflowHistoryEvent, toWorkflowState } from './workflow-state';

/** Options of {@link WorkflowClient}. */
export interface WorkflowClientOptions {
  /** The engine to talk to. */
  backend: Backend;
  /** When given, workflow names are checked against it before anything is stored. */
  registry?: Registry;
  /** Largest payload in bytes. Default 2 MiB. */
  maxPayloadBytes?: number;
}

/** Options of {@link WorkflowClient.scheduleNewWorkflow}. */
export interface ScheduleOptions {
  /** The instance id; a random UUID when omitted. */
  instanceId?: string;
  /** Do not start before this time. */
  startAt?: Date;
}

/** Filters and paging of {@link WorkflowClient.listWorkflows}. */
export interface ListWorkflowsOptions {
  status?: WorkflowStatus | WorkflowStatus[];
  name?: string;
  createdFrom?: Date;
  createdTo?: Date;
  pageSize?: number;
  continuationToken?: string;
}

/** Longest instance id accepted: {@link LIMITS.instanceIdLength}. */
export const MAX_INSTANCE_ID_LENGTH = LIMITS.instanceIdLength;

/**
 * Starts, queries and controls workflow instances on a backend.
 *
 * @example
 * const id = await client.scheduleNewWorkflow(HelloWorldWf, 'input');
 * const state = await client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
 */
export class WorkflowClient {
  private readonly backend: Backend;
  private readonly registry: Registry | undefined;
  private readonly maxPayloadBytes: number;
  private opened: Promise<void> | undefined;

  /** @param options - the backend, and optionally a registry to check names against */
  constructor(options: WorkflowClientOptions) {
    this.backend = options.backend;
    this.registry = options.registry;
    this.maxPayloadBytes = options.maxPayloadBytes ?? DEFAULT_MAX_PAYLOAD_BYTES;
  }

  /**
   * Schedules a new instance.
   *
   * @param workflow - class, registered function or name
   * @param input - JSON-serialisable input
   * @param options - instance id, start time
   * @returns the instance id
   * @throws {@link WorkflowAlreadyExistsError} when the id is used by an instance that has not finished
   * @throws {@link WorkflowNotFoundError} for a workflow the runtime does not know
   * @throws {@link ValidationError} for input that is not JSON or too large, or a bad id
   */
  async scheduleNewWorkflow(
    workflow: WorkflowTarget,
    input?: unknown,
    options: ScheduleOptions = {},
  ): Promise<string> {
    const name = this.workflowName(workflow);
    checkNameLength(name, 'workflow name');
    if (this.registry && !this.registry.getWorkflow(name)) {
      throw new WorkflowNotFoundError(
        `No workflow named '${name}' is registered. Registered: ${[...this.registry.workflows.keys()].join(', ') || '(none)'}. ` +
          `Decorate the class with @Workflow() and, when the runtime is given a 'workflows' list, include it there ` +
          `(a function: runtime.registerWorkflow(fn, name)).`,
      );
    }
    const instanceId = options.instanceId ?? randomUUID();
    checkInstanceId(instanceId);
    const startAt = options.startAt?.getTime();
    if (startAt !== undefined && !Number.isFinite(startAt))
      throw new ValidationError('startAt is not a valid Date.');
    const text = serializePayload(input, `input of workflow '${name}'`, this.maxPayloadBytes);
    await this.open();
    // The caller's trace travels with the instance: its workflow steps and activities join it.
    await inSpan(
      `create_orchestration||${name}`,
      {
        kind: 'client',
        attributes: {
          [SPAN_ATTRIBUTES.type]: 'create_orchestration',
          [SPAN_ATTRIBUTES.name]: name,
          [SPAN_ATTRIBUTES.instanceId]: instanceId,
        },
      },
      (scope) =>
        this.backend.createInstance({
          instanceId,
          name,
          input: text,
          startAt,
          parentTraceContext: scope.traceContext(),
        }),
    );
    return instanceId;
  }

  /**
   * Reads an instance.
   *
   * @returns its state, or undefined when there is no such instance
   */
  async getWorkflowState(
    instanceId: string,
    options: { getInputsAndOutputs?: boolean } = {},
  ): Promise<WorkflowState | undefined> {
    await this.open();
    const record = await this.backend.getInstance(instanceId, options.getInputsAndOutputs ?? true);
    return record && toWorkflowState(record);
  }

  /**
   * Waits until the instance has left PENDING.
   *
   * @throws {@link TimeoutError} past `timeoutMs`
   * @throws {@link WorkflowNotFoundError} when there is no such instance
   */
  async waitForWorkflowStart(
    instanceId: string,
    options: { timeoutMs?: number } = {},
  ): Promise<WorkflowState> {
    await this.open();
    return toWorkflowState(await this.backend.waitForInstance(instanceId, 'start', options.timeoutMs));
  }

  /**
   * Waits until the instance is COMPLETED, FAILED or TERMINATED and resolves with its state, payloads
   * included. A failed instance resolves too (it does not throw): check `status` and `failureDetails`.
   *
   * @param instanceId - the instance
   * @param options - `timeoutMs`: how long to wait, in ms (real time; default: no limit)
   * @throws {@link TimeoutError} past `timeoutMs`
   * @throws {@link WorkflowNotFoundError} when there is no such instance
   */
  async waitForWorkflowCompletion(
    instanceId: string,
    options: { timeoutMs?: number } = {},
  ): Promise<WorkflowState> {
    await this.open();
    return toWorkflowState(await this.backend.waitForInstance(instanceId, 'completion', options.timeoutMs));
  }

  /**
   * Sends an event; it waits in the instance's inbox until the workflow waits for it (names match
   * case-insensitively).
   *
   * @throws {@link WorkflowNotFoundError} / {@link WorkflowNotRunningError}
   */
  async raiseEvent(instanceId: string, eventName: string, payload?: unknown): Promise<void> {
    if (typeof eventName !== 'string' || eventName.length === 0)
      throw new ValidationError('An event needs a name.');
    checkNameLength(eventName, 'event name');
    const text = serializePayload(payload, `payload of event '${eventName}'`, this.maxPayloadBytes);
    await this.open();
    await this.backend.raiseEvent(instanceId, eventName, text);
  }

  /**
   * Suspends an instance: it holds all progress; events that arrive are kept until it resumes. Resolves once
   * `getWorkflowState` shows SUSPENDED, even while no worker runs (as daprd's SuspendInstance); a step that
   * was running then is discarded and runs again after the resume. A no-op for a suspended instance.
   *
   * @param options - `timeoutMs`: how long to wait for the change to show (default no limit)
   * @throws {@link WorkflowNotFoundError} / {@link WorkflowNotRunningError} (finished) / {@link TimeoutError} /
   *   {@link ValidationError} for a negative `timeoutMs`
   */
  async suspendWorkflow(instanceId: string, reason?: string, options: ControlOptions = {}): Promise<void> {
    await this.open();
    await withTimeout(
      this.backend.suspend(instanceId, reason, options),
      options.timeoutMs,
      `suspend of '${instanceId}'`,
    );
  }

  /**
   * Resumes a suspended instance. Resolves once `getWorkflowState` shows RUNNING, even while no worker
   * runs (as daprd's ResumeInstance); the events kept meanwhile are delivered in the order they arrived.
   * A no-op for an instance that is not suspended.
   *
   * @param options - `timeoutMs`: how long to wait for the change to show (default no limit)
   * @throws {@link WorkflowNotFoundError} / {@link WorkflowNotRunningError} (finished) / {@link TimeoutError} /
   *   {@link ValidationError} for a negative `timeoutMs`
   */
  async resumeWorkflow(instanceId: string, reason?: string, options: ControlOptions = {}): Promise<void> {
    await this.open();
    await withTimeout(
      this.backend.resume(instanceId, reason, options),
      options.timeoutMs,
      `resume of '${instanceId}'`,
    );
  }

  /**
   * Terminates an instance, and its running children (recursively) unless `recursive` is false. Resolves
   * once `getWorkflowState` shows TERMINATED for it and, when recursive, for its children, even while no
   * worker runs (as daprd's TerminateInstance). A suspended instance is terminated too.
   *
   * @param options - `output` (JSON-serialisable), `recursive` (default true), `timeoutMs` (default no limit)
   * @throws {@link WorkflowNotFoundError} / {@link WorkflowNotRunningError} (finished) / {@link TimeoutError} /
   *   {@link ValidationError} for a negative `timeoutMs`
   */
  async terminateWorkflow(
    instanceId: string,
    options: { output?: unknown; recursive?: boolean } & ControlOptions = {},
  ): Promise<void> {
    const output = serializePayload(options.output, 'termination output', this.maxPayloadBytes);
    await this.open();
    await withTimeout(
      this.backend.terminate(instanceId, output, options.recursive ?? true, { timeoutMs: options.timeoutMs }),
      options.timeoutMs,
      `terminate of '${instanceId}'`,
    );
  }

  /**
   * Removes a finished instance's state and history, and its descendants' unless `recursive` is false.
   * Refused while any descendant (child, grandchild, …) has not finished, unless `force`: then a recursive
   * purge removes the live descendants too, and a non-recursive one leaves them without a parent.
   *
   * @param options - `recursive` (default true), `force` (default false)
   * @returns false when there was no such instance
   * @throws {@link WorkflowNotTerminalError} when it, or a descendant (named in the error), has not finished
   */
  async purgeWorkflow(
    instanceId: string,
    options: { recursive?: boolean; force?: boolean } = {},
  ): Promise<boolean> {
    await this.open();
    return (await this.backend.purge(instanceId, options.recursive ?? true, options.force ?? false)) > 0;
  }

  /**
   * Removes every finished instance that matches the filter, with its finished children. Instances that
   * have not finished are never touched.
   *
   * @param filter - statuses (terminal ones) and a creation-time window; empty matches every finished instance
   * @returns how many instances matched (children not counted)
   * @example
   * ```ts
   * await client.purgeWorkflows({ status: WorkflowStatus.FAILED, createdTo: new Date(Date.now() - 86_400_000) });
   * ```
   */
  async purgeWorkflows(
    filter: { status?: WorkflowStatus | WorkflowStatus[]; createdFrom?: Date; createdTo?: Date } = {},
  ): Promise<number> {
    await this.open();
    const status = toStatusList(filter.status);
    return this.backend.purgeWhere({
      status,
      createdFrom: filter.createdFrom?.getTime(),
      createdTo: filter.createdTo?.getTime(),
    });
  }

  /**
   * Runs a new instance from a point in a finished instance's history: its history up to the activity or
   * child-workflow scheduling event `eventId` is copied, and the workflow runs on from there.
   *
   * @param sourceInstanceId - a finished instance
   * @param eventId - the `eventId` of a TaskScheduled or ChildWorkflowInstanceCreated event
   * @param options - `newInstanceId` (random when omitted), `input` to replace the workflow's input
   * @returns the new instance id
   * @throws {@link ValidationError} when the event is not an activity or child-workflow scheduling event
   * @throws {@link WorkflowNotFoundError} / {@link WorkflowNotTerminalError}
   */
  async rerunWorkflowFromEvent(
    sourceInstanceId: string,
    eventId: number,
    options: { newInstanceId?: string; input?: unknown } = {},
  ): Promise<string> {
    const newInstanceId = options.newInstanceId ?? randomUUID();
    checkInstanceId(newInstanceId);
    const overwriteInput = 'input' in options;
    const input = overwriteInput
      ? serializePayload(options.input, 'rerun input', this.maxPayloadBytes)
      : undefined;
    await this.open();
    return this.backend.rerunFromEvent({ sourceInstanceId, eventId, newInstanceId, overwriteInput, input });
  }

  /**
   * The backend's storage health (`ok`, `degraded` while storage fails and work is retried, `failed`
   * when it needs a restart); `ok` for a backend that keeps none. Used by the dashboard.
   */
  health(): BackendHealth {
    return this.backend.health?.() ?? { status: 'ok' };
  }

  /** Lists instances, newest first. */
  async listWorkflows(
    options: ListWorkflowsOptions = {},
  ): Promise<{ items: WorkflowState[]; continuationToken?: string }> {
    await this.open();
    const status = toStatusList(options.status);
    const page = await this.backend.listInstances({
      status,
      name: options.name,
      createdFrom: options.createdFrom?.getTime(),
      createdTo: options.createdTo?.getTime(),
      pageSize: options.pageSize,
      continuationToken: options.continuationToken,
    });
    return { items: page.items.map(toWorkflowState), continuationToken: page.continuationToken };
  }

  /**
   * The instance's history in order.
   *
   * @throws {@link WorkflowNotFoundError} when there is no such instance
   */
  async getWorkflowHistory(instanceId: string): Promise<WorkflowHistoryEvent[]> {
    await this.open();
    const events = await this.backend.getHistory(instanceId);
    if (!events) throw new WorkflowNotFoundError(`No workflow instance with id '${instanceId}' exists.`);
    return events.map(toWorkflowHistoryEvent);
  }

  private workflowName(workflow: WorkflowTarget): string {
    return this.registry
      ? this.registry.nameOf(workflow, 'workflow')
      : nameFromDecorator(workflow, 'workflow');
  }

  private open(): Promise<void> {
    this.opened ??= this.backend.open();
    return this.opened;
  }
}

/** One status or several, as the list the backend takes. */
function toStatusList(status: WorkflowStatus | WorkflowStatus[] | undefined): WorkflowStatus[] | undefined {
  return status === undefined || Array.isArray(status) ? status : [status];
}

/**
 * Starts the operation and resolves or rejects as it does, or rejects with {@link TimeoutError} once `timeoutMs` passed
 * (the operation itself is not undone: it may still take effect).
 */
async function withTimeout<T>(
  operation: Promise<T>,
  timeoutMs: number | undefined,
  what: string,
): Promise<T> {
  if (timeoutMs === undefined || timeoutMs === Infinity) return operation;
  if (!(timeoutMs >= 0))
    throw new ValidationError(`timeoutMs must be a number of ms >= 0, got ${timeoutMs}.`);
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new TimeoutError(`The ${what} did not show within ${timeoutMs} ms.`)),
      Math.min(timeoutMs, 2_147_483_647),
    );
  });
  try {
    return await Promise.race([operation, expired]);
  } finally {
    clearTimeout(timer);
  }
}

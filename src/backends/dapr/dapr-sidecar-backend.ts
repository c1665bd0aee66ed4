import { randomUUID } from 'node:crypto';
import type { ChannelOptions } from '@grpc/grpc-js';
import { StorageError, TimeoutError, WorkflowNotFoundError, WorkflowNotRunningError } from '../../errors';
import type {
  Backend,
  CreateInstanceRequest,
  HistoryEvent,
  InstancePage,
  InstanceQuery,
  InstanceRecord,
  Logger,
  ControlOptions,
  PurgeFilter,
  RerunRequest,
  WaitCondition,
  WorkerHandle,
  WorkerLimits,
  WorkItemProcessor,
} from '../../core';
import { defaultLogger, isTerminalStatus, LIMITS, WorkflowStatus } from '../../core';
import { historyEventFromWire } from './convert/history-event-converter';
import { instanceFromWire } from './convert/instance-converter';
import { statusToWire } from './convert/status-converter';
import { toStringValue, toTimestamp } from './convert/wire-values';
import { fromGrpcError, isServiceError } from './grpc-errors';
import { GrpcStatus } from './grpc-status';
import { backoffDelay, sleep } from './client/backoff';
import type { BackoffOptions } from './client/backoff';
import { resolveSidecarAddress } from './client/sidecar-address';
import type { SidecarAddress } from './client/sidecar-address';
import type { SidecarCallOptions, SidecarConnection } from './client/sidecar-connection';
import { SidecarWorker } from './client/sidecar-worker';
import { InstanceListing } from './client/instance-listing';
import { traceContextToWire } from './convert/trace-context-converter';
import type { SidecarRpcTypes, SidecarUnaryRpc } from './protocol/wire-types';

/** Options of {@link DaprSidecarBackend}. */
export interface DaprSidecarBackendOptions {
  /** Sidecar host. Default from `DAPR_GRPC_ENDPOINT`, else 127.0.0.1. */
  host?: string;
  /** Sidecar gRPC port. Default from `DAPR_GRPC_ENDPOINT` or `DAPR_GRPC_PORT`, else 50001. */
  port?: number;
  /** Sent as `dapr-api-token`. Default `DAPR_API_TOKEN`. */
  apiToken?: string;
  /** How long `open()` waits for the sidecar to answer `Hello`. Default 30 s. */
  connectTimeoutMs?: number;
  /** Delays between reconnects of the worker stream. Default 100 ms doubling to 5 s, with jitter. */
  reconnectBackoff?: BackoffOptions;
  /** Extra grpc-js channel options. */
  channelOptions?: ChannelOptions;
  /**
   * Largest message the worker accepts from the sidecar (a work item with its history), bytes. Default
   * {@link LIMITS.sendMessageBytes} (64 MiB, what `weft sidecar` sends at most). A larger one breaks the
   * stream with RESOURCE_EXHAUSTED: keep it at least the sidecar's send limit.
   */
  maxReceiveMessageBytes?: number;
  /**
   * Largest message the worker sends (a step's completion), bytes. Default 64 MiB. A completion refused
   * for its size, here or by the sidecar, fails the step (`SizeLimitExceededError` naming the size).
   */
  maxSendMessageBytes?: number;
  /** Diagnostics. Default `console`. */
  logger?: Logger;
}

/**
 * The backend for running under Dapr: the same runtime and client code, with state and scheduling in a
 * Dapr sidecar (or `weft sidecar`) reached over the durabletask `TaskHubSidecarService` gRPC protocol.
 *
 * @example
 * const runtime = new WorkflowRuntime({ backend: new DaprSidecarBackend({ port: 50001 }) });
 */
export class DaprSidecarBackend implements Backend {
  /** The resolved sidecar address. */
  readonly address: SidecarAddress;
  private connection: SidecarConnection | undefined;
  private worker: SidecarWorker | undefined;
  private readonly logger: Logger;
  private readonly listing = new InstanceListing({
    listIds: async () => (await this.rpc('ListInstanceIDs', '', {})).instanceIds ?? [],
    getInstance: (instanceId) => this.getInstance(instanceId, true),
  });

  /**
   * @param options - address, token and timing
   * @throws {@link ValidationError} when `DAPR_GRPC_ENDPOINT` or the port cannot be parsed
   */
  constructor(private readonly options: DaprSidecarBackendOptions = {}) {
    this.address = resolveSidecarAddress(options);
    this.logger = options.logger ?? defaultLogger();
  }

  /**
   * Connects and waits until the sidecar answers `Hello`.
   *
   * @throws {@link StorageError} when it does not answer within `connectTimeoutMs`
   */
  async open(): Promise<void> {
    if (this.connection) return;
    const connection = new (loadConnectionClass())(this.address, {
      'grpc.max_receive_message_length': this.options.maxReceiveMessageBytes ?? LIMITS.sendMessageBytes,
      'grpc.max_send_message_length': this.options.maxSendMessageBytes ?? LIMITS.sendMessageBytes,
      ...this.options.channelOptions,
    });
    const deadline = Date.now() + (this.options.connectTimeoutMs ?? 30_000);
    for (let attempt = 0; ; attempt++) {
      try {
        await connection.call('Hello', {}, { timeoutMs: Math.max(1, Math.min(5000, deadline - Date.now())) });
        break;
      } catch (err) {
        if (isServiceError(err) && err.code === GrpcStatus.UNAUTHENTICATED) {
          connection.close();
          throw new StorageError(
            `The Dapr sidecar at ${connection.target} refused the API token: ${err.details}. Set DAPR_API_TOKEN or the apiToken option.`,
            { cause: err },
          );
        }
        if (Date.now() >= deadline) {
          connection.close();
          throw new StorageError(
            `No Dapr sidecar answered at ${connection.target} (${(err as Error).message}). Start it (dapr run, or weft sidecar) or set DAPR_GRPC_ENDPOINT / DAPR_GRPC_PORT.`,
            { cause: err },
          );
        }
        await sleep(
          Math.min(backoffDelay(attempt, { maxDelayMs: 1000 }), Math.max(0, deadline - Date.now())),
        );
      }
    }
    this.connection = connection;
  }

  /** Stops the worker (if running) and closes the channel. */
  async close(): Promise<void> {
    await this.worker?.stop();
    this.worker = undefined;
    this.connection?.close();
    this.connection = undefined;
  }

  async createInstance(request: CreateInstanceRequest): Promise<void> {
    await this.rpc('StartInstance', request.instanceId, {
      instanceId: request.instanceId,
      name: request.name,
      input: toStringValue(request.input),
      scheduledStartTimestamp: toTimestamp(request.startAt),
      parentTraceContext: traceContextToWire(request.parentTraceContext),
    });
  }

  async getInstance(instanceId: string, includePayloads: boolean): Promise<InstanceRecord | undefined> {
    let response;
    try {
      response = await this.rpc('GetInstance', instanceId, {
        instanceId,
        getInputsAndOutputs: includePayloads,
      });
    } catch (err) {
      // Weft's sidecar answers exists=false; some daprd versions answer NOT_FOUND.
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
    if (!response.exists || !response.workflowState) return undefined;
    return this.withStall(instanceFromWire({ instanceId, ...response.workflowState }));
  }

  /**
   * Completes a STALLED record from the instance's history: the protocol's `WorkflowState` carries the version
   * but no stall reason (durabletask-go keeps the stall in its runtime state only), so the reason comes from
   * the latest ExecutionStalled event, and the version, when the sidecar sent none, from the first versioned
   * WorkflowStarted event. Other records pass through unread.
   */
  private async withStall(record: InstanceRecord): Promise<InstanceRecord> {
    if (record.status !== WorkflowStatus.STALLED) return record;
    const { events = [] } = await this.rpc('GetInstanceHistory', record.instanceId, {
      instanceId: record.instanceId,
    });
    const history = events.map(historyEventFromWire);
    const stalled = history.filter((e) => e.type === 'ExecutionStalled').pop();
    if (stalled?.type === 'ExecutionStalled') record.stalledReason ??= stalled.reason;
    if (record.version === undefined) {
      const started = history.find((e) => e.type === 'WorkflowStarted' && e.version?.name);
      if (started?.type === 'WorkflowStarted') record.version = started.version?.name;
    }
    return record;
  }

  async waitForInstance(
    instanceId: string,
    condition: WaitCondition,
    timeoutMs?: number,
  ): Promise<InstanceRecord> {
    const rpc = condition === 'start' ? 'WaitForInstanceStart' : 'WaitForInstanceCompletion';
    const deadline = timeoutMs === undefined ? undefined : Date.now() + timeoutMs;
    // A sidecar restart ends the call with UNAVAILABLE: wait on across it, within the deadline.
    for (let attempt = 0; ; attempt++) {
      const left = deadline === undefined ? undefined : Math.max(0, deadline - Date.now());
      try {
        const response = await this.rpc(
          rpc,
          instanceId,
          { instanceId, getInputsAndOutputs: true },
          { timeoutMs: left },
        );
        if (!response.exists || !response.workflowState) {
          throw new WorkflowNotFoundError(`No workflow instance with id '${instanceId}' exists.`);
        }
        return await this.withStall(instanceFromWire({ instanceId, ...response.workflowState }));
      } catch (err) {
        if (err instanceof TimeoutError || (deadline !== undefined && Date.now() >= deadline)) {
          throw new TimeoutError(
            `Workflow instance '${instanceId}' did not ${condition === 'start' ? 'start' : 'finish'} within ${timeoutMs} ms.`,
          );
        }
        const cause = (err as { cause?: unknown }).cause ?? err;
        if (!isServiceError(cause) || cause.code !== GrpcStatus.UNAVAILABLE) throw err;
        await sleep(backoffDelay(attempt, { maxDelayMs: 2000 }));
      }
    }
  }

  /**
   * Raises an event. daprd discards an event for an instance that finished or does not exist and answers
   * OK, so the instance is read first to keep the contract's errors (a race with its end stays possible).
   *
   * @throws {@link WorkflowNotFoundError}, {@link WorkflowNotRunningError} when it finished
   */
  async raiseEvent(instanceId: string, name: string, input?: string): Promise<void> {
    await this.requireRunning(instanceId, 'raise an event for');
    await this.rpc('RaiseEvent', instanceId, { instanceId, name, input: toStringValue(input) });
  }

  /**
   * daprd's SuspendInstance answers once the state shows SUSPENDED; `timeoutMs` is the call's deadline. As
   * {@link raiseEvent}: daprd answers OK for an instance that finished, so it is read first.
   */
  async suspend(instanceId: string, reason?: string, options: ControlOptions = {}): Promise<void> {
    await this.requireRunning(instanceId, 'suspend');
    await this.rpc('SuspendInstance', instanceId, { instanceId, reason: toStringValue(reason) }, options);
  }

  /** daprd's ResumeInstance answers once the state is no longer SUSPENDED. */
  async resume(instanceId: string, reason?: string, options: ControlOptions = {}): Promise<void> {
    await this.requireRunning(instanceId, 'resume');
    await this.rpc('ResumeInstance', instanceId, { instanceId, reason: toStringValue(reason) }, options);
  }

  /** daprd's TerminateInstance answers once the state shows TERMINATED (or another terminal status). */
  async terminate(
    instanceId: string,
    output: string | undefined,
    recursive: boolean,
    options: ControlOptions = {},
  ): Promise<void> {
    await this.requireRunning(instanceId, 'terminate');
    await this.rpc(
      'TerminateInstance',
      instanceId,
      { instanceId, output: toStringValue(output), recursive },
      options,
    );
  }

  /** daprd answers an unknown id with "no such instance exists"; that is 0 here. */
  async purge(instanceId: string, recursive: boolean, force = false): Promise<number> {
    try {
      const response = await this.rpc('PurgeInstances', instanceId, { instanceId, recursive, force });
      return response.deletedInstanceCount ?? 0;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return 0;
      throw err;
    }
  }

  async purgeWhere(filter: PurgeFilter): Promise<number> {
    const response = await this.rpc('PurgeInstances', '', {
      purgeInstanceFilter: {
        createdTimeFrom: toTimestamp(filter.createdFrom),
        createdTimeTo: toTimestamp(filter.createdTo),
        runtimeStatus: filter.status?.map(statusToWire) ?? [],
      },
    });
    return response.deletedInstanceCount ?? 0;
  }

  /**
   * Lists instances. The protocol only lists ids, so the first page reads every instance and later pages
   * come from that snapshot (see {@link InstanceListing}).
   */
  listInstances(query: InstanceQuery): Promise<InstancePage> {
    return this.listing.list(query);
  }

  /** daprd answers an unknown instance with no events; the instance is then read to tell the two apart. */
  async getHistory(instanceId: string): Promise<HistoryEvent[] | undefined> {
    try {
      const { events = [] } = await this.rpc('GetInstanceHistory', instanceId, { instanceId });
      if (events.length === 0 && !(await this.getInstance(instanceId, false))) return undefined;
      return events.map(historyEventFromWire);
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return undefined;
      throw err;
    }
  }

  async rerunFromEvent(request: RerunRequest): Promise<string> {
    const response = await this.rpc('RerunWorkflowFromEvent', request.sourceInstanceId, {
      sourceInstanceID: request.sourceInstanceId,
      eventID: request.eventId,
      newInstanceID: request.newInstanceId || randomUUID(),
      input: toStringValue(request.input),
      overwriteInput: request.overwriteInput === true,
    });
    return response.newInstanceID || request.newInstanceId;
  }

  startWorker(processor: WorkItemProcessor, limits: WorkerLimits): WorkerHandle {
    const connection = this.ready();
    if (this.worker) {
      throw new StorageError('This DaprSidecarBackend already has a worker; use one runtime per backend.');
    }
    const worker = new SidecarWorker(
      connection,
      processor,
      limits,
      this.logger,
      this.options.reconnectBackoff,
    );
    this.worker = worker;
    return {
      stop: async () => {
        await worker.stop();
        if (this.worker === worker) this.worker = undefined;
      },
    };
  }

  /** Resolves once the worker's work item stream is open (useful in tests and health checks). */
  whenWorkerConnected(): Promise<void> {
    return this.worker?.whenConnected() ?? Promise.reject(new StorageError('No worker was started.'));
  }

  /** Reads the instance and throws the contract's error when it does not exist or has finished. */
  private async requireRunning(instanceId: string, operation: string): Promise<void> {
    const record = await this.getInstance(instanceId, false);
    if (!record) throw new WorkflowNotFoundError(`No workflow instance with id '${instanceId}' exists.`);
    if (isTerminalStatus(record.status))
      throw new WorkflowNotRunningError(instanceId, record.status, operation);
  }

  private async rpc<K extends SidecarUnaryRpc>(
    rpc: K,
    instanceId: string,
    request: SidecarRpcTypes[K][0],
    options?: SidecarCallOptions,
  ): Promise<SidecarRpcTypes[K][1]> {
    try {
      return await this.ready().call(rpc, request, options);
    } catch (err) {
      throw fromGrpcError(err, instanceId);
    }
  }

  private ready(): SidecarConnection {
    if (!this.connection) {
      throw new StorageError(
        'The DaprSidecarBackend is not open: start the runtime or call backend.open() first.',
      );
    }
    return this.connection;
  }
}

/** gRPC is loaded on first use, so that importing Weft costs nothing for SQLite applications. */
function loadConnectionClass(): typeof SidecarConnection {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./client/sidecar-connection') as typeof import('./client/sidecar-connection'))
    .SidecarConnection;
}

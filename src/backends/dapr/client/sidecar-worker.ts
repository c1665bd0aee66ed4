import type {
  ActivityResult,
  ActivityWorkItem,
  HistoryEvent,
  Logger,
  WorkerHandle,
  WorkerLimits,
  WorkflowStepResult,
  WorkflowWorkItem,
  WorkItemProcessor,
} from '../../../core';
import { SIZE_LIMIT_ERROR_TYPE, toFailureDetails, WorkPump, WorkflowStatus } from '../../../core';
import { actionToWire } from '../convert/action-converter';
import { stallToWire, versionToWire } from '../convert/version-converter';
import { failureToWire } from '../convert/failure-converter';
import { historyEventFromWire } from '../convert/history-event-converter';
import { statusToWire } from '../convert/status-converter';
import { fromStringValue, toStringValue } from '../convert/wire-values';
import { isServiceError } from '../grpc-errors';
import { GrpcStatus } from '../grpc-status';
import type {
  WireActivityRequest,
  WireWorkflowAction,
  WireWorkflowRequest,
  WireWorkflowResponse,
  WireWorkItem,
} from '../protocol/wire-types';
import { AttemptLedger } from './attempt-ledger';
import type { BackoffOptions } from './backoff';
import { traceContextFromWire } from '../convert/trace-context-converter';
import type { SidecarConnection } from './sidecar-connection';
import { CompletionChannel } from './completion-channel';
import { NextStepRunner } from './next-step-runner';
import { WorkItemStream } from './work-item-stream';

/** A work item waiting for a free slot. */
interface QueuedItem {
  item: WireWorkItem;
  /** The stream it came on: items of a closed stream are dropped, the sidecar hands them out again. */
  streamId: number;
}

/**
 * The worker side of the protocol: takes work items from a `GetWorkItems` stream ({@link WorkItemStream},
 * which keeps it open), runs each through the processor within the concurrency limits (queueing, never
 * dropping, what does not fit), and answers each with exactly one completion.
 */
export class SidecarWorker implements WorkerHandle {
  private readonly pump = new WorkPump();
  private readonly workflows;
  private readonly activities;
  private readonly stream: WorkItemStream;
  private stopping = false;
  private useLegacyComplete = false;
  private readonly attempts: AttemptLedger;
  private readonly completions: CompletionChannel;
  /** Runs a workflow's next step at once on an activity's outcome, where the sidecar takes it. */
  readonly nextSteps: NextStepRunner;

  /**
   * @param connection - the channel to the sidecar
   * @param processor - runs the work
   * @param limits - concurrency limits
   * @param logger - diagnostics
   * @param backoff - reconnect delays
   */
  constructor(
    private readonly connection: SidecarConnection,
    private readonly processor: WorkItemProcessor,
    private readonly limits: WorkerLimits,
    private readonly logger: Logger,
    backoff: BackoffOptions = {},
  ) {
    this.workflows = this.pump.lane<QueuedItem>(limits.maxConcurrentWorkflows, ({ item }) =>
      this.runWorkflow(item.workflowRequest as WireWorkflowRequest, item.completionToken ?? ''),
    );
    this.activities = this.pump.lane<QueuedItem>(limits.maxConcurrentActivities, ({ item }) =>
      this.runActivity(item.activityRequest as WireActivityRequest, item.completionToken ?? ''),
    );
    this.attempts = new AttemptLedger(connection, logger);
    this.completions = new CompletionChannel(connection);
    this.nextSteps = new NextStepRunner(processor);
    this.stream = new WorkItemStream(
      connection,
      {
        opened: ({ nextStep }) => {
          this.nextSteps.enabled = nextStep;
        },
        item: (item, streamId) => this.enqueue(item, streamId),
        closed: (streamId) => {
          this.nextSteps.enabled = false;
          this.nextSteps.reset();
          this.dropQueued(streamId);
        },
      },
      logger,
      backoff,
    );
  }

  /** True while a work item stream is open. */
  get connected(): boolean {
    return this.stream.connected;
  }

  /** Resolves once a work item stream is open (for tests and start-up). */
  whenConnected(): Promise<void> {
    return this.stream.whenConnected();
  }

  /** Closes the stream, drops queued items (the sidecar re-sends them) and waits for in-flight work. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.stream.stop();
    await this.pump.drain();
    this.completions.close();
  }

  private enqueue(item: WireWorkItem, streamId: number): void {
    if (this.stopping) return;
    if (item.workflowRequest) {
      this.nextSteps.stepQueued(item.workflowRequest.instanceId ?? '');
      this.workflows.push({ item, streamId });
    } else if (item.activityRequest) this.activities.push({ item, streamId });
    else this.logger.warn(`Weft worker: ignored a work item of unknown kind '${item.request ?? 'none'}'.`);
  }

  private dropQueued(streamId: number): void {
    this.activities.drop((q) => q.streamId === streamId);
    this.workflows.drop((q) => {
      if (q.streamId !== streamId) return false;
      this.nextSteps.stepDropped(q.item.workflowRequest?.instanceId ?? '');
      return true;
    });
  }

  private async runWorkflow(request: WireWorkflowRequest, completionToken: string): Promise<void> {
    const instanceId = request.instanceId ?? '';
    const pastWire = request.pastEvents ?? [];
    // Sent as a delta: the first `held` events were sent with earlier steps (cachedHistory).
    const held = request.cachedHistory ? (request.cachedHistory.eventCount ?? 0) : 0;
    const pastEventCount = held + pastWire.length;
    const newWire = request.newEvents ?? [];
    this.nextSteps.beforeStep(instanceId, pastEventCount, !request.cachedHistory);
    let ran: WorkflowStepResult | undefined;
    let response: WireWorkflowResponse;
    try {
      const item: WorkflowWorkItem = {
        instanceId,
        pastEventCount,
        loadPastEvents: async () =>
          held > 0
            ? [...(await this.heldEvents(instanceId, held)), ...pastWire.map(historyEventFromWire)]
            : pastWire.map(historyEventFromWire),
        newEvents: newWire.map(historyEventFromWire),
      };
      const step: WorkflowStepResult = await this.processor.processWorkflow(item);
      ran = step;
      response = this.stepResponse(instanceId, step, completionToken);
    } catch (err) {
      this.processor.abandonWorkflow?.(instanceId);
      if (err instanceof HeldHistoryUnavailable) {
        // Not the workflow's failure: reconnect, so the sidecar hands the step out again with its history.
        this.logger.warn({ instanceId, err }, `Weft worker: ${err.message} Reconnecting.`);
        this.stream.reconnect();
        return;
      }
      this.logger.error(
        { instanceId, err },
        `Weft worker: workflow step of '${instanceId}' could not run: ${describe(err)}`,
      );
      const failed: WireWorkflowAction = {
        id: -1,
        completeWorkflow: {
          workflowStatus: statusToWire(WorkflowStatus.FAILED),
          failureDetails: failureToWire(toFailureDetails(err)),
        },
      };
      response = { instanceId, actions: [failed], completionToken };
    } finally {
      this.nextSteps.afterStep(instanceId, pastEventCount, newWire.length, ran);
    }
    try {
      await this.completeWorkflow(response);
    } catch (err) {
      this.nextSteps.notSent(instanceId);
      if (isTooLarge(err) && (await this.failTooLargeStep(response, err))) return;
      // The sidecar did not take the result (it restarted, or gave the item to another worker): it will
      // hand the step out again, so forget the cached execution that already applied it.
      this.processor.abandonWorkflow?.(instanceId);
      this.logger.warn(
        { instanceId, err },
        `Weft worker: result of a step of '${instanceId}' not delivered: ${describe(err)}`,
      );
    }
  }

  /**
   * The first `count` events of an instance's history, which the sidecar left out of a step as held by this
   * worker (its execution was evicted, or did not match): read with `GetInstanceHistory`, as durabletask-go
   * asks of a stateful worker on a cache miss.
   *
   * @throws {@link HeldHistoryUnavailable} when it cannot be read, or is shorter
   */
  private async heldEvents(instanceId: string, count: number): Promise<HistoryEvent[]> {
    let events;
    try {
      ({ events = [] } = await this.connection.call('GetInstanceHistory', { instanceId }));
    } catch (err) {
      throw new HeldHistoryUnavailable(
        `The history of '${instanceId}' (a step sent as a delta after ${count} events) could not be read: ${describe(err)}.`,
      );
    }
    if (events.length < count) {
      throw new HeldHistoryUnavailable(
        `The sidecar sent a step of '${instanceId}' as a delta after ${count} events, but its history has ${events.length}.`,
      );
    }
    return events.slice(0, count).map(historyEventFromWire);
  }

  /**
   * The step's completion is over a message limit (the sidecar's receive limit, or this client's send
   * limit): it would be refused on every try, leaving the instance RUNNING. Completes the step instead
   * with a failure naming the size, so the instance ends FAILED with the reason.
   *
   * @returns true when the sidecar took the failure
   */
  private async failTooLargeStep(response: WireWorkflowResponse, err: unknown): Promise<boolean> {
    const instanceId = response.instanceId ?? '';
    this.processor.abandonWorkflow?.(instanceId);
    const failure = {
      errorType: SIZE_LIMIT_ERROR_TYPE,
      message: `The completion of a step of '${instanceId}' (${response.actions?.length ?? 0} actions, ${messageBytes(response)} bytes as JSON) is over a message limit: ${describe(err)}.`,
      isNonRetriable: true,
    };
    const failed: WireWorkflowAction = {
      id: -1,
      completeWorkflow: {
        workflowStatus: statusToWire(WorkflowStatus.FAILED),
        failureDetails: failureToWire(failure),
      },
    };
    try {
      await this.completeWorkflow({
        instanceId,
        actions: [failed],
        completionToken: response.completionToken,
      });
      this.logger.warn(`Weft worker: ${failure.message} The instance was failed.`);
      return true;
    } catch (again) {
      this.logger.warn(
        `Weft worker: could not fail the too-large step of '${instanceId}': ${describe(again)}`,
      );
      return false;
    }
  }

  /** A step's result as the completion's `WorkflowResponse` (the attempts of its activities noted). */
  private stepResponse(
    instanceId: string,
    step: WorkflowStepResult,
    completionToken: string,
  ): WireWorkflowResponse {
    this.attempts.noteStep(instanceId, step.actions);
    return {
      instanceId,
      actions: step.stalled ? [stallToWire(step.stalled, 0)] : step.actions.map(actionToWire),
      customStatus: toStringValue(step.customStatus),
      completionToken,
      ...(step.version && { version: versionToWire(step.version) }),
    };
  }

  private completeWorkflow(response: WireWorkflowResponse): Promise<void> {
    return this.completions.completeWorkflow(response, () => this.completeWorkflowByCall(response));
  }

  private async completeWorkflowByCall(response: WireWorkflowResponse): Promise<void> {
    if (!this.useLegacyComplete) {
      try {
        await this.connection.call('CompleteWorkflowTask', response);
        return;
      } catch (err) {
        if (!isServiceError(err) || err.code !== GrpcStatus.UNIMPLEMENTED) throw err;
        this.useLegacyComplete = true;
      }
    }
    await this.connection.call('CompleteOrchestratorTask', response);
  }

  private async runActivity(request: WireActivityRequest, completionToken: string): Promise<void> {
    const item: ActivityWorkItem = {
      instanceId: request.workflowInstance?.instanceId ?? '',
      taskId: request.taskId ?? 0,
      name: request.name ?? '',
      input: fromStringValue(request.input),
      attempt: await this.attempts.attemptOf(request),
      taskExecutionId: request.taskExecutionId || undefined,
      parentTraceContext: traceContextFromWire(request.parentTraceContext),
    };
    let outcome: ActivityResult;
    try {
      outcome = await this.processor.processActivity(item);
    } catch (err) {
      outcome = { failureDetails: toFailureDetails(err) };
    }
    const answer = {
      instanceId: item.instanceId,
      taskId: item.taskId,
      result: toStringValue(outcome.result),
      failureDetails: failureToWire(outcome.failureDetails),
      completionToken,
    };
    // The workflow's next step, run here at once when it is idle here (see NextStepRunner).
    const nextStep =
      outcome.failureDetails || !this.completions.streams
        ? undefined
        : await this.nextSteps.run(item, outcome.result, (step) =>
            this.stepResponse(item.instanceId, step, ''),
          );
    try {
      try {
        const streamed = await this.completions.completeActivity(
          answer,
          () => this.connection.call('CompleteActivityTask', answer),
          nextStep,
        );
        if (nextStep && !streamed) this.nextSteps.notSent(item.instanceId);
      } catch (err) {
        if (nextStep) this.nextSteps.notSent(item.instanceId);
        if (!isTooLarge(err)) throw err;
        // Refused for its size on every try: report a failure naming it instead (the activity fails).
        const failure = {
          errorType: SIZE_LIMIT_ERROR_TYPE,
          message: `The result of activity '${item.name}' (${item.instanceId}#${item.taskId}) is ${messageBytes(answer)} bytes of JSON, over a message limit: ${describe(err)}.`,
          isNonRetriable: true,
        };
        await this.connection.call('CompleteActivityTask', {
          ...answer,
          result: undefined,
          failureDetails: failureToWire(failure),
        });
      }
    } catch (err) {
      this.logger.warn(
        { instanceId: item.instanceId, activity: item.name, attempt: item.attempt, taskId: item.taskId, err },
        `Weft worker: result of activity '${item.name}' (${item.instanceId}#${item.taskId}) not delivered: ${describe(err)}`,
      );
    }
  }
}

/** The history a step was sent without could not be read back: the step is handed out again, not failed. */
class HeldHistoryUnavailable extends Error {
  /** @param message - what was missing */
  constructor(message: string) {
    super(message);
    this.name = 'HeldHistoryUnavailable';
  }
}

/** A call refused for a message's size (RESOURCE_EXHAUSTED: larger than max). */
function isTooLarge(err: unknown): boolean {
  return isServiceError(err) && err.code === GrpcStatus.RESOURCE_EXHAUSTED;
}

/** The size of a message's JSON form, bytes: close to (and not less than most of) its protobuf size. */
function messageBytes(message: object): number {
  return Buffer.byteLength(JSON.stringify(message), 'utf8');
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

import type {
  HistoryEvent,
  Logger,
  TraceContext,
  WorkflowAction,
  WorkflowStepResult,
  WorkflowWorkItem,
} from '../core';
import { WorkflowStatus } from '../core';
import { inSpan, markHandOff, SPAN_ATTRIBUTES, weftMetrics } from '../observability';

/** What the observer remembers of an instance between steps. */
interface InstanceInfo {
  /** The workflow name. */
  name: string;
  /** The trace the instance continues (from its ExecutionStarted event). */
  trace?: TraceContext;
  /** The trace context of its latest step span: the parent of the activities that step scheduled. */
  stepTrace?: TraceContext;
}

/**
 * Wraps each workflow step (for both backends) in an `orchestration||<name>` span continuing the trace stored in
 * the instance's ExecutionStarted event, hands a trace context to each child workflow it starts, logs a failed
 * workflow and an unknown workflow name (error, with fields), logs a stalled instance (warn), and counts started/completed/failed workflows.
 */
export class WorkflowStepObserver {
  private readonly known = new Map<string, InstanceInfo>();

  /**
   * @param run - runs the step (the executor)
   * @param logger - the application's logger
   * @param capacity - instances remembered between steps (as the execution cache); a forgotten one is read back
   *   from its ExecutionStarted event through the work item's `loadPastEvents`
   */
  constructor(
    private readonly run: (item: WorkflowWorkItem) => Promise<WorkflowStepResult>,
    private readonly logger: Logger,
    private readonly capacity: number,
  ) {}

  /** The trace an activity of the instance continues: its latest step's span, else the instance's trace. */
  traceOf(instanceId: string): TraceContext | undefined {
    const info = this.known.get(instanceId);
    return info?.stepTrace ?? info?.trace;
  }

  /** Runs one step observed; rethrows what the step throws (its span is marked failed). */
  async process(item: WorkflowWorkItem): Promise<WorkflowStepResult> {
    let past: Promise<HistoryEvent[]> | undefined;
    const loadPastEvents = (): Promise<HistoryEvent[]> => (past ??= item.loadPastEvents());
    // Every field the backend set passes through; only the history read is shared (read at most once per step).
    const observed: WorkflowWorkItem = { ...item, loadPastEvents };
    const started = findStarted(item.newEvents);
    const info = await this.infoOf(observed, started);
    if (started) weftMetrics.workflowStarted(info.name);
    const attributes = {
      [SPAN_ATTRIBUTES.type]: 'orchestration',
      [SPAN_ATTRIBUTES.name]: info.name,
      [SPAN_ATTRIBUTES.instanceId]: item.instanceId,
    };
    weftMetrics.backlog('workflow', 1);
    try {
      return await inSpan(
        `orchestration||${info.name}`,
        { kind: 'server', attributes, parent: info.trace },
        async (scope) => {
          info.stepTrace = scope.traceContext();
          const result = await this.run(observed);
          const actions = result.actions.map((a) => this.withChildTrace(a, item.instanceId));
          const done = actions.find((a) => a.type === 'CompleteWorkflow');
          if (result.stalled) await this.stalled(item.instanceId, info.name, result, loadPastEvents);
          if (done?.type === 'CompleteWorkflow') {
            scope.span?.setAttribute(SPAN_ATTRIBUTES.status, done.workflowStatus);
            if (done.workflowStatus === WorkflowStatus.FAILED && done.failureDetails) {
              const f = done.failureDetails;
              scope.fail({ name: f.errorType, message: f.message, stack: f.stackTrace });
            }
            this.finished(item.instanceId, info.name, done);
          }
          return { ...result, actions };
        },
      );
    } finally {
      weftMetrics.backlog('workflow', -1);
    }
  }

  /** Forgets an instance (its step was abandoned, or it finished). */
  forget(instanceId: string): void {
    this.known.delete(instanceId);
  }

  private async infoOf(item: WorkflowWorkItem, started: StartedEvent | undefined): Promise<InstanceInfo> {
    let info = this.known.get(item.instanceId);
    // A continued-as-new execution's ExecutionStarted has no trace of its own: it stays in the one it continues.
    if (started) info = { name: started.name, trace: started.parentTraceContext ?? info?.trace };
    else if (!info) {
      const first = item.pastEventCount > 0 ? findStarted(await item.loadPastEvents()) : undefined;
      info = { name: first?.name ?? '(unknown)', trace: first?.parentTraceContext };
    }
    // Most recently used last, so the first key is the one to drop.
    this.known.delete(item.instanceId);
    this.known.set(item.instanceId, info);
    if (this.known.size > this.capacity) this.known.delete(this.known.keys().next().value as string);
    return info;
  }

  private withChildTrace(action: WorkflowAction, instanceId: string): WorkflowAction {
    if (action.type !== 'CreateChildWorkflow') return action;
    const parentTraceContext = markHandOff(`create_orchestration||${action.name}`, {
      kind: 'client',
      attributes: {
        [SPAN_ATTRIBUTES.type]: 'create_orchestration',
        [SPAN_ATTRIBUTES.name]: action.name,
        [SPAN_ATTRIBUTES.instanceId]: action.instanceId,
        [SPAN_ATTRIBUTES.taskId]: action.id,
        'weft.parent_instance_id': instanceId,
      },
    });
    return parentTraceContext ? { ...action, parentTraceContext } : action;
  }

  /**
   * Logs a stalled step (warn, fields `{ instanceId, workflow, version, stalledReason }`): the version is the one
   * the instance's history recorded (its first versioned WorkflowStarted), else the one the step asked for.
   */
  private async stalled(
    instanceId: string,
    workflow: string,
    result: WorkflowStepResult,
    loadPastEvents: () => Promise<HistoryEvent[]>,
  ): Promise<void> {
    const stall = result.stalled;
    if (!stall) return;
    const recorded = (await loadPastEvents().catch(() => [] as HistoryEvent[])).find(
      (e): e is HistoryEvent & { type: 'WorkflowStarted' } =>
        e.type === 'WorkflowStarted' && e.version?.name !== undefined,
    );
    const version = recorded?.version?.name ?? result.version?.name;
    this.logger.warn(
      { instanceId, workflow, version, stalledReason: stall.reason, description: stall.description },
      `Weft: workflow '${workflow}' instance '${instanceId}' stalled (${stall.reason}): ${stall.description}`,
    );
  }

  private finished(
    instanceId: string,
    workflow: string,
    done: WorkflowAction & { type: 'CompleteWorkflow' },
  ): void {
    if (done.workflowStatus === WorkflowStatus.CONTINUED_AS_NEW) return;
    this.forget(instanceId);
    if (done.workflowStatus === WorkflowStatus.COMPLETED) weftMetrics.workflowFinished(workflow, false);
    if (done.workflowStatus !== WorkflowStatus.FAILED) return;
    weftMetrics.workflowFinished(workflow, true);
    const f = done.failureDetails;
    const fields = { instanceId, workflow, errorType: f?.errorType, err: f };
    if (f?.errorType === 'WorkflowNotFoundError')
      this.logger.error(fields, `Weft: instance '${instanceId}' names an unknown workflow: ${f.message}`);
    else
      this.logger.error(
        fields,
        `Weft: workflow '${workflow}' instance '${instanceId}' failed: ${f?.message ?? ''}`,
      );
  }
}

type StartedEvent = HistoryEvent & { type: 'ExecutionStarted' };

function findStarted(events: HistoryEvent[]): StartedEvent | undefined {
  return events.find((e): e is StartedEvent => e.type === 'ExecutionStarted');
}

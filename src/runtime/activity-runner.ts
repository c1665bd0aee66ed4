import type { DependencyContainer } from 'tsyringe';
import type { ActivityResult, ActivityWorkItem, Logger, TraceContext } from '../core';
import { boundLogger, parsePayload, serializePayload, toFailureDetails } from '../core';
import type { ActivityContext, Registry } from '../authoring';
import { inSpan, SPAN_ATTRIBUTES, weftMetrics } from '../observability';

/**
 * Runs activity attempts for both backends (the embedded worker and a Dapr sidecar's work items): resolves the
 * activity from a child container, gives it a logger bound to the attempt, runs it inside an `activity||<name>`
 * span continuing the workflow's trace, logs a failed attempt (warn) and an unknown name (error), and counts
 * attempts and their latency.
 */
export class ActivityRunner {
  /**
   * @param registry - the activities
   * @param container - each attempt resolves its activity from a child of it
   * @param logger - the application's logger
   * @param maxPayloadBytes - largest output in bytes
   * @param traceOf - the trace an attempt continues when the work item carries none (the step that scheduled it)
   */
  constructor(
    private readonly registry: Registry,
    private readonly container: DependencyContainer,
    private readonly logger: Logger,
    private readonly maxPayloadBytes: number,
    private readonly traceOf: (instanceId: string) => TraceContext | undefined,
  ) {}

  /** Runs one attempt; never throws: a failure is the result's `failureDetails`. */
  async run(item: ActivityWorkItem): Promise<ActivityResult> {
    const fields = {
      instanceId: item.instanceId,
      activity: item.name,
      attempt: item.attempt,
      taskId: item.taskId,
    };
    const log = boundLogger(this.logger, fields);
    const attributes = {
      [SPAN_ATTRIBUTES.type]: 'activity',
      [SPAN_ATTRIBUTES.name]: item.name,
      [SPAN_ATTRIBUTES.instanceId]: item.instanceId,
      [SPAN_ATTRIBUTES.taskId]: item.taskId,
      [SPAN_ATTRIBUTES.attempt]: item.attempt,
    };
    const parent = item.parentTraceContext ?? this.traceOf(item.instanceId);
    weftMetrics.backlog('activity', 1);
    try {
      return await inSpan(`activity||${item.name}`, { kind: 'server', attributes, parent }, async (scope) => {
        const result = await this.attempt(item, log);
        scope.span?.setAttribute(SPAN_ATTRIBUTES.status, result.failureDetails ? 'FAILED' : 'COMPLETED');
        if (result.failureDetails) {
          scope.fail({
            name: result.failureDetails.errorType,
            message: result.failureDetails.message,
            stack: result.failureDetails.stackTrace,
          });
        }
        return result;
      });
    } finally {
      weftMetrics.backlog('activity', -1);
    }
  }

  private async attempt(item: ActivityWorkItem, log: Logger): Promise<ActivityResult> {
    const def = this.registry.getActivity(item.name);
    if (!def) {
      const registered = [...this.registry.activities.keys()].join(', ') || '(none)';
      const message =
        `No activity named '${item.name}' is registered. Registered: ${registered}. Decorate the class with ` +
        `@Activity() and, when the runtime is given an 'activities' list, include it there (a function: ` +
        `runtime.registerActivity(fn, name)).`;
      log.error({ errorType: 'WorkflowNotFoundError' }, message);
      return { failureDetails: { errorType: 'WorkflowNotFoundError', message, isNonRetriable: true } };
    }
    const ctx: ActivityContext = {
      instanceId: item.instanceId,
      taskId: item.taskId,
      name: item.name,
      attempt: item.attempt,
      logger: log,
    };
    const child = this.container.createChildContainer();
    const startedAt = performance.now();
    let returned = false;
    try {
      const output = await def.invoke(child, ctx, parsePayload(item.input));
      returned = true;
      const result = serializePayload(output, `output of activity '${item.name}'`, this.maxPayloadBytes);
      weftMetrics.activityAttempt(item.name, 'completed', performance.now() - startedAt);
      return { result };
    } catch (err) {
      // An output too large (or not JSON) fails the attempt without a retry: a retry would produce the same.
      const failureDetails = returned
        ? { ...toFailureDetails(err), isNonRetriable: true }
        : toFailureDetails(err);
      weftMetrics.activityAttempt(item.name, 'failed', performance.now() - startedAt);
      log.warn(
        { err, errorType: failureDetails.errorType, nonRetriable: failureDetails.isNonRetriable === true },
        `Weft: activity '${item.name}' attempt ${item.attempt} of '${item.instanceId}' failed: ${failureDetails.message}`,
      );
      return { failureDetails };
    } finally {
      await child.dispose();
    }
  }
}

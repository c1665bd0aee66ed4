import 'reflect-metadata';
import { container as rootContainer } from 'tsyringe';
import type { DependencyContainer } from 'tsyringe';
import { NonDeterminismError } from '../errors';
import type { HistoryEvent, HistoryEventType, WorkflowFunction } from '../core';
import { DEFAULT_MAX_PAYLOAD_BYTES, silentLogger, WorkflowExecutor } from '../core';
import { RegistryBuilder } from '../authoring';

/** Options of {@link replayWorkflowHistory}. */
export interface ReplayHistoryOptions {
  /** Workflow classes (decorated or not) the history may name, the recorded workflow among them. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  workflows?: Function[];
  /** Workflows registered as functions, by name. */
  workflowFunctions?: Record<string, WorkflowFunction>;
  /** Container workflow classes are resolved from. Default: tsyringe's root. */
  container?: DependencyContainer;
  /** The recorded instance id (some workflows use it, e.g. for child ids). Default `replay`. */
  instanceId?: string;
}

/** A recorded event, as the engine stores it or as `client.getWorkflowHistory` returns it. */
export type RecordedHistoryEvent =
  | HistoryEvent
  | { type: HistoryEventType; eventId: number; timestamp: Date | string | number; [field: string]: unknown };

/**
 * Replays a recorded history against today's workflow code, the way a worker would after a restart, and
 * throws if the code no longer produces the recorded steps. Use it in CI with histories saved from
 * production (`client.getWorkflowHistory(id)` as JSON) before deploying a change to a workflow.
 *
 * @param history - the recorded events, in order
 * @param options - the workflows to replay with
 * @throws {@link NonDeterminismError} naming the first step where code and history disagree, or the
 *   reason the instance would stall (`PATCH_MISMATCH`, `VERSION_NOT_AVAILABLE`: a patch or workflow
 *   version in the history that the code does not have)
 * @example
 * ```ts
 * const history = JSON.parse(readFileSync('test/fixtures/histories/order-1.json', 'utf8'));
 * await replayWorkflowHistory(history, { workflows: [OrderWorkflow] });
 * ```
 */
export async function replayWorkflowHistory(
  history: readonly RecordedHistoryEvent[],
  options: ReplayHistoryOptions = {},
): Promise<void> {
  const builder = new RegistryBuilder();
  for (const w of options.workflows ?? []) builder.addWorkflowClass(w);
  for (const [name, fn] of Object.entries(options.workflowFunctions ?? {}))
    builder.addWorkflowFunction(fn, name);
  const registry = builder.build();
  const container = options.container ?? rootContainer;
  const executor = new WorkflowExecutor(
    {
      resolveWorkflow: (name, version) => {
        const def = registry.getWorkflow(name, version);
        return def && { code: def.code(container), version: def.version };
      },
      nameOf: (target, kind) => registry.nameOf(target, kind),
      logger: silentLogger,
      maxPayloadBytes: DEFAULT_MAX_PAYLOAD_BYTES,
    },
    0,
  );
  const events = history.map(toStoredEvent);
  const recordedEnd = events.find((e) => e.type === 'ExecutionCompleted');
  const past = events.filter((e) => e.type !== 'ExecutionCompleted');
  const { actions, stalled } = await executor.execute({
    instanceId: options.instanceId ?? 'replay',
    pastEventCount: past.length,
    loadPastEvents: async () => past,
    newEvents: [],
  });
  // A worker would leave the instance STALLED: today's code cannot run this history.
  if (stalled) throw new NonDeterminismError(`${stalled.reason}: ${stalled.description}`);
  const completion = actions.find((a) => a.type === 'CompleteWorkflow');
  if (
    completion?.type === 'CompleteWorkflow' &&
    completion.failureDetails?.errorType === NonDeterminismError.name
  ) {
    throw new NonDeterminismError(completion.failureDetails.message);
  }
  if (!recordedEnd || recordedEnd.type !== 'ExecutionCompleted') return;
  const recorded = `${recordedEnd.workflowStatus}${recordedEnd.result === undefined ? '' : ` with ${recordedEnd.result}`}`;
  if (!completion || completion.type !== 'CompleteWorkflow') {
    throw new NonDeterminismError(
      `The history ends ${recorded}; the code now does not finish at that point.`,
    );
  }
  const now = `${completion.workflowStatus}${completion.result === undefined ? '' : ` with ${completion.result}`}`;
  if (now !== recorded)
    throw new NonDeterminismError(`The history ends ${recorded}; the code now ends ${now}.`);
}

const JSON_FIELDS = ['input', 'result'] as const;

/**
 * Accepts the stored form (epoch-ms timestamps, payloads as JSON text) and the client's form (Date or ISO
 * timestamps, parsed payloads), told apart by the timestamp.
 */
function toStoredEvent(event: RecordedHistoryEvent): HistoryEvent {
  if (typeof event.timestamp === 'number') return event as HistoryEvent;
  const out: Record<string, unknown> = { ...event };
  const ts = event.timestamp;
  out.timestamp = ts instanceof Date ? ts.getTime() : Date.parse(ts);
  for (const field of JSON_FIELDS) {
    if (out[field] !== undefined) out[field] = JSON.stringify(out[field]);
  }
  return out as unknown as HistoryEvent;
}

import { randomUUID, timingSafeEqual } from 'node:crypto';
import type {
  handleServerStreamingCall,
  handleUnaryCall,
  Metadata,
  ServerWritableStream,
  UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { TimeoutError, ValidationError } from '../../../errors';
import type { Backend, InstanceRecord, WaitCondition } from '../../../core';
import { historyEventToWire } from '../convert/history-event-converter';
import { instanceToWire } from '../convert/instance-converter';
import { statusFromWire } from '../convert/status-converter';
import { fromTimestamp } from '../convert/wire-values';
import { GrpcStatus } from '../grpc-status';
import { GrpcAnswerError, grpcError, toGrpcError } from './grpc-error-response';
import type { GrpcErrorObject } from './grpc-error-response';
import type {
  SidecarRpcTypes,
  SidecarUnaryRpc,
  WireGetInstanceRequest,
  WireGetInstanceResponse,
  WireGetWorkItemsRequest,
  WireWorkItem,
} from '../protocol/wire-types';
import { UnknownWorkItemError } from './pending-work';
import type { WorkDispatcher } from './work-dispatcher';
import { jsonPayloadFromWire, payloadFromWire, requireField } from './wire-payload';
import { traceContextFromWire } from '../convert/trace-context-converter';
import { refusedInput } from './request-limits';
import { createCompleteTasksStream } from './complete-tasks-stream';
import type { HeldAnswers } from './complete-tasks-stream';
import { createCallStream } from './call-stream';
import type { CallContext } from './call-stream';
import { LIMITS } from '../../../core/limits';
import {
  discardedWhenNotRunning,
  finishedAsNoop,
  noSuchInstance,
  notTerminalAsReference,
  unknownAsReference,
} from './reference-answers';

/** What the handlers serve from. */
export interface SidecarHandlerContext {
  /** The engine (an opened SqliteBackend in `weft sidecar`). */
  backend: Backend;
  /** Hands work to connected workers. */
  dispatcher: WorkDispatcher;
  /** When set, every call must carry it as `dapr-api-token`. */
  apiToken?: string;
  /** The largest message the server sends, bytes (a `Calls` response over it fails its call). Default 64 MiB. */
  sendMessageBytes?: number;
  /** How long the answer to a completion taken from a `CompleteTasks` stream may be held, ms. Default 10. */
  deferAnswerMs?: number;
  /** Held `CompleteTasks` answers by connection, sent with the dispatcher's next item on it. */
  heldAnswers?: HeldAnswers;
}

/** A unary method's body: the request in, the response (or a thrown error) out; run by a call or a `Calls` message. */
type UnaryBody<K extends SidecarUnaryRpc> = (
  request: SidecarRpcTypes[K][0],
  call: CallContext,
) => Promise<SidecarRpcTypes[K][1]>;

/** Longest single wait on the engine; a wait without deadline loops so a cancelled call stops waiting. */
const WAIT_SLICE_MS = 5000;

/**
 * Builds the implementation of every non-entity RPC of `TaskHubSidecarService` over a backend.
 *
 * @param ctx - backend, dispatcher and token
 * @returns the handlers, by method name
 */
export function createSidecarHandlers(ctx: SidecarHandlerContext): UntypedServiceImplementation {
  const { backend, dispatcher } = ctx;
  const unauthorized = (metadata: Metadata): GrpcErrorObject | undefined => {
    if (!ctx.apiToken) return undefined;
    const sent = metadata.get('dapr-api-token')[0];
    const expected = Buffer.from(ctx.apiToken);
    const given = Buffer.from(sent === undefined ? '' : sent.toString());
    if (given.length === expected.length && timingSafeEqual(given, expected)) return undefined;
    return grpcError(
      GrpcStatus.UNAUTHENTICATED,
      sent === undefined
        ? 'This sidecar requires an API token: send it as dapr-api-token metadata (DAPR_API_TOKEN).'
        : "The dapr-api-token sent does not match this sidecar's token.",
    );
  };
  // What a call ends with for what its body threw.
  const callAnswer = (err: unknown): GrpcErrorObject =>
    err instanceof UnknownWorkItemError
      ? grpcError(GrpcStatus.FAILED_PRECONDITION, err.message)
      : toGrpcError(err);
  // One method, as a call or a `Calls` message runs it: the request checked first, then the body.
  const serve = <K extends SidecarUnaryRpc>(
    method: K,
    request: SidecarRpcTypes[K][0],
    call: CallContext,
  ): Promise<SidecarRpcTypes[K][1]> => {
    const refused = refusedInput(request);
    if (refused) return Promise.reject(new GrpcAnswerError(refused));
    return (bodies[method] as UnaryBody<K>)(request, call);
  };
  const unary = <K extends SidecarUnaryRpc>(
    method: K,
  ): handleUnaryCall<SidecarRpcTypes[K][0], SidecarRpcTypes[K][1]> => {
    return (call, callback) => {
      const denied = unauthorized(call.metadata);
      if (denied) return callback(denied);
      serve(method, call.request, call).then(
        (response) => callback(null, response),
        (err: unknown) => callback(callAnswer(err)),
      );
    };
  };

  const wait = async (
    request: WireGetInstanceRequest,
    call: CallContext,
    condition: WaitCondition,
  ): Promise<WireGetInstanceResponse> => {
    const instanceId = requireField(request.instanceId, 'instanceId');
    const deadline = call.getDeadline();
    const deadlineMs = deadline instanceof Date ? deadline.getTime() : deadline;
    for (;;) {
      const left = Number.isFinite(deadlineMs) ? Math.max(0, deadlineMs - Date.now()) : WAIT_SLICE_MS;
      try {
        const record = await backend.waitForInstance(instanceId, condition, Math.min(left, WAIT_SLICE_MS));
        return stateResponse(record, request.getInputsAndOutputs === true);
      } catch (err) {
        if (!(err instanceof TimeoutError) || call.cancelled) throw err;
        if (Number.isFinite(deadlineMs) && Date.now() >= deadlineMs) throw err;
      }
    }
  };

  const bodies: { [K in SidecarUnaryRpc]: UnaryBody<K> } = {
    Hello: async () => ({}),
    StartInstance: async (request) => {
      const name = requireField(request.name, 'workflow name');
      const instanceId = request.instanceId || randomUUID();
      await backend.createInstance({
        instanceId,
        name,
        input: jsonPayloadFromWire(request.input, `input of workflow '${name}'`),
        startAt: fromTimestamp(request.scheduledStartTimestamp),
        parentTraceContext: traceContextFromWire(request.parentTraceContext),
      });
      return { instanceId };
    },
    GetInstance: async (request) => {
      const instanceId = requireField(request.instanceId, 'instanceId');
      const includePayloads = request.getInputsAndOutputs === true;
      const record = await backend.getInstance(instanceId, includePayloads);
      return record ? stateResponse(record, includePayloads) : { exists: false };
    },
    WaitForInstanceStart: (request, call) => unknownAsReference(wait(request, call, 'start')),
    WaitForInstanceCompletion: (request, call) => unknownAsReference(wait(request, call, 'completion')),
    RaiseEvent: async (request) => {
      const instanceId = requireField(request.instanceId, 'instanceId');
      const name = requireField(request.name, 'event name');
      const input = jsonPayloadFromWire(request.input, `data of event '${name}'`);
      await discardedWhenNotRunning(backend.raiseEvent(instanceId, name, input));
      return {};
    },
    // Suspend, resume and terminate answer once the state shows the change, as daprd's (which waits for
    // the status); the backend records it in the request's own commit (`Backend.suspend` etc.).
    TerminateInstance: async (request) => {
      const instanceId = requireField(request.instanceId, 'instanceId');
      const output = jsonPayloadFromWire(request.output, 'output of the termination');
      await unknownAsReference(
        finishedAsNoop(backend.terminate(instanceId, output, request.recursive === true)),
      );
      return {};
    },
    SuspendInstance: async (request) => {
      const instanceId = requireField(request.instanceId, 'instanceId');
      await unknownAsReference(finishedAsNoop(backend.suspend(instanceId, payloadFromWire(request.reason))));
      return {};
    },
    ResumeInstance: async (request) => {
      const instanceId = requireField(request.instanceId, 'instanceId');
      await unknownAsReference(finishedAsNoop(backend.resume(instanceId, payloadFromWire(request.reason))));
      return {};
    },
    PurgeInstances: async (request) => {
      if (request.instanceId) {
        // As durabletask-go: the count includes purged descendants; an unknown id is an error.
        const purged = await notTerminalAsReference(
          backend.purge(request.instanceId, request.recursive === true, request.force === true),
        );
        if (purged === 0) throw noSuchInstance('failed to purge workflow state: ');
        return { deletedInstanceCount: purged, isComplete: { value: true } };
      }
      const filter = request.purgeInstanceFilter;
      if (!filter) throw new ValidationError('A purge request needs an instanceId or a purgeInstanceFilter.');
      const status = (filter.runtimeStatus ?? []).map((n) => {
        const s = statusFromWire(n);
        if (!s) throw new ValidationError(`The purge filter has unknown runtime status ${n}.`);
        return s;
      });
      const count = await backend.purgeWhere({
        createdFrom: fromTimestamp(filter.createdTimeFrom),
        createdTo: fromTimestamp(filter.createdTimeTo),
        status: status.length > 0 ? status : undefined,
      });
      return { deletedInstanceCount: count, isComplete: { value: true } };
    },
    CompleteActivityTask: async (request) => {
      dispatcher.completeActivity(request);
      return {};
    },
    CompleteOrchestratorTask: async (request) => {
      dispatcher.completeWorkflow(request);
      return {};
    },
    CompleteWorkflowTask: async (request) => {
      dispatcher.completeWorkflow(request);
      return {};
    },
    RerunWorkflowFromEvent: async (request) => {
      const sourceInstanceId = requireField(request.sourceInstanceID, 'sourceInstanceID');
      const newInstanceId = await backend.rerunFromEvent({
        sourceInstanceId,
        eventId: request.eventID ?? 0,
        newInstanceId: request.newInstanceID || randomUUID(),
        overwriteInput: request.overwriteInput === true,
        input: jsonPayloadFromWire(request.input, 'input of the rerun'),
      });
      return { newInstanceID: newInstanceId };
    },
    ListInstanceIDs: async () => {
      const instanceIds: string[] = [];
      let continuationToken: string | undefined;
      do {
        const page = await backend.listInstances({ pageSize: 1000, continuationToken });
        for (const item of page.items) instanceIds.push(item.instanceId);
        continuationToken = page.continuationToken;
      } while (continuationToken);
      return { instanceIds };
    },
    GetInstanceHistory: async (request) => {
      const instanceId = requireField(request.instanceId, 'instanceId');
      // An unknown instance has no history: durabletask-go answers OK with no events.
      const events = (await backend.getHistory(instanceId)) ?? [];
      return { events: events.map((e) => historyEventToWire(e, instanceId)) };
    },
  };

  // Work items are written encoded by the dispatcher (see `withPreEncodedWorkItems`).
  const getWorkItems: handleServerStreamingCall<WireGetWorkItemsRequest, WireWorkItem | Buffer> = (
    call: ServerWritableStream<WireGetWorkItemsRequest, WireWorkItem | Buffer>,
  ) => {
    const denied = unauthorized(call.metadata) ?? refusedInput(call.request);
    if (denied) {
      call.emit('error', denied);
      return;
    }
    dispatcher.attach(call);
    // The new worker may have the code STALLED instances wait for (a version, a patch).
    void ctx.backend.retryStalled?.().catch(() => {});
  };

  const handlers: UntypedServiceImplementation = {};
  for (const method of Object.keys(bodies) as SidecarUnaryRpc[]) handlers[method] = unary(method);
  const calls = createCallStream({
    unauthorized,
    serve: (method, request, call) =>
      Object.hasOwn(bodies, method) ? serve(method as SidecarUnaryRpc, request, call) : undefined,
    answer: callAnswer,
    maxSendBytes: ctx.sendMessageBytes ?? LIMITS.sendMessageBytes,
  });
  return {
    ...handlers,
    GetWorkItems: getWorkItems,
    CompleteTasks: createCompleteTasksStream({
      unauthorized,
      answer: callAnswer,
      dispatcher,
      deferAnswerMs: ctx.deferAnswerMs,
      heldAnswers: ctx.heldAnswers,
    }),
    Calls: calls,
  } as UntypedServiceImplementation;
}

function stateResponse(record: InstanceRecord, includePayloads: boolean): WireGetInstanceResponse {
  const state = instanceToWire(
    includePayloads ? record : { ...record, input: undefined, output: undefined, customStatus: undefined },
  );
  return { exists: true, workflowState: state };
}

/**
 * TypeScript shapes of the protocol messages, derived from the types `proto-loader-gen-types` generates from
 * `proto/` (`npm run gen:proto` writes them to `./generated/`; a test fails when they drift from `proto/`).
 * The decoded (`__Output`) types match the loader options in `load-protocol.ts`: original field names, enums and
 * 64-bit integers as numbers, unset fields absent, a oneof's chosen member named by a virtual string field.
 * {@link Wire} loosens them for both directions: every field optional (proto3 omits defaults on the wire),
 * message fields may be `null` (unset when encoding), enums are plain numbers.
 * @packageDocumentation
 */
import type { ActivityRequest__Output } from './generated/ActivityRequest';
import type { ActivityResponse__Output } from './generated/ActivityResponse';
import type { CreateInstanceRequest__Output } from './generated/CreateInstanceRequest';
import type { CreateInstanceResponse__Output } from './generated/CreateInstanceResponse';
import type { GetInstanceHistoryRequest__Output } from './generated/GetInstanceHistoryRequest';
import type { GetInstanceHistoryResponse__Output } from './generated/GetInstanceHistoryResponse';
import type { GetInstanceRequest__Output } from './generated/GetInstanceRequest';
import type { GetInstanceResponse__Output } from './generated/GetInstanceResponse';
import type { GetWorkItemsRequest__Output } from './generated/GetWorkItemsRequest';
import type { NextStep__Output } from './generated/NextStep';
import type { TaskCompletion__Output } from './generated/TaskCompletion';
import type { TaskCompletionResult__Output } from './generated/TaskCompletionResult';
import type { Call__Output } from './generated/Call';
import type { CallResult__Output } from './generated/CallResult';
import type { BoolValue__Output } from './generated/google/protobuf/BoolValue';
import type { Int32Value__Output } from './generated/google/protobuf/Int32Value';
import type { StringValue__Output } from './generated/google/protobuf/StringValue';
import type { Timestamp__Output } from './generated/google/protobuf/Timestamp';
import type { HistoryEvent__Output } from './generated/HistoryEvent';
import type { ListInstanceIDsResponse__Output } from './generated/ListInstanceIDsResponse';
import type { ParentInstanceInfo__Output } from './generated/ParentInstanceInfo';
import type { PurgeInstanceFilter__Output } from './generated/PurgeInstanceFilter';
import type { PurgeInstancesRequest__Output } from './generated/PurgeInstancesRequest';
import type { PurgeInstancesResponse__Output } from './generated/PurgeInstancesResponse';
import type { RaiseEventRequest__Output } from './generated/RaiseEventRequest';
import type { RerunWorkflowFromEventRequest__Output } from './generated/RerunWorkflowFromEventRequest';
import type { RerunWorkflowFromEventResponse__Output } from './generated/RerunWorkflowFromEventResponse';
import type { SuspendRequest__Output } from './generated/SuspendRequest';
import type { TaskFailureDetails__Output } from './generated/TaskFailureDetails';
import type { TerminateRequest__Output } from './generated/TerminateRequest';
import type { TimerCreatedEvent__Output } from './generated/TimerCreatedEvent';
import type { TraceContext__Output } from './generated/TraceContext';
import type { WorkflowAction__Output } from './generated/WorkflowAction';
import type { WorkflowInstance__Output } from './generated/WorkflowInstance';
import type { WorkflowRequest__Output } from './generated/WorkflowRequest';
import type { WorkflowResponse__Output } from './generated/WorkflowResponse';
import type { WorkflowState__Output } from './generated/WorkflowState';
import type { WorkflowVersion__Output } from './generated/WorkflowVersion';
import type { WorkItem__Output } from './generated/WorkItem';

/**
 * A value inside a {@link Wire} message: nested messages loosened too, enums widened to `number`, `bytes`
 * fields kept as a `Buffer`.
 */
export type WireValue<F> = F extends Buffer
  ? Buffer
  : F extends (infer U)[]
    ? WireValue<U>[]
    : F extends number
      ? number
      : F extends string | boolean
        ? F
        : F extends object
          ? Wire<F>
          : F;

/** One field of a {@link Wire} message: a {@link WireValue}, or `null` for an unset message field. */
export type WireField<F> = F extends unknown[]
  ? WireValue<F>
  : F extends object
    ? WireValue<F> | null
    : WireValue<F>;

/** A generated message type as Weft both encodes and decodes it (see the file comment). */
export type Wire<T> = { [K in keyof T]?: WireField<NonNullable<T[K]>> };

/** `google.protobuf.StringValue`: present with `value` absent means the empty string. */
export type WireStringValue = Wire<StringValue__Output>;
/** `google.protobuf.Int32Value`. */
export type WireInt32Value = Wire<Int32Value__Output>;
/** `google.protobuf.BoolValue`. */
export type WireBoolValue = Wire<BoolValue__Output>;
/** `google.protobuf.Timestamp` (`seconds` as a number: the loader's `longs: Number`). */
export type WireTimestamp = Wire<Timestamp__Output>;
/** `WorkflowInstance`. */
export type WireWorkflowInstance = Wire<WorkflowInstance__Output>;
/** `TaskFailureDetails`. */
export type WireFailureDetails = Wire<TaskFailureDetails__Output>;
/** `ParentInstanceInfo`. */
export type WireParentInstanceInfo = Wire<ParentInstanceInfo__Output>;
/** `WorkflowState`. */
export type WireWorkflowState = Wire<WorkflowState__Output>;
/** The `origin` oneof shared by `TimerCreatedEvent` and `CreateTimerAction`. */
export type WireTimerOrigin = Pick<
  Wire<TimerCreatedEvent__Output>,
  'createTimer' | 'externalEvent' | 'activityRetry' | 'childWorkflowRetry' | 'origin'
>;
/** `HistoryEvent` with its `eventType` oneof (`eventType` names the member set, when decoded). */
export type WireHistoryEvent = Wire<HistoryEvent__Output>;
/** `WorkflowAction` with its `workflowActionType` oneof. */
export type WireWorkflowAction = Wire<WorkflowAction__Output>;
/** `ActivityRequest`. */
export type WireActivityRequest = Wire<ActivityRequest__Output>;
/** `ActivityResponse`. */
export type WireActivityResponse = Wire<ActivityResponse__Output>;
/** `WorkflowRequest`. */
export type WireWorkflowRequest = Wire<WorkflowRequest__Output>;
/** `WorkflowResponse`. */
export type WireWorkflowResponse = Wire<WorkflowResponse__Output>;
/** `TraceContext`: a W3C trace context (`traceParent`, `traceState`; `spanID` is deprecated and not written). */
export type WireTraceContext = Wire<TraceContext__Output>;
/** `WorkflowVersion`: the version name and patches a step ran with. */
export type WireWorkflowVersion = Wire<WorkflowVersion__Output>;
/** `WorkItem` (`request` names the member set, when decoded). */
export type WireWorkItem = Wire<WorkItem__Output>;
/** `CreateInstanceRequest`. */
export type WireCreateInstanceRequest = Wire<CreateInstanceRequest__Output>;
/** `CreateInstanceResponse`. */
export type WireCreateInstanceResponse = Wire<CreateInstanceResponse__Output>;
/** `GetInstanceRequest`. */
export type WireGetInstanceRequest = Wire<GetInstanceRequest__Output>;
/** `GetInstanceResponse`. */
export type WireGetInstanceResponse = Wire<GetInstanceResponse__Output>;
/** `RaiseEventRequest`. */
export type WireRaiseEventRequest = Wire<RaiseEventRequest__Output>;
/** `TerminateRequest`. */
export type WireTerminateRequest = Wire<TerminateRequest__Output>;
/** `SuspendRequest` and `ResumeRequest` (the same fields). */
export type WireSuspendResumeRequest = Wire<SuspendRequest__Output>;
/** `PurgeInstanceFilter`. */
export type WirePurgeInstanceFilter = Wire<PurgeInstanceFilter__Output>;
/** `PurgeInstancesRequest`. */
export type WirePurgeInstancesRequest = Wire<PurgeInstancesRequest__Output>;
/** `PurgeInstancesResponse`. */
export type WirePurgeInstancesResponse = Wire<PurgeInstancesResponse__Output>;
/** `GetWorkItemsRequest`. */
export type WireGetWorkItemsRequest = Wire<GetWorkItemsRequest__Output>;
/** `RerunWorkflowFromEventRequest`. */
export type WireRerunRequest = Wire<RerunWorkflowFromEventRequest__Output>;
/** `RerunWorkflowFromEventResponse`. */
export type WireRerunResponse = Wire<RerunWorkflowFromEventResponse__Output>;
/** `ListInstanceIDsResponse`. */
export type WireListInstanceIdsResponse = Wire<ListInstanceIDsResponse__Output>;
/** `GetInstanceHistoryRequest`. */
export type WireGetInstanceHistoryRequest = Wire<GetInstanceHistoryRequest__Output>;
/** `GetInstanceHistoryResponse`. */
export type WireGetInstanceHistoryResponse = Wire<GetInstanceHistoryResponse__Output>;

/** `TaskCompletion` (Weft extension): a completion sent on the `CompleteTasks` stream. */
export type WireTaskCompletion = Wire<TaskCompletion__Output>;
/** `NextStep` (Weft extension): the workflow step a worker ran at once on an activity's outcome. */
export type WireNextStep = Wire<NextStep__Output>;
/** `TaskCompletionResult` (Weft extension): the answer to a `TaskCompletion`. */
export type WireTaskCompletionResult = Wire<TaskCompletionResult__Output>;

/** `Call` (Weft extension): a unary call sent on the `Calls` stream, its request encoded. */
export type WireCall = Wire<Call__Output>;
/** `CallResult` (Weft extension): the answer to a `Call`, its response encoded. */
export type WireCallResult = Wire<CallResult__Output>;

/** An empty message (`google.protobuf.Empty` and the empty responses). */
export type WireEmpty = Record<string, never>;

/** Request and response type of every RPC of `TaskHubSidecarService`, by method name. */
export interface SidecarRpcTypes {
  Hello: [WireEmpty, WireEmpty];
  StartInstance: [WireCreateInstanceRequest, WireCreateInstanceResponse];
  GetInstance: [WireGetInstanceRequest, WireGetInstanceResponse];
  WaitForInstanceStart: [WireGetInstanceRequest, WireGetInstanceResponse];
  WaitForInstanceCompletion: [WireGetInstanceRequest, WireGetInstanceResponse];
  RaiseEvent: [WireRaiseEventRequest, WireEmpty];
  TerminateInstance: [WireTerminateRequest, WireEmpty];
  SuspendInstance: [WireSuspendResumeRequest, WireEmpty];
  ResumeInstance: [WireSuspendResumeRequest, WireEmpty];
  PurgeInstances: [WirePurgeInstancesRequest, WirePurgeInstancesResponse];
  GetWorkItems: [WireGetWorkItemsRequest, WireWorkItem];
  CompleteActivityTask: [WireActivityResponse, WireEmpty];
  CompleteOrchestratorTask: [WireWorkflowResponse, WireEmpty];
  CompleteWorkflowTask: [WireWorkflowResponse, WireEmpty];
  RerunWorkflowFromEvent: [WireRerunRequest, WireRerunResponse];
  ListInstanceIDs: [WireEmpty, WireListInstanceIdsResponse];
  GetInstanceHistory: [WireGetInstanceHistoryRequest, WireGetInstanceHistoryResponse];
  CompleteTasks: [WireTaskCompletion, WireTaskCompletionResult];
  Calls: [WireCall, WireCallResult];
}

/** The name of an RPC of `TaskHubSidecarService`. */
export type SidecarRpc = keyof SidecarRpcTypes;

/** The unary RPCs (every one but the streams `GetWorkItems`, `CompleteTasks` and `Calls`). */
export type SidecarUnaryRpc = Exclude<SidecarRpc, 'GetWorkItems' | 'CompleteTasks' | 'Calls'>;

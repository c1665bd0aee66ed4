/**
 * TypeScript shapes of the protocol messages as @grpc/proto-loader encodes and decodes them (options in
 * `load-protocol.ts`: original field names, enums and 64-bit integers as numbers, unset fields absent,
 * a oneof's chosen member named by a virtual string field). Only what Weft reads or writes is declared;
 * every field is optional because proto3 omits defaults on the wire.
 * @packageDocumentation
 */

/** `google.protobuf.StringValue`: present with `value` absent means the empty string. */
export interface WireStringValue {
  value?: string;
}

/** `google.protobuf.Int32Value`. */
export interface WireInt32Value {
  value?: number;
}

/** `google.protobuf.BoolValue`. */
export interface WireBoolValue {
  value?: boolean;
}

/** `google.protobuf.Timestamp`. */
export interface WireTimestamp {
  seconds?: number;
  nanos?: number;
}

/** `WorkflowInstance`. */
export interface WireWorkflowInstance {
  instanceId?: string;
  executionId?: WireStringValue | null;
}

/** `TaskFailureDetails`. */
export interface WireFailureDetails {
  errorType?: string;
  errorMessage?: string;
  stackTrace?: WireStringValue | null;
  innerFailure?: WireFailureDetails | null;
  isNonRetriable?: boolean;
}

/** `ParentInstanceInfo`. */
export interface WireParentInstanceInfo {
  taskScheduledId?: number;
  name?: WireStringValue | null;
  version?: WireStringValue | null;
  workflowInstance?: WireWorkflowInstance | null;
}

/** `WorkflowState`. */
export interface WireWorkflowState {
  instanceId?: string;
  name?: string;
  workflowStatus?: number;
  scheduledStartTimestamp?: WireTimestamp | null;
  createdTimestamp?: WireTimestamp | null;
  lastUpdatedTimestamp?: WireTimestamp | null;
  input?: WireStringValue | null;
  output?: WireStringValue | null;
  customStatus?: WireStringValue | null;
  failureDetails?: WireFailureDetails | null;
  executionId?: WireStringValue | null;
  completedTimestamp?: WireTimestamp | null;
  parentInstanceId?: WireStringValue | null;
}

/** The origin members shared by `TimerCreatedEvent` and `CreateTimerAction`. */
export interface WireTimerOrigin {
  createTimer?: Record<string, never> | null;
  externalEvent?: { name?: string } | null;
  activityRetry?: { taskExecutionId?: string } | null;
  childWorkflowRetry?: { instanceId?: string } | null;
  /** Which origin member is set (decoded only). */
  origin?: 'createTimer' | 'externalEvent' | 'activityRetry' | 'childWorkflowRetry';
}

/** `HistoryEvent` with its `eventType` oneof. */
export interface WireHistoryEvent {
  eventId?: number;
  timestamp?: WireTimestamp | null;
  executionStarted?: {
    name?: string;
    version?: WireStringValue | null;
    input?: WireStringValue | null;
    workflowInstance?: WireWorkflowInstance | null;
    parentInstance?: WireParentInstanceInfo | null;
    scheduledStartTimestamp?: WireTimestamp | null;
  } | null;
  executionCompleted?: {
    workflowStatus?: number;
    result?: WireStringValue | null;
    failureDetails?: WireFailureDetails | null;
  } | null;
  executionTerminated?: { input?: WireStringValue | null; recurse?: boolean } | null;
  taskScheduled?: {
    name?: string;
    version?: WireStringValue | null;
    input?: WireStringValue | null;
    taskExecutionId?: string;
    attempt?: number;
  } | null;
  taskCompleted?: {
    taskScheduledId?: number;
    result?: WireStringValue | null;
    taskExecutionId?: string;
  } | null;
  taskFailed?: {
    taskScheduledId?: number;
    failureDetails?: WireFailureDetails | null;
    taskExecutionId?: string;
  } | null;
  childWorkflowInstanceCreated?: {
    instanceId?: string;
    name?: string;
    version?: WireStringValue | null;
    input?: WireStringValue | null;
  } | null;
  childWorkflowInstanceCompleted?: { taskScheduledId?: number; result?: WireStringValue | null } | null;
  childWorkflowInstanceFailed?: {
    taskScheduledId?: number;
    failureDetails?: WireFailureDetails | null;
  } | null;
  timerCreated?: ({ fireAt?: WireTimestamp | null } & WireTimerOrigin) | null;
  timerFired?: { fireAt?: WireTimestamp | null; timerId?: number } | null;
  workflowStarted?: Record<string, never> | null;
  workflowCompleted?: Record<string, never> | null;
  eventSent?: { instanceId?: string; name?: string; input?: WireStringValue | null } | null;
  eventRaised?: { name?: string; input?: WireStringValue | null } | null;
  continueAsNew?: { input?: WireStringValue | null } | null;
  executionSuspended?: { input?: WireStringValue | null } | null;
  executionResumed?: { input?: WireStringValue | null } | null;
  executionStalled?: { reason?: number } | null;
  detachedWorkflowInstanceCreated?: { instanceId?: string } | null;
  /** Which `eventType` member is set (decoded only). */
  eventType?: string;
}

/** `WorkflowAction` with its `workflowActionType` oneof. */
export interface WireWorkflowAction {
  id?: number;
  scheduleTask?: {
    name?: string;
    version?: WireStringValue | null;
    input?: WireStringValue | null;
    taskExecutionId?: string;
    attempt?: number;
  } | null;
  createChildWorkflow?: {
    instanceId?: string;
    name?: string;
    version?: WireStringValue | null;
    input?: WireStringValue | null;
  } | null;
  createTimer?: ({ fireAt?: WireTimestamp | null } & WireTimerOrigin) | null;
  sendEvent?: { instance?: WireWorkflowInstance | null; name?: string; data?: WireStringValue | null } | null;
  completeWorkflow?: {
    workflowStatus?: number;
    result?: WireStringValue | null;
    details?: WireStringValue | null;
    newVersion?: WireStringValue | null;
    carryoverEvents?: WireHistoryEvent[];
    failureDetails?: WireFailureDetails | null;
  } | null;
  terminateWorkflow?: { instanceId?: string; reason?: WireStringValue | null; recurse?: boolean } | null;
  workflowVersionNotAvailable?: Record<string, never> | null;
  createDetachedWorkflow?: { instanceId?: string; name?: string; input?: WireStringValue | null } | null;
  /** Which `workflowActionType` member is set (decoded only). */
  workflowActionType?: string;
}

/** `ActivityRequest`. */
export interface WireActivityRequest {
  name?: string;
  version?: WireStringValue | null;
  input?: WireStringValue | null;
  workflowInstance?: WireWorkflowInstance | null;
  taskId?: number;
  taskExecutionId?: string;
  attempt?: number;
}

/** `ActivityResponse`. */
export interface WireActivityResponse {
  instanceId?: string;
  taskId?: number;
  result?: WireStringValue | null;
  failureDetails?: WireFailureDetails | null;
  completionToken?: string;
}

/** `WorkflowRequest`. */
export interface WireWorkflowRequest {
  instanceId?: string;
  executionId?: WireStringValue | null;
  pastEvents?: WireHistoryEvent[];
  newEvents?: WireHistoryEvent[];
  requiresHistoryStreaming?: boolean;
}

/** `WorkflowResponse`. */
export interface WireWorkflowResponse {
  instanceId?: string;
  actions?: WireWorkflowAction[];
  customStatus?: WireStringValue | null;
  completionToken?: string;
  numEventsProcessed?: WireInt32Value | null;
}

/** `WorkItem`. */
export interface WireWorkItem {
  workflowRequest?: WireWorkflowRequest | null;
  activityRequest?: WireActivityRequest | null;
  completionToken?: string;
  /** Which `request` member is set (decoded only). */
  request?: 'workflowRequest' | 'activityRequest';
}

/** `CreateInstanceRequest`. */
export interface WireCreateInstanceRequest {
  instanceId?: string;
  name?: string;
  version?: WireStringValue | null;
  input?: WireStringValue | null;
  scheduledStartTimestamp?: WireTimestamp | null;
  executionId?: WireStringValue | null;
  tags?: Record<string, string>;
}

/** `CreateInstanceResponse`. */
export interface WireCreateInstanceResponse {
  instanceId?: string;
}

/** `GetInstanceRequest`. */
export interface WireGetInstanceRequest {
  instanceId?: string;
  getInputsAndOutputs?: boolean;
}

/** `GetInstanceResponse`. */
export interface WireGetInstanceResponse {
  exists?: boolean;
  workflowState?: WireWorkflowState | null;
}

/** `RaiseEventRequest`. */
export interface WireRaiseEventRequest {
  instanceId?: string;
  name?: string;
  input?: WireStringValue | null;
}

/** `TerminateRequest`. */
export interface WireTerminateRequest {
  instanceId?: string;
  output?: WireStringValue | null;
  recursive?: boolean;
}

/** `SuspendRequest` and `ResumeRequest`. */
export interface WireSuspendResumeRequest {
  instanceId?: string;
  reason?: WireStringValue | null;
}

/** `PurgeInstanceFilter`. */
export interface WirePurgeInstanceFilter {
  createdTimeFrom?: WireTimestamp | null;
  createdTimeTo?: WireTimestamp | null;
  runtimeStatus?: number[];
}

/** `PurgeInstancesRequest`. */
export interface WirePurgeInstancesRequest {
  instanceId?: string;
  purgeInstanceFilter?: WirePurgeInstanceFilter | null;
  recursive?: boolean;
  /** Purge even when a descendant has not finished (field 4, as durabletask-go's). */
  force?: boolean;
  /** Which `request` member is set (decoded only). */
  request?: 'instanceId' | 'purgeInstanceFilter';
}

/** `PurgeInstancesResponse`. */
export interface WirePurgeInstancesResponse {
  deletedInstanceCount?: number;
  isComplete?: WireBoolValue | null;
}

/** `GetWorkItemsRequest`. */
export interface WireGetWorkItemsRequest {
  capabilities?: number[];
}

/** `RerunWorkflowFromEventRequest`. */
export interface WireRerunRequest {
  sourceInstanceID?: string;
  eventID?: number;
  newInstanceID?: string;
  input?: WireStringValue | null;
  overwriteInput?: boolean;
}

/** `RerunWorkflowFromEventResponse`. */
export interface WireRerunResponse {
  newInstanceID?: string;
}

/** `ListInstanceIDsResponse`. */
export interface WireListInstanceIdsResponse {
  instanceIds?: string[];
}

/** `GetInstanceHistoryRequest`. */
export interface WireGetInstanceHistoryRequest {
  instanceId?: string;
}

/** `GetInstanceHistoryResponse`. */
export interface WireGetInstanceHistoryResponse {
  events?: WireHistoryEvent[];
}

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
}

/** The name of an RPC of `TaskHubSidecarService`. */
export type SidecarRpc = keyof SidecarRpcTypes;

/** The unary RPCs (every one but `GetWorkItems`). */
export type SidecarUnaryRpc = Exclude<SidecarRpc, 'GetWorkItems'>;

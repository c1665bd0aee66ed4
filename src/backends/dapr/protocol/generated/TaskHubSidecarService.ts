// Original file: proto/orchestrator_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ActivityResponse as _ActivityResponse, ActivityResponse__Output as _ActivityResponse__Output } from './ActivityResponse';
import type { Call as _Call, Call__Output as _Call__Output } from './Call';
import type { CallResult as _CallResult, CallResult__Output as _CallResult__Output } from './CallResult';
import type { CompleteTaskResponse as _CompleteTaskResponse, CompleteTaskResponse__Output as _CompleteTaskResponse__Output } from './CompleteTaskResponse';
import type { CreateInstanceRequest as _CreateInstanceRequest, CreateInstanceRequest__Output as _CreateInstanceRequest__Output } from './CreateInstanceRequest';
import type { CreateInstanceResponse as _CreateInstanceResponse, CreateInstanceResponse__Output as _CreateInstanceResponse__Output } from './CreateInstanceResponse';
import type { Empty as _google_protobuf_Empty, Empty__Output as _google_protobuf_Empty__Output } from './google/protobuf/Empty';
import type { GetInstanceHistoryRequest as _GetInstanceHistoryRequest, GetInstanceHistoryRequest__Output as _GetInstanceHistoryRequest__Output } from './GetInstanceHistoryRequest';
import type { GetInstanceHistoryResponse as _GetInstanceHistoryResponse, GetInstanceHistoryResponse__Output as _GetInstanceHistoryResponse__Output } from './GetInstanceHistoryResponse';
import type { GetInstanceRequest as _GetInstanceRequest, GetInstanceRequest__Output as _GetInstanceRequest__Output } from './GetInstanceRequest';
import type { GetInstanceResponse as _GetInstanceResponse, GetInstanceResponse__Output as _GetInstanceResponse__Output } from './GetInstanceResponse';
import type { GetWorkItemsRequest as _GetWorkItemsRequest, GetWorkItemsRequest__Output as _GetWorkItemsRequest__Output } from './GetWorkItemsRequest';
import type { ListInstanceIDsRequest as _ListInstanceIDsRequest, ListInstanceIDsRequest__Output as _ListInstanceIDsRequest__Output } from './ListInstanceIDsRequest';
import type { ListInstanceIDsResponse as _ListInstanceIDsResponse, ListInstanceIDsResponse__Output as _ListInstanceIDsResponse__Output } from './ListInstanceIDsResponse';
import type { PurgeInstancesRequest as _PurgeInstancesRequest, PurgeInstancesRequest__Output as _PurgeInstancesRequest__Output } from './PurgeInstancesRequest';
import type { PurgeInstancesResponse as _PurgeInstancesResponse, PurgeInstancesResponse__Output as _PurgeInstancesResponse__Output } from './PurgeInstancesResponse';
import type { RaiseEventRequest as _RaiseEventRequest, RaiseEventRequest__Output as _RaiseEventRequest__Output } from './RaiseEventRequest';
import type { RaiseEventResponse as _RaiseEventResponse, RaiseEventResponse__Output as _RaiseEventResponse__Output } from './RaiseEventResponse';
import type { RerunWorkflowFromEventRequest as _RerunWorkflowFromEventRequest, RerunWorkflowFromEventRequest__Output as _RerunWorkflowFromEventRequest__Output } from './RerunWorkflowFromEventRequest';
import type { RerunWorkflowFromEventResponse as _RerunWorkflowFromEventResponse, RerunWorkflowFromEventResponse__Output as _RerunWorkflowFromEventResponse__Output } from './RerunWorkflowFromEventResponse';
import type { ResumeRequest as _ResumeRequest, ResumeRequest__Output as _ResumeRequest__Output } from './ResumeRequest';
import type { ResumeResponse as _ResumeResponse, ResumeResponse__Output as _ResumeResponse__Output } from './ResumeResponse';
import type { SuspendRequest as _SuspendRequest, SuspendRequest__Output as _SuspendRequest__Output } from './SuspendRequest';
import type { SuspendResponse as _SuspendResponse, SuspendResponse__Output as _SuspendResponse__Output } from './SuspendResponse';
import type { TaskCompletion as _TaskCompletion, TaskCompletion__Output as _TaskCompletion__Output } from './TaskCompletion';
import type { TaskCompletionResult as _TaskCompletionResult, TaskCompletionResult__Output as _TaskCompletionResult__Output } from './TaskCompletionResult';
import type { TerminateRequest as _TerminateRequest, TerminateRequest__Output as _TerminateRequest__Output } from './TerminateRequest';
import type { TerminateResponse as _TerminateResponse, TerminateResponse__Output as _TerminateResponse__Output } from './TerminateResponse';
import type { WorkItem as _WorkItem, WorkItem__Output as _WorkItem__Output } from './WorkItem';
import type { WorkflowResponse as _WorkflowResponse, WorkflowResponse__Output as _WorkflowResponse__Output } from './WorkflowResponse';

export interface TaskHubSidecarServiceClient extends grpc.Client {
  /**
   * Weft extension: unary calls as messages of one stream (no HTTP/2 stream per call for Weft's client).
   */
  Calls(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_Call, _CallResult__Output>;
  Calls(options?: grpc.CallOptions): grpc.ClientDuplexStream<_Call, _CallResult__Output>;
  /**
   * Weft extension: unary calls as messages of one stream (no HTTP/2 stream per call for Weft's client).
   */
  calls(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_Call, _CallResult__Output>;
  calls(options?: grpc.CallOptions): grpc.ClientDuplexStream<_Call, _CallResult__Output>;
  
  CompleteActivityTask(argument: _ActivityResponse, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  CompleteActivityTask(argument: _ActivityResponse, metadata: grpc.Metadata, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  CompleteActivityTask(argument: _ActivityResponse, options: grpc.CallOptions, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  CompleteActivityTask(argument: _ActivityResponse, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  completeActivityTask(argument: _ActivityResponse, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  completeActivityTask(argument: _ActivityResponse, metadata: grpc.Metadata, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  completeActivityTask(argument: _ActivityResponse, options: grpc.CallOptions, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  completeActivityTask(argument: _ActivityResponse, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  
  CompleteOrchestratorTask(argument: _WorkflowResponse, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  CompleteOrchestratorTask(argument: _WorkflowResponse, metadata: grpc.Metadata, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  CompleteOrchestratorTask(argument: _WorkflowResponse, options: grpc.CallOptions, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  CompleteOrchestratorTask(argument: _WorkflowResponse, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  completeOrchestratorTask(argument: _WorkflowResponse, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  completeOrchestratorTask(argument: _WorkflowResponse, metadata: grpc.Metadata, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  completeOrchestratorTask(argument: _WorkflowResponse, options: grpc.CallOptions, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  completeOrchestratorTask(argument: _WorkflowResponse, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Weft extension: completions as messages of one stream (fewer calls per step for Weft's worker).
   */
  CompleteTasks(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_TaskCompletion, _TaskCompletionResult__Output>;
  CompleteTasks(options?: grpc.CallOptions): grpc.ClientDuplexStream<_TaskCompletion, _TaskCompletionResult__Output>;
  /**
   * Weft extension: completions as messages of one stream (fewer calls per step for Weft's worker).
   */
  completeTasks(metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientDuplexStream<_TaskCompletion, _TaskCompletionResult__Output>;
  completeTasks(options?: grpc.CallOptions): grpc.ClientDuplexStream<_TaskCompletion, _TaskCompletionResult__Output>;
  
  CompleteWorkflowTask(argument: _WorkflowResponse, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  CompleteWorkflowTask(argument: _WorkflowResponse, metadata: grpc.Metadata, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  CompleteWorkflowTask(argument: _WorkflowResponse, options: grpc.CallOptions, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  CompleteWorkflowTask(argument: _WorkflowResponse, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  completeWorkflowTask(argument: _WorkflowResponse, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  completeWorkflowTask(argument: _WorkflowResponse, metadata: grpc.Metadata, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  completeWorkflowTask(argument: _WorkflowResponse, options: grpc.CallOptions, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  completeWorkflowTask(argument: _WorkflowResponse, callback: grpc.requestCallback<_CompleteTaskResponse__Output>): grpc.ClientUnaryCall;
  
  GetInstance(argument: _GetInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  GetInstance(argument: _GetInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  GetInstance(argument: _GetInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  GetInstance(argument: _GetInstanceRequest, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  getInstance(argument: _GetInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  getInstance(argument: _GetInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  getInstance(argument: _GetInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  getInstance(argument: _GetInstanceRequest, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  
  GetInstanceHistory(argument: _GetInstanceHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetInstanceHistory(argument: _GetInstanceHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_GetInstanceHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetInstanceHistory(argument: _GetInstanceHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceHistoryResponse__Output>): grpc.ClientUnaryCall;
  GetInstanceHistory(argument: _GetInstanceHistoryRequest, callback: grpc.requestCallback<_GetInstanceHistoryResponse__Output>): grpc.ClientUnaryCall;
  getInstanceHistory(argument: _GetInstanceHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceHistoryResponse__Output>): grpc.ClientUnaryCall;
  getInstanceHistory(argument: _GetInstanceHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_GetInstanceHistoryResponse__Output>): grpc.ClientUnaryCall;
  getInstanceHistory(argument: _GetInstanceHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceHistoryResponse__Output>): grpc.ClientUnaryCall;
  getInstanceHistory(argument: _GetInstanceHistoryRequest, callback: grpc.requestCallback<_GetInstanceHistoryResponse__Output>): grpc.ClientUnaryCall;
  
  GetWorkItems(argument: _GetWorkItemsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_WorkItem__Output>;
  GetWorkItems(argument: _GetWorkItemsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_WorkItem__Output>;
  getWorkItems(argument: _GetWorkItemsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_WorkItem__Output>;
  getWorkItems(argument: _GetWorkItemsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_WorkItem__Output>;
  
  Hello(argument: _google_protobuf_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  Hello(argument: _google_protobuf_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  Hello(argument: _google_protobuf_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  Hello(argument: _google_protobuf_Empty, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  hello(argument: _google_protobuf_Empty, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  hello(argument: _google_protobuf_Empty, metadata: grpc.Metadata, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  hello(argument: _google_protobuf_Empty, options: grpc.CallOptions, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  hello(argument: _google_protobuf_Empty, callback: grpc.requestCallback<_google_protobuf_Empty__Output>): grpc.ClientUnaryCall;
  
  ListInstanceIDs(argument: _ListInstanceIDsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ListInstanceIDsResponse__Output>): grpc.ClientUnaryCall;
  ListInstanceIDs(argument: _ListInstanceIDsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ListInstanceIDsResponse__Output>): grpc.ClientUnaryCall;
  ListInstanceIDs(argument: _ListInstanceIDsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ListInstanceIDsResponse__Output>): grpc.ClientUnaryCall;
  ListInstanceIDs(argument: _ListInstanceIDsRequest, callback: grpc.requestCallback<_ListInstanceIDsResponse__Output>): grpc.ClientUnaryCall;
  listInstanceIDs(argument: _ListInstanceIDsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ListInstanceIDsResponse__Output>): grpc.ClientUnaryCall;
  listInstanceIDs(argument: _ListInstanceIDsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ListInstanceIDsResponse__Output>): grpc.ClientUnaryCall;
  listInstanceIDs(argument: _ListInstanceIDsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ListInstanceIDsResponse__Output>): grpc.ClientUnaryCall;
  listInstanceIDs(argument: _ListInstanceIDsRequest, callback: grpc.requestCallback<_ListInstanceIDsResponse__Output>): grpc.ClientUnaryCall;
  
  PurgeInstances(argument: _PurgeInstancesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_PurgeInstancesResponse__Output>): grpc.ClientUnaryCall;
  PurgeInstances(argument: _PurgeInstancesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_PurgeInstancesResponse__Output>): grpc.ClientUnaryCall;
  PurgeInstances(argument: _PurgeInstancesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_PurgeInstancesResponse__Output>): grpc.ClientUnaryCall;
  PurgeInstances(argument: _PurgeInstancesRequest, callback: grpc.requestCallback<_PurgeInstancesResponse__Output>): grpc.ClientUnaryCall;
  purgeInstances(argument: _PurgeInstancesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_PurgeInstancesResponse__Output>): grpc.ClientUnaryCall;
  purgeInstances(argument: _PurgeInstancesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_PurgeInstancesResponse__Output>): grpc.ClientUnaryCall;
  purgeInstances(argument: _PurgeInstancesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_PurgeInstancesResponse__Output>): grpc.ClientUnaryCall;
  purgeInstances(argument: _PurgeInstancesRequest, callback: grpc.requestCallback<_PurgeInstancesResponse__Output>): grpc.ClientUnaryCall;
  
  RaiseEvent(argument: _RaiseEventRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_RaiseEventResponse__Output>): grpc.ClientUnaryCall;
  RaiseEvent(argument: _RaiseEventRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_RaiseEventResponse__Output>): grpc.ClientUnaryCall;
  RaiseEvent(argument: _RaiseEventRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_RaiseEventResponse__Output>): grpc.ClientUnaryCall;
  RaiseEvent(argument: _RaiseEventRequest, callback: grpc.requestCallback<_RaiseEventResponse__Output>): grpc.ClientUnaryCall;
  raiseEvent(argument: _RaiseEventRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_RaiseEventResponse__Output>): grpc.ClientUnaryCall;
  raiseEvent(argument: _RaiseEventRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_RaiseEventResponse__Output>): grpc.ClientUnaryCall;
  raiseEvent(argument: _RaiseEventRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_RaiseEventResponse__Output>): grpc.ClientUnaryCall;
  raiseEvent(argument: _RaiseEventRequest, callback: grpc.requestCallback<_RaiseEventResponse__Output>): grpc.ClientUnaryCall;
  
  RerunWorkflowFromEvent(argument: _RerunWorkflowFromEventRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_RerunWorkflowFromEventResponse__Output>): grpc.ClientUnaryCall;
  RerunWorkflowFromEvent(argument: _RerunWorkflowFromEventRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_RerunWorkflowFromEventResponse__Output>): grpc.ClientUnaryCall;
  RerunWorkflowFromEvent(argument: _RerunWorkflowFromEventRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_RerunWorkflowFromEventResponse__Output>): grpc.ClientUnaryCall;
  RerunWorkflowFromEvent(argument: _RerunWorkflowFromEventRequest, callback: grpc.requestCallback<_RerunWorkflowFromEventResponse__Output>): grpc.ClientUnaryCall;
  rerunWorkflowFromEvent(argument: _RerunWorkflowFromEventRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_RerunWorkflowFromEventResponse__Output>): grpc.ClientUnaryCall;
  rerunWorkflowFromEvent(argument: _RerunWorkflowFromEventRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_RerunWorkflowFromEventResponse__Output>): grpc.ClientUnaryCall;
  rerunWorkflowFromEvent(argument: _RerunWorkflowFromEventRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_RerunWorkflowFromEventResponse__Output>): grpc.ClientUnaryCall;
  rerunWorkflowFromEvent(argument: _RerunWorkflowFromEventRequest, callback: grpc.requestCallback<_RerunWorkflowFromEventResponse__Output>): grpc.ClientUnaryCall;
  
  ResumeInstance(argument: _ResumeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ResumeResponse__Output>): grpc.ClientUnaryCall;
  ResumeInstance(argument: _ResumeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ResumeResponse__Output>): grpc.ClientUnaryCall;
  ResumeInstance(argument: _ResumeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ResumeResponse__Output>): grpc.ClientUnaryCall;
  ResumeInstance(argument: _ResumeRequest, callback: grpc.requestCallback<_ResumeResponse__Output>): grpc.ClientUnaryCall;
  resumeInstance(argument: _ResumeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_ResumeResponse__Output>): grpc.ClientUnaryCall;
  resumeInstance(argument: _ResumeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_ResumeResponse__Output>): grpc.ClientUnaryCall;
  resumeInstance(argument: _ResumeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_ResumeResponse__Output>): grpc.ClientUnaryCall;
  resumeInstance(argument: _ResumeRequest, callback: grpc.requestCallback<_ResumeResponse__Output>): grpc.ClientUnaryCall;
  
  StartInstance(argument: _CreateInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_CreateInstanceResponse__Output>): grpc.ClientUnaryCall;
  StartInstance(argument: _CreateInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_CreateInstanceResponse__Output>): grpc.ClientUnaryCall;
  StartInstance(argument: _CreateInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_CreateInstanceResponse__Output>): grpc.ClientUnaryCall;
  StartInstance(argument: _CreateInstanceRequest, callback: grpc.requestCallback<_CreateInstanceResponse__Output>): grpc.ClientUnaryCall;
  startInstance(argument: _CreateInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_CreateInstanceResponse__Output>): grpc.ClientUnaryCall;
  startInstance(argument: _CreateInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_CreateInstanceResponse__Output>): grpc.ClientUnaryCall;
  startInstance(argument: _CreateInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_CreateInstanceResponse__Output>): grpc.ClientUnaryCall;
  startInstance(argument: _CreateInstanceRequest, callback: grpc.requestCallback<_CreateInstanceResponse__Output>): grpc.ClientUnaryCall;
  
  SuspendInstance(argument: _SuspendRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_SuspendResponse__Output>): grpc.ClientUnaryCall;
  SuspendInstance(argument: _SuspendRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_SuspendResponse__Output>): grpc.ClientUnaryCall;
  SuspendInstance(argument: _SuspendRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_SuspendResponse__Output>): grpc.ClientUnaryCall;
  SuspendInstance(argument: _SuspendRequest, callback: grpc.requestCallback<_SuspendResponse__Output>): grpc.ClientUnaryCall;
  suspendInstance(argument: _SuspendRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_SuspendResponse__Output>): grpc.ClientUnaryCall;
  suspendInstance(argument: _SuspendRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_SuspendResponse__Output>): grpc.ClientUnaryCall;
  suspendInstance(argument: _SuspendRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_SuspendResponse__Output>): grpc.ClientUnaryCall;
  suspendInstance(argument: _SuspendRequest, callback: grpc.requestCallback<_SuspendResponse__Output>): grpc.ClientUnaryCall;
  
  TerminateInstance(argument: _TerminateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_TerminateResponse__Output>): grpc.ClientUnaryCall;
  TerminateInstance(argument: _TerminateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_TerminateResponse__Output>): grpc.ClientUnaryCall;
  TerminateInstance(argument: _TerminateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_TerminateResponse__Output>): grpc.ClientUnaryCall;
  TerminateInstance(argument: _TerminateRequest, callback: grpc.requestCallback<_TerminateResponse__Output>): grpc.ClientUnaryCall;
  terminateInstance(argument: _TerminateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_TerminateResponse__Output>): grpc.ClientUnaryCall;
  terminateInstance(argument: _TerminateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_TerminateResponse__Output>): grpc.ClientUnaryCall;
  terminateInstance(argument: _TerminateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_TerminateResponse__Output>): grpc.ClientUnaryCall;
  terminateInstance(argument: _TerminateRequest, callback: grpc.requestCallback<_TerminateResponse__Output>): grpc.ClientUnaryCall;
  
  WaitForInstanceCompletion(argument: _GetInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  WaitForInstanceCompletion(argument: _GetInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  WaitForInstanceCompletion(argument: _GetInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  WaitForInstanceCompletion(argument: _GetInstanceRequest, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  waitForInstanceCompletion(argument: _GetInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  waitForInstanceCompletion(argument: _GetInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  waitForInstanceCompletion(argument: _GetInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  waitForInstanceCompletion(argument: _GetInstanceRequest, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  
  WaitForInstanceStart(argument: _GetInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  WaitForInstanceStart(argument: _GetInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  WaitForInstanceStart(argument: _GetInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  WaitForInstanceStart(argument: _GetInstanceRequest, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  waitForInstanceStart(argument: _GetInstanceRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  waitForInstanceStart(argument: _GetInstanceRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  waitForInstanceStart(argument: _GetInstanceRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  waitForInstanceStart(argument: _GetInstanceRequest, callback: grpc.requestCallback<_GetInstanceResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface TaskHubSidecarServiceHandlers extends grpc.UntypedServiceImplementation {
  /**
   * Weft extension: unary calls as messages of one stream (no HTTP/2 stream per call for Weft's client).
   */
  Calls: grpc.handleBidiStreamingCall<_Call__Output, _CallResult>;
  
  CompleteActivityTask: grpc.handleUnaryCall<_ActivityResponse__Output, _CompleteTaskResponse>;
  
  CompleteOrchestratorTask: grpc.handleUnaryCall<_WorkflowResponse__Output, _CompleteTaskResponse>;
  
  /**
   * Weft extension: completions as messages of one stream (fewer calls per step for Weft's worker).
   */
  CompleteTasks: grpc.handleBidiStreamingCall<_TaskCompletion__Output, _TaskCompletionResult>;
  
  CompleteWorkflowTask: grpc.handleUnaryCall<_WorkflowResponse__Output, _CompleteTaskResponse>;
  
  GetInstance: grpc.handleUnaryCall<_GetInstanceRequest__Output, _GetInstanceResponse>;
  
  GetInstanceHistory: grpc.handleUnaryCall<_GetInstanceHistoryRequest__Output, _GetInstanceHistoryResponse>;
  
  GetWorkItems: grpc.handleServerStreamingCall<_GetWorkItemsRequest__Output, _WorkItem>;
  
  Hello: grpc.handleUnaryCall<_google_protobuf_Empty__Output, _google_protobuf_Empty>;
  
  ListInstanceIDs: grpc.handleUnaryCall<_ListInstanceIDsRequest__Output, _ListInstanceIDsResponse>;
  
  PurgeInstances: grpc.handleUnaryCall<_PurgeInstancesRequest__Output, _PurgeInstancesResponse>;
  
  RaiseEvent: grpc.handleUnaryCall<_RaiseEventRequest__Output, _RaiseEventResponse>;
  
  RerunWorkflowFromEvent: grpc.handleUnaryCall<_RerunWorkflowFromEventRequest__Output, _RerunWorkflowFromEventResponse>;
  
  ResumeInstance: grpc.handleUnaryCall<_ResumeRequest__Output, _ResumeResponse>;
  
  StartInstance: grpc.handleUnaryCall<_CreateInstanceRequest__Output, _CreateInstanceResponse>;
  
  SuspendInstance: grpc.handleUnaryCall<_SuspendRequest__Output, _SuspendResponse>;
  
  TerminateInstance: grpc.handleUnaryCall<_TerminateRequest__Output, _TerminateResponse>;
  
  WaitForInstanceCompletion: grpc.handleUnaryCall<_GetInstanceRequest__Output, _GetInstanceResponse>;
  
  WaitForInstanceStart: grpc.handleUnaryCall<_GetInstanceRequest__Output, _GetInstanceResponse>;
  
}

export interface TaskHubSidecarServiceDefinition extends grpc.ServiceDefinition {
  Calls: MethodDefinition<_Call, _CallResult, _Call__Output, _CallResult__Output>
  CompleteActivityTask: MethodDefinition<_ActivityResponse, _CompleteTaskResponse, _ActivityResponse__Output, _CompleteTaskResponse__Output>
  CompleteOrchestratorTask: MethodDefinition<_WorkflowResponse, _CompleteTaskResponse, _WorkflowResponse__Output, _CompleteTaskResponse__Output>
  CompleteTasks: MethodDefinition<_TaskCompletion, _TaskCompletionResult, _TaskCompletion__Output, _TaskCompletionResult__Output>
  CompleteWorkflowTask: MethodDefinition<_WorkflowResponse, _CompleteTaskResponse, _WorkflowResponse__Output, _CompleteTaskResponse__Output>
  GetInstance: MethodDefinition<_GetInstanceRequest, _GetInstanceResponse, _GetInstanceRequest__Output, _GetInstanceResponse__Output>
  GetInstanceHistory: MethodDefinition<_GetInstanceHistoryRequest, _GetInstanceHistoryResponse, _GetInstanceHistoryRequest__Output, _GetInstanceHistoryResponse__Output>
  GetWorkItems: MethodDefinition<_GetWorkItemsRequest, _WorkItem, _GetWorkItemsRequest__Output, _WorkItem__Output>
  Hello: MethodDefinition<_google_protobuf_Empty, _google_protobuf_Empty, _google_protobuf_Empty__Output, _google_protobuf_Empty__Output>
  ListInstanceIDs: MethodDefinition<_ListInstanceIDsRequest, _ListInstanceIDsResponse, _ListInstanceIDsRequest__Output, _ListInstanceIDsResponse__Output>
  PurgeInstances: MethodDefinition<_PurgeInstancesRequest, _PurgeInstancesResponse, _PurgeInstancesRequest__Output, _PurgeInstancesResponse__Output>
  RaiseEvent: MethodDefinition<_RaiseEventRequest, _RaiseEventResponse, _RaiseEventRequest__Output, _RaiseEventResponse__Output>
  RerunWorkflowFromEvent: MethodDefinition<_RerunWorkflowFromEventRequest, _RerunWorkflowFromEventResponse, _RerunWorkflowFromEventRequest__Output, _RerunWorkflowFromEventResponse__Output>
  ResumeInstance: MethodDefinition<_ResumeRequest, _ResumeResponse, _ResumeRequest__Output, _ResumeResponse__Output>
  StartInstance: MethodDefinition<_CreateInstanceRequest, _CreateInstanceResponse, _CreateInstanceRequest__Output, _CreateInstanceResponse__Output>
  SuspendInstance: MethodDefinition<_SuspendRequest, _SuspendResponse, _SuspendRequest__Output, _SuspendResponse__Output>
  TerminateInstance: MethodDefinition<_TerminateRequest, _TerminateResponse, _TerminateRequest__Output, _TerminateResponse__Output>
  WaitForInstanceCompletion: MethodDefinition<_GetInstanceRequest, _GetInstanceResponse, _GetInstanceRequest__Output, _GetInstanceResponse__Output>
  WaitForInstanceStart: MethodDefinition<_GetInstanceRequest, _GetInstanceResponse, _GetInstanceRequest__Output, _GetInstanceResponse__Output>
}

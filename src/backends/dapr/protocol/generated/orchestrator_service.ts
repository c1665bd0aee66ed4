import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ActivityRequest as _ActivityRequest, ActivityRequest__Output as _ActivityRequest__Output } from './ActivityRequest';
import type { ActivityResponse as _ActivityResponse, ActivityResponse__Output as _ActivityResponse__Output } from './ActivityResponse';
import type { CachedHistory as _CachedHistory, CachedHistory__Output as _CachedHistory__Output } from './CachedHistory';
import type { Call as _Call, Call__Output as _Call__Output } from './Call';
import type { CallResult as _CallResult, CallResult__Output as _CallResult__Output } from './CallResult';
import type { ChildWorkflowInstanceCompletedEvent as _ChildWorkflowInstanceCompletedEvent, ChildWorkflowInstanceCompletedEvent__Output as _ChildWorkflowInstanceCompletedEvent__Output } from './ChildWorkflowInstanceCompletedEvent';
import type { ChildWorkflowInstanceCreatedEvent as _ChildWorkflowInstanceCreatedEvent, ChildWorkflowInstanceCreatedEvent__Output as _ChildWorkflowInstanceCreatedEvent__Output } from './ChildWorkflowInstanceCreatedEvent';
import type { ChildWorkflowInstanceFailedEvent as _ChildWorkflowInstanceFailedEvent, ChildWorkflowInstanceFailedEvent__Output as _ChildWorkflowInstanceFailedEvent__Output } from './ChildWorkflowInstanceFailedEvent';
import type { CompleteTaskResponse as _CompleteTaskResponse, CompleteTaskResponse__Output as _CompleteTaskResponse__Output } from './CompleteTaskResponse';
import type { CompleteWorkflowAction as _CompleteWorkflowAction, CompleteWorkflowAction__Output as _CompleteWorkflowAction__Output } from './CompleteWorkflowAction';
import type { ContinueAsNewEvent as _ContinueAsNewEvent, ContinueAsNewEvent__Output as _ContinueAsNewEvent__Output } from './ContinueAsNewEvent';
import type { CreateChildWorkflowAction as _CreateChildWorkflowAction, CreateChildWorkflowAction__Output as _CreateChildWorkflowAction__Output } from './CreateChildWorkflowAction';
import type { CreateDetachedWorkflowAction as _CreateDetachedWorkflowAction, CreateDetachedWorkflowAction__Output as _CreateDetachedWorkflowAction__Output } from './CreateDetachedWorkflowAction';
import type { CreateInstanceRequest as _CreateInstanceRequest, CreateInstanceRequest__Output as _CreateInstanceRequest__Output } from './CreateInstanceRequest';
import type { CreateInstanceResponse as _CreateInstanceResponse, CreateInstanceResponse__Output as _CreateInstanceResponse__Output } from './CreateInstanceResponse';
import type { CreateTimerAction as _CreateTimerAction, CreateTimerAction__Output as _CreateTimerAction__Output } from './CreateTimerAction';
import type { DetachedWorkflowInstanceCreatedEvent as _DetachedWorkflowInstanceCreatedEvent, DetachedWorkflowInstanceCreatedEvent__Output as _DetachedWorkflowInstanceCreatedEvent__Output } from './DetachedWorkflowInstanceCreatedEvent';
import type { EventRaisedEvent as _EventRaisedEvent, EventRaisedEvent__Output as _EventRaisedEvent__Output } from './EventRaisedEvent';
import type { EventSentEvent as _EventSentEvent, EventSentEvent__Output as _EventSentEvent__Output } from './EventSentEvent';
import type { ExecutionCompletedEvent as _ExecutionCompletedEvent, ExecutionCompletedEvent__Output as _ExecutionCompletedEvent__Output } from './ExecutionCompletedEvent';
import type { ExecutionResumedEvent as _ExecutionResumedEvent, ExecutionResumedEvent__Output as _ExecutionResumedEvent__Output } from './ExecutionResumedEvent';
import type { ExecutionStalledEvent as _ExecutionStalledEvent, ExecutionStalledEvent__Output as _ExecutionStalledEvent__Output } from './ExecutionStalledEvent';
import type { ExecutionStartedEvent as _ExecutionStartedEvent, ExecutionStartedEvent__Output as _ExecutionStartedEvent__Output } from './ExecutionStartedEvent';
import type { ExecutionSuspendedEvent as _ExecutionSuspendedEvent, ExecutionSuspendedEvent__Output as _ExecutionSuspendedEvent__Output } from './ExecutionSuspendedEvent';
import type { ExecutionTerminatedEvent as _ExecutionTerminatedEvent, ExecutionTerminatedEvent__Output as _ExecutionTerminatedEvent__Output } from './ExecutionTerminatedEvent';
import type { GetInstanceHistoryRequest as _GetInstanceHistoryRequest, GetInstanceHistoryRequest__Output as _GetInstanceHistoryRequest__Output } from './GetInstanceHistoryRequest';
import type { GetInstanceHistoryResponse as _GetInstanceHistoryResponse, GetInstanceHistoryResponse__Output as _GetInstanceHistoryResponse__Output } from './GetInstanceHistoryResponse';
import type { GetInstanceRequest as _GetInstanceRequest, GetInstanceRequest__Output as _GetInstanceRequest__Output } from './GetInstanceRequest';
import type { GetInstanceResponse as _GetInstanceResponse, GetInstanceResponse__Output as _GetInstanceResponse__Output } from './GetInstanceResponse';
import type { GetWorkItemsRequest as _GetWorkItemsRequest, GetWorkItemsRequest__Output as _GetWorkItemsRequest__Output } from './GetWorkItemsRequest';
import type { HistoryEvent as _HistoryEvent, HistoryEvent__Output as _HistoryEvent__Output } from './HistoryEvent';
import type { ListInstanceIDsRequest as _ListInstanceIDsRequest, ListInstanceIDsRequest__Output as _ListInstanceIDsRequest__Output } from './ListInstanceIDsRequest';
import type { ListInstanceIDsResponse as _ListInstanceIDsResponse, ListInstanceIDsResponse__Output as _ListInstanceIDsResponse__Output } from './ListInstanceIDsResponse';
import type { NextStep as _NextStep, NextStep__Output as _NextStep__Output } from './NextStep';
import type { ParentInstanceInfo as _ParentInstanceInfo, ParentInstanceInfo__Output as _ParentInstanceInfo__Output } from './ParentInstanceInfo';
import type { PropagatedHistory as _PropagatedHistory, PropagatedHistory__Output as _PropagatedHistory__Output } from './PropagatedHistory';
import type { PropagatedHistoryChunk as _PropagatedHistoryChunk, PropagatedHistoryChunk__Output as _PropagatedHistoryChunk__Output } from './PropagatedHistoryChunk';
import type { PurgeInstanceFilter as _PurgeInstanceFilter, PurgeInstanceFilter__Output as _PurgeInstanceFilter__Output } from './PurgeInstanceFilter';
import type { PurgeInstancesRequest as _PurgeInstancesRequest, PurgeInstancesRequest__Output as _PurgeInstancesRequest__Output } from './PurgeInstancesRequest';
import type { PurgeInstancesResponse as _PurgeInstancesResponse, PurgeInstancesResponse__Output as _PurgeInstancesResponse__Output } from './PurgeInstancesResponse';
import type { RaiseEventRequest as _RaiseEventRequest, RaiseEventRequest__Output as _RaiseEventRequest__Output } from './RaiseEventRequest';
import type { RaiseEventResponse as _RaiseEventResponse, RaiseEventResponse__Output as _RaiseEventResponse__Output } from './RaiseEventResponse';
import type { RerunParentInstanceInfo as _RerunParentInstanceInfo, RerunParentInstanceInfo__Output as _RerunParentInstanceInfo__Output } from './RerunParentInstanceInfo';
import type { RerunWorkflowFromEventRequest as _RerunWorkflowFromEventRequest, RerunWorkflowFromEventRequest__Output as _RerunWorkflowFromEventRequest__Output } from './RerunWorkflowFromEventRequest';
import type { RerunWorkflowFromEventResponse as _RerunWorkflowFromEventResponse, RerunWorkflowFromEventResponse__Output as _RerunWorkflowFromEventResponse__Output } from './RerunWorkflowFromEventResponse';
import type { ResumeRequest as _ResumeRequest, ResumeRequest__Output as _ResumeRequest__Output } from './ResumeRequest';
import type { ResumeResponse as _ResumeResponse, ResumeResponse__Output as _ResumeResponse__Output } from './ResumeResponse';
import type { RetryParentInstanceInfo as _RetryParentInstanceInfo, RetryParentInstanceInfo__Output as _RetryParentInstanceInfo__Output } from './RetryParentInstanceInfo';
import type { ScheduleTaskAction as _ScheduleTaskAction, ScheduleTaskAction__Output as _ScheduleTaskAction__Output } from './ScheduleTaskAction';
import type { SendEventAction as _SendEventAction, SendEventAction__Output as _SendEventAction__Output } from './SendEventAction';
import type { SuspendRequest as _SuspendRequest, SuspendRequest__Output as _SuspendRequest__Output } from './SuspendRequest';
import type { SuspendResponse as _SuspendResponse, SuspendResponse__Output as _SuspendResponse__Output } from './SuspendResponse';
import type { TaskCompletedEvent as _TaskCompletedEvent, TaskCompletedEvent__Output as _TaskCompletedEvent__Output } from './TaskCompletedEvent';
import type { TaskCompletion as _TaskCompletion, TaskCompletion__Output as _TaskCompletion__Output } from './TaskCompletion';
import type { TaskCompletionResult as _TaskCompletionResult, TaskCompletionResult__Output as _TaskCompletionResult__Output } from './TaskCompletionResult';
import type { TaskFailedEvent as _TaskFailedEvent, TaskFailedEvent__Output as _TaskFailedEvent__Output } from './TaskFailedEvent';
import type { TaskFailureDetails as _TaskFailureDetails, TaskFailureDetails__Output as _TaskFailureDetails__Output } from './TaskFailureDetails';
import type { TaskHubSidecarServiceClient as _TaskHubSidecarServiceClient, TaskHubSidecarServiceDefinition as _TaskHubSidecarServiceDefinition } from './TaskHubSidecarService';
import type { TaskRouter as _TaskRouter, TaskRouter__Output as _TaskRouter__Output } from './TaskRouter';
import type { TaskScheduledEvent as _TaskScheduledEvent, TaskScheduledEvent__Output as _TaskScheduledEvent__Output } from './TaskScheduledEvent';
import type { TerminateRequest as _TerminateRequest, TerminateRequest__Output as _TerminateRequest__Output } from './TerminateRequest';
import type { TerminateResponse as _TerminateResponse, TerminateResponse__Output as _TerminateResponse__Output } from './TerminateResponse';
import type { TerminateWorkflowAction as _TerminateWorkflowAction, TerminateWorkflowAction__Output as _TerminateWorkflowAction__Output } from './TerminateWorkflowAction';
import type { TimerCreatedEvent as _TimerCreatedEvent, TimerCreatedEvent__Output as _TimerCreatedEvent__Output } from './TimerCreatedEvent';
import type { TimerFiredEvent as _TimerFiredEvent, TimerFiredEvent__Output as _TimerFiredEvent__Output } from './TimerFiredEvent';
import type { TimerOriginActivityRetry as _TimerOriginActivityRetry, TimerOriginActivityRetry__Output as _TimerOriginActivityRetry__Output } from './TimerOriginActivityRetry';
import type { TimerOriginChildWorkflowRetry as _TimerOriginChildWorkflowRetry, TimerOriginChildWorkflowRetry__Output as _TimerOriginChildWorkflowRetry__Output } from './TimerOriginChildWorkflowRetry';
import type { TimerOriginCreateTimer as _TimerOriginCreateTimer, TimerOriginCreateTimer__Output as _TimerOriginCreateTimer__Output } from './TimerOriginCreateTimer';
import type { TimerOriginExternalEvent as _TimerOriginExternalEvent, TimerOriginExternalEvent__Output as _TimerOriginExternalEvent__Output } from './TimerOriginExternalEvent';
import type { TraceContext as _TraceContext, TraceContext__Output as _TraceContext__Output } from './TraceContext';
import type { WorkItem as _WorkItem, WorkItem__Output as _WorkItem__Output } from './WorkItem';
import type { WorkflowAction as _WorkflowAction, WorkflowAction__Output as _WorkflowAction__Output } from './WorkflowAction';
import type { WorkflowCompletedEvent as _WorkflowCompletedEvent, WorkflowCompletedEvent__Output as _WorkflowCompletedEvent__Output } from './WorkflowCompletedEvent';
import type { WorkflowInstance as _WorkflowInstance, WorkflowInstance__Output as _WorkflowInstance__Output } from './WorkflowInstance';
import type { WorkflowRequest as _WorkflowRequest, WorkflowRequest__Output as _WorkflowRequest__Output } from './WorkflowRequest';
import type { WorkflowResponse as _WorkflowResponse, WorkflowResponse__Output as _WorkflowResponse__Output } from './WorkflowResponse';
import type { WorkflowStartedEvent as _WorkflowStartedEvent, WorkflowStartedEvent__Output as _WorkflowStartedEvent__Output } from './WorkflowStartedEvent';
import type { WorkflowState as _WorkflowState, WorkflowState__Output as _WorkflowState__Output } from './WorkflowState';
import type { WorkflowVersion as _WorkflowVersion, WorkflowVersion__Output as _WorkflowVersion__Output } from './WorkflowVersion';
import type { WorkflowVersionNotAvailableAction as _WorkflowVersionNotAvailableAction, WorkflowVersionNotAvailableAction__Output as _WorkflowVersionNotAvailableAction__Output } from './WorkflowVersionNotAvailableAction';
import type { BoolValue as _google_protobuf_BoolValue, BoolValue__Output as _google_protobuf_BoolValue__Output } from './google/protobuf/BoolValue';
import type { BytesValue as _google_protobuf_BytesValue, BytesValue__Output as _google_protobuf_BytesValue__Output } from './google/protobuf/BytesValue';
import type { DoubleValue as _google_protobuf_DoubleValue, DoubleValue__Output as _google_protobuf_DoubleValue__Output } from './google/protobuf/DoubleValue';
import type { Empty as _google_protobuf_Empty, Empty__Output as _google_protobuf_Empty__Output } from './google/protobuf/Empty';
import type { FloatValue as _google_protobuf_FloatValue, FloatValue__Output as _google_protobuf_FloatValue__Output } from './google/protobuf/FloatValue';
import type { Int32Value as _google_protobuf_Int32Value, Int32Value__Output as _google_protobuf_Int32Value__Output } from './google/protobuf/Int32Value';
import type { Int64Value as _google_protobuf_Int64Value, Int64Value__Output as _google_protobuf_Int64Value__Output } from './google/protobuf/Int64Value';
import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { UInt32Value as _google_protobuf_UInt32Value, UInt32Value__Output as _google_protobuf_UInt32Value__Output } from './google/protobuf/UInt32Value';
import type { UInt64Value as _google_protobuf_UInt64Value, UInt64Value__Output as _google_protobuf_UInt64Value__Output } from './google/protobuf/UInt64Value';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  ActivityRequest: MessageTypeDefinition<_ActivityRequest, _ActivityRequest__Output>
  ActivityResponse: MessageTypeDefinition<_ActivityResponse, _ActivityResponse__Output>
  CachedHistory: MessageTypeDefinition<_CachedHistory, _CachedHistory__Output>
  Call: MessageTypeDefinition<_Call, _Call__Output>
  CallResult: MessageTypeDefinition<_CallResult, _CallResult__Output>
  ChildWorkflowInstanceCompletedEvent: MessageTypeDefinition<_ChildWorkflowInstanceCompletedEvent, _ChildWorkflowInstanceCompletedEvent__Output>
  ChildWorkflowInstanceCreatedEvent: MessageTypeDefinition<_ChildWorkflowInstanceCreatedEvent, _ChildWorkflowInstanceCreatedEvent__Output>
  ChildWorkflowInstanceFailedEvent: MessageTypeDefinition<_ChildWorkflowInstanceFailedEvent, _ChildWorkflowInstanceFailedEvent__Output>
  CompleteTaskResponse: MessageTypeDefinition<_CompleteTaskResponse, _CompleteTaskResponse__Output>
  CompleteWorkflowAction: MessageTypeDefinition<_CompleteWorkflowAction, _CompleteWorkflowAction__Output>
  ContinueAsNewEvent: MessageTypeDefinition<_ContinueAsNewEvent, _ContinueAsNewEvent__Output>
  CreateChildWorkflowAction: MessageTypeDefinition<_CreateChildWorkflowAction, _CreateChildWorkflowAction__Output>
  CreateDetachedWorkflowAction: MessageTypeDefinition<_CreateDetachedWorkflowAction, _CreateDetachedWorkflowAction__Output>
  CreateInstanceRequest: MessageTypeDefinition<_CreateInstanceRequest, _CreateInstanceRequest__Output>
  CreateInstanceResponse: MessageTypeDefinition<_CreateInstanceResponse, _CreateInstanceResponse__Output>
  CreateTimerAction: MessageTypeDefinition<_CreateTimerAction, _CreateTimerAction__Output>
  DetachedWorkflowInstanceCreatedEvent: MessageTypeDefinition<_DetachedWorkflowInstanceCreatedEvent, _DetachedWorkflowInstanceCreatedEvent__Output>
  EventRaisedEvent: MessageTypeDefinition<_EventRaisedEvent, _EventRaisedEvent__Output>
  EventSentEvent: MessageTypeDefinition<_EventSentEvent, _EventSentEvent__Output>
  ExecutionCompletedEvent: MessageTypeDefinition<_ExecutionCompletedEvent, _ExecutionCompletedEvent__Output>
  ExecutionResumedEvent: MessageTypeDefinition<_ExecutionResumedEvent, _ExecutionResumedEvent__Output>
  ExecutionStalledEvent: MessageTypeDefinition<_ExecutionStalledEvent, _ExecutionStalledEvent__Output>
  ExecutionStartedEvent: MessageTypeDefinition<_ExecutionStartedEvent, _ExecutionStartedEvent__Output>
  ExecutionSuspendedEvent: MessageTypeDefinition<_ExecutionSuspendedEvent, _ExecutionSuspendedEvent__Output>
  ExecutionTerminatedEvent: MessageTypeDefinition<_ExecutionTerminatedEvent, _ExecutionTerminatedEvent__Output>
  GetInstanceHistoryRequest: MessageTypeDefinition<_GetInstanceHistoryRequest, _GetInstanceHistoryRequest__Output>
  GetInstanceHistoryResponse: MessageTypeDefinition<_GetInstanceHistoryResponse, _GetInstanceHistoryResponse__Output>
  GetInstanceRequest: MessageTypeDefinition<_GetInstanceRequest, _GetInstanceRequest__Output>
  GetInstanceResponse: MessageTypeDefinition<_GetInstanceResponse, _GetInstanceResponse__Output>
  GetWorkItemsRequest: MessageTypeDefinition<_GetWorkItemsRequest, _GetWorkItemsRequest__Output>
  HistoryEvent: MessageTypeDefinition<_HistoryEvent, _HistoryEvent__Output>
  HistoryPropagationScope: EnumTypeDefinition
  ListInstanceIDsRequest: MessageTypeDefinition<_ListInstanceIDsRequest, _ListInstanceIDsRequest__Output>
  ListInstanceIDsResponse: MessageTypeDefinition<_ListInstanceIDsResponse, _ListInstanceIDsResponse__Output>
  NextStep: MessageTypeDefinition<_NextStep, _NextStep__Output>
  OrchestrationStatus: EnumTypeDefinition
  ParentInstanceInfo: MessageTypeDefinition<_ParentInstanceInfo, _ParentInstanceInfo__Output>
  PropagatedHistory: MessageTypeDefinition<_PropagatedHistory, _PropagatedHistory__Output>
  PropagatedHistoryChunk: MessageTypeDefinition<_PropagatedHistoryChunk, _PropagatedHistoryChunk__Output>
  PurgeInstanceFilter: MessageTypeDefinition<_PurgeInstanceFilter, _PurgeInstanceFilter__Output>
  PurgeInstancesRequest: MessageTypeDefinition<_PurgeInstancesRequest, _PurgeInstancesRequest__Output>
  PurgeInstancesResponse: MessageTypeDefinition<_PurgeInstancesResponse, _PurgeInstancesResponse__Output>
  RaiseEventRequest: MessageTypeDefinition<_RaiseEventRequest, _RaiseEventRequest__Output>
  RaiseEventResponse: MessageTypeDefinition<_RaiseEventResponse, _RaiseEventResponse__Output>
  RerunParentInstanceInfo: MessageTypeDefinition<_RerunParentInstanceInfo, _RerunParentInstanceInfo__Output>
  RerunWorkflowFromEventRequest: MessageTypeDefinition<_RerunWorkflowFromEventRequest, _RerunWorkflowFromEventRequest__Output>
  RerunWorkflowFromEventResponse: MessageTypeDefinition<_RerunWorkflowFromEventResponse, _RerunWorkflowFromEventResponse__Output>
  ResumeRequest: MessageTypeDefinition<_ResumeRequest, _ResumeRequest__Output>
  ResumeResponse: MessageTypeDefinition<_ResumeResponse, _ResumeResponse__Output>
  RetryParentInstanceInfo: MessageTypeDefinition<_RetryParentInstanceInfo, _RetryParentInstanceInfo__Output>
  ScheduleTaskAction: MessageTypeDefinition<_ScheduleTaskAction, _ScheduleTaskAction__Output>
  SendEventAction: MessageTypeDefinition<_SendEventAction, _SendEventAction__Output>
  StalledReason: EnumTypeDefinition
  SuspendRequest: MessageTypeDefinition<_SuspendRequest, _SuspendRequest__Output>
  SuspendResponse: MessageTypeDefinition<_SuspendResponse, _SuspendResponse__Output>
  TaskCompletedEvent: MessageTypeDefinition<_TaskCompletedEvent, _TaskCompletedEvent__Output>
  TaskCompletion: MessageTypeDefinition<_TaskCompletion, _TaskCompletion__Output>
  TaskCompletionResult: MessageTypeDefinition<_TaskCompletionResult, _TaskCompletionResult__Output>
  TaskFailedEvent: MessageTypeDefinition<_TaskFailedEvent, _TaskFailedEvent__Output>
  TaskFailureDetails: MessageTypeDefinition<_TaskFailureDetails, _TaskFailureDetails__Output>
  TaskHubSidecarService: SubtypeConstructor<typeof grpc.Client, _TaskHubSidecarServiceClient> & { service: _TaskHubSidecarServiceDefinition }
  TaskRouter: MessageTypeDefinition<_TaskRouter, _TaskRouter__Output>
  TaskScheduledEvent: MessageTypeDefinition<_TaskScheduledEvent, _TaskScheduledEvent__Output>
  TerminateRequest: MessageTypeDefinition<_TerminateRequest, _TerminateRequest__Output>
  TerminateResponse: MessageTypeDefinition<_TerminateResponse, _TerminateResponse__Output>
  TerminateWorkflowAction: MessageTypeDefinition<_TerminateWorkflowAction, _TerminateWorkflowAction__Output>
  TimerCreatedEvent: MessageTypeDefinition<_TimerCreatedEvent, _TimerCreatedEvent__Output>
  TimerFiredEvent: MessageTypeDefinition<_TimerFiredEvent, _TimerFiredEvent__Output>
  TimerOriginActivityRetry: MessageTypeDefinition<_TimerOriginActivityRetry, _TimerOriginActivityRetry__Output>
  TimerOriginChildWorkflowRetry: MessageTypeDefinition<_TimerOriginChildWorkflowRetry, _TimerOriginChildWorkflowRetry__Output>
  TimerOriginCreateTimer: MessageTypeDefinition<_TimerOriginCreateTimer, _TimerOriginCreateTimer__Output>
  TimerOriginExternalEvent: MessageTypeDefinition<_TimerOriginExternalEvent, _TimerOriginExternalEvent__Output>
  TraceContext: MessageTypeDefinition<_TraceContext, _TraceContext__Output>
  WorkItem: MessageTypeDefinition<_WorkItem, _WorkItem__Output>
  WorkerCapability: EnumTypeDefinition
  WorkflowAction: MessageTypeDefinition<_WorkflowAction, _WorkflowAction__Output>
  WorkflowCompletedEvent: MessageTypeDefinition<_WorkflowCompletedEvent, _WorkflowCompletedEvent__Output>
  WorkflowInstance: MessageTypeDefinition<_WorkflowInstance, _WorkflowInstance__Output>
  WorkflowRequest: MessageTypeDefinition<_WorkflowRequest, _WorkflowRequest__Output>
  WorkflowResponse: MessageTypeDefinition<_WorkflowResponse, _WorkflowResponse__Output>
  WorkflowStartedEvent: MessageTypeDefinition<_WorkflowStartedEvent, _WorkflowStartedEvent__Output>
  WorkflowState: MessageTypeDefinition<_WorkflowState, _WorkflowState__Output>
  WorkflowVersion: MessageTypeDefinition<_WorkflowVersion, _WorkflowVersion__Output>
  WorkflowVersionNotAvailableAction: MessageTypeDefinition<_WorkflowVersionNotAvailableAction, _WorkflowVersionNotAvailableAction__Output>
  google: {
    protobuf: {
      BoolValue: MessageTypeDefinition<_google_protobuf_BoolValue, _google_protobuf_BoolValue__Output>
      BytesValue: MessageTypeDefinition<_google_protobuf_BytesValue, _google_protobuf_BytesValue__Output>
      DoubleValue: MessageTypeDefinition<_google_protobuf_DoubleValue, _google_protobuf_DoubleValue__Output>
      Empty: MessageTypeDefinition<_google_protobuf_Empty, _google_protobuf_Empty__Output>
      FloatValue: MessageTypeDefinition<_google_protobuf_FloatValue, _google_protobuf_FloatValue__Output>
      Int32Value: MessageTypeDefinition<_google_protobuf_Int32Value, _google_protobuf_Int32Value__Output>
      Int64Value: MessageTypeDefinition<_google_protobuf_Int64Value, _google_protobuf_Int64Value__Output>
      StringValue: MessageTypeDefinition<_google_protobuf_StringValue, _google_protobuf_StringValue__Output>
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
      UInt32Value: MessageTypeDefinition<_google_protobuf_UInt32Value, _google_protobuf_UInt32Value__Output>
      UInt64Value: MessageTypeDefinition<_google_protobuf_UInt64Value, _google_protobuf_UInt64Value__Output>
    }
  }
}


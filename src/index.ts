/**
 * Weft: durable workflows for TypeScript. Everything users import comes from here.
 * @packageDocumentation
 */
import 'reflect-metadata';

export {
  ErrorCodes,
  WeftError,
  WorkflowNotFoundError,
  WorkflowAlreadyExistsError,
  WorkflowNotRunningError,
  WorkflowNotTerminalError,
  TaskFailedError,
  NonRetryableError,
  NonDeterminismError,
  TimeoutError,
  ValidationError,
  RegistrationError,
  StorageError,
  TooManyPendingEventsError,
} from './errors';
export type { ErrorCode, FailureDetails, PendingEventsState } from './errors';

export {
  WorkflowStatus,
  RetryPolicy,
  WorkflowTask,
  systemClock,
  isTerminalStatus,
  LIMITS,
  SIZE_LIMIT_ERROR_TYPE,
  defaultLogger,
  setDefaultLogger,
  silentLogger,
  consoleLogger,
  LOG_LEVEL_ENV,
} from './core';
export type {
  WorkflowContext,
  WorkflowFunction,
  WorkflowTarget,
  RunnableClass,
  RunnableFunction,
  ActivityCallOptions,
  ChildWorkflowOptions,
  ContinueAsNewOptions,
  ExternalEventOptions,
  StalledReason,
  WorkflowVersion,
  WhenAnyWinner,
  RetryPolicyOptions,
  Logger,
  LogFields,
  TraceContext,
  Clock,
  HistoryEvent,
  Backend,
  BackendHealth,
  WorkItemProcessor,
  WorkflowWorkItem,
  ActivityWorkItem,
  ActivityResult,
  InstanceRecord,
} from './core';

export { Workflow, Activity, WorkflowBase, ActivityBase, metadataStore } from './authoring';
export type {
  ActivityContext,
  ActivityFunction,
  WorkflowOptions,
  ActivityOptions,
  Registry,
} from './authoring';

export { WorkflowRuntime } from './runtime';
export type { RuntimeHealth, WorkflowRuntimeOptions } from './runtime';

export { WorkflowClient } from './client';
export type {
  WorkflowClientOptions,
  WorkflowState,
  WorkflowHistoryEvent,
  ScheduleOptions,
  ListWorkflowsOptions,
} from './client';

export { SqliteBackend } from './backends/sqlite';
export type {
  CheckpointerOptions,
  RetentionPolicy,
  RetentionSweepOptions,
  SqliteBackendOptions,
  SyncFile,
} from './backends/sqlite';

export { WorkflowTestEnvironment, VirtualClock, replayWorkflowHistory } from './testing';
export type { WorkflowTestEnvironmentOptions, ReplayHistoryOptions, RecordedHistoryEvent } from './testing';

// ---- HTTP layer (src/http): generated Express controller, bootstrap, DTO validation, OpenAPI ----
export {
  createWorkflowRouter,
  serveWorkflows,
  ERROR_STATUS,
  HttpErrorCodes,
  toErrorResponse,
  routeNotFoundHandler,
  jsonErrorHandler,
  validateDto,
  dtoJsonSchema,
  buildOpenApiDocument,
  DEFAULT_BODY_LIMIT_BYTES,
} from './http';
export type {
  WorkflowRouterOptions,
  WorkflowRouterSource,
  ServeWorkflowsOptions,
  WorkflowServer,
  ErrorResponseBody,
  HttpErrorCode,
  DtoValidationDetails,
  FailedConstraint,
  UnknownPropertyPolicy,
  ValidateDtoOptions,
  JsonSchema,
  OpenApiInfo,
} from './http';
export type { WorkflowHttpOptions } from './authoring';

// ---- Dashboard: the web UI as a mountable Express router, and its stand-alone server ----
export {
  createDashboardRouter,
  startDashboardServer,
  buildTimeline,
  pendingWork,
  foldStack,
  stepLatencies,
  throughput,
} from './dashboard';
export type {
  DashboardOptions,
  PendingWork,
  FoldedStack,
  StepLatency,
  ThroughputBucket,
  DashboardServer,
  DashboardServerOptions,
  Timeline,
  TimelineBar,
  TimelineBarKind,
} from './dashboard';

// Dapr sidecar mode: the gRPC backend (state and scheduling in a Dapr sidecar or `weft sidecar`).
export { DaprSidecarBackend } from './backends/dapr';
export type { DaprSidecarBackendOptions } from './backends/dapr';

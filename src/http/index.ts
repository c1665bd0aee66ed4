export { createWorkflowRouter } from './workflow-router';
export type { WorkflowRouterOptions, WorkflowRouterSource } from './workflow-router';
export { serveWorkflows } from './serve-workflows';
export type { ServeWorkflowsOptions, WorkflowServer } from './serve-workflows';
export { ERROR_STATUS, HttpErrorCodes, toErrorResponse } from './error-status';
export type { ErrorResponseBody, HttpErrorCode } from './error-status';
export { routeNotFoundHandler, jsonErrorHandler } from './fallback-handlers';
export { validateDto } from './dto-validation';
export type {
  DtoValidationDetails,
  FailedConstraint,
  UnknownPropertyPolicy,
  ValidateDtoOptions,
} from './dto-validation';
export { dtoJsonSchema } from './dto-schema';
export type { JsonSchema } from './dto-schema';
export { buildOpenApiDocument } from './openapi';
export type { OpenApiInfo } from './openapi';
export { DEFAULT_BODY_LIMIT_BYTES } from './request-body';

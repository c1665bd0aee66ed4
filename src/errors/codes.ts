/**
 * Every stable error code Weft uses, listed once. Codes are never renamed or reused.
 */
export const ErrorCodes = {
  WORKFLOW_NOT_FOUND: 'WORKFLOW_NOT_FOUND',
  WORKFLOW_ALREADY_EXISTS: 'WORKFLOW_ALREADY_EXISTS',
  WORKFLOW_NOT_RUNNING: 'WORKFLOW_NOT_RUNNING',
  WORKFLOW_NOT_TERMINAL: 'WORKFLOW_NOT_TERMINAL',
  TASK_FAILED: 'TASK_FAILED',
  NON_RETRYABLE: 'NON_RETRYABLE',
  NON_DETERMINISM: 'NON_DETERMINISM',
  TIMEOUT: 'TIMEOUT',
  VALIDATION: 'VALIDATION',
  REGISTRATION: 'REGISTRATION',
  STORAGE: 'STORAGE',
  TOO_MANY_PENDING_EVENTS: 'TOO_MANY_PENDING_EVENTS',
} as const;

/** One of the stable string codes in {@link ErrorCodes}. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

import type { ErrorCode } from './codes';

/**
 * Base class of every error Weft throws on purpose. `code` is stable across releases; `message` is for people.
 */
export class WeftError extends Error {
  /** The stable code of this failure, e.g. `WORKFLOW_NOT_FOUND`. */
  readonly code: ErrorCode;

  /**
   * @param code - the stable code
   * @param message - what failed and what to do next
   * @param options - `cause`: the underlying error, kept for diagnosis
   */
  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

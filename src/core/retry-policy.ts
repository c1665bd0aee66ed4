import { ValidationError } from '../errors';
import type { TaskFailedError } from '../errors';

/** The shape of a retry policy; durations in milliseconds. A plain object of this shape works anywhere a policy does. */
export interface RetryPolicyOptions {
  /** Total attempts, the first included. At least 1. */
  maxNumberOfAttempts: number;
  /** Delay before the second attempt, in ms. */
  firstRetryInterval: number;
  /** Factor applied to the delay after each retry. Default 1. */
  backoffCoefficient?: number;
  /** Upper bound of a single delay, in ms. */
  maxRetryInterval?: number;
  /** No attempt starts once this many ms have passed since the first attempt. */
  retryTimeout?: number;
  /** Decides per failure whether to retry; false stops retrying. */
  handle?: (err: TaskFailedError) => boolean;
}

/**
 * How an activity or child workflow is retried. The delay before attempt n+1 is
 * `min(firstRetryInterval * backoffCoefficient^(n-1), maxRetryInterval)`. Retries wait on durable timers.
 *
 * @example
 * const policy = new RetryPolicy({ maxNumberOfAttempts: 3, firstRetryInterval: 1000, backoffCoefficient: 2 });
 */
export class RetryPolicy implements RetryPolicyOptions {
  readonly maxNumberOfAttempts: number;
  readonly firstRetryInterval: number;
  readonly backoffCoefficient: number;
  readonly maxRetryInterval?: number;
  readonly retryTimeout?: number;
  readonly handle?: (err: TaskFailedError) => boolean;

  /**
   * @param options - the policy
   * @throws {@link ValidationError} for attempts below 1, negative intervals or a coefficient below 1
   */
  constructor(options: RetryPolicyOptions) {
    const { maxNumberOfAttempts, firstRetryInterval, backoffCoefficient = 1 } = options;
    if (!Number.isInteger(maxNumberOfAttempts) || maxNumberOfAttempts < 1) {
      throw new ValidationError(
        `RetryPolicy.maxNumberOfAttempts must be an integer >= 1, got ${maxNumberOfAttempts}.`,
      );
    }
    if (!(firstRetryInterval >= 0)) {
      throw new ValidationError(`RetryPolicy.firstRetryInterval must be >= 0 ms, got ${firstRetryInterval}.`);
    }
    if (!(backoffCoefficient >= 1)) {
      throw new ValidationError(`RetryPolicy.backoffCoefficient must be >= 1, got ${backoffCoefficient}.`);
    }
    if (options.maxRetryInterval !== undefined && !(options.maxRetryInterval >= 0)) {
      throw new ValidationError(
        `RetryPolicy.maxRetryInterval must be >= 0 ms, got ${options.maxRetryInterval}.`,
      );
    }
    this.maxNumberOfAttempts = maxNumberOfAttempts;
    this.firstRetryInterval = firstRetryInterval;
    this.backoffCoefficient = backoffCoefficient;
    this.maxRetryInterval = options.maxRetryInterval;
    this.retryTimeout = options.retryTimeout;
    this.handle = options.handle;
  }

  /**
   * The delay before the attempt after `attempt`, in ms.
   *
   * @param attempt - the 1-based attempt that just failed
   * @returns the delay in ms
   */
  delayAfter(attempt: number): number {
    const raw = this.firstRetryInterval * Math.pow(this.backoffCoefficient, attempt - 1);
    return this.maxRetryInterval === undefined ? raw : Math.min(raw, this.maxRetryInterval);
  }

  /**
   * When the next attempt should start, or undefined when no attempt is left.
   *
   * @param attempt - the 1-based attempt that just failed
   * @param firstAttemptAt - when the first attempt was scheduled, epoch ms
   * @param now - the workflow's current time, epoch ms
   * @param error - the failure, for `handle`
   * @returns epoch ms of the next attempt, or undefined
   */
  nextAttemptAt(
    attempt: number,
    firstAttemptAt: number,
    now: number,
    error: TaskFailedError,
  ): number | undefined {
    if (error.details.isNonRetriable) return undefined;
    if (attempt >= this.maxNumberOfAttempts) return undefined;
    if (this.handle && !this.handle(error)) return undefined;
    const at = now + this.delayAfter(attempt);
    if (this.retryTimeout !== undefined && at > firstAttemptAt + this.retryTimeout) return undefined;
    return at;
  }

  /** Accepts a policy or a plain object of the same shape. */
  static from(policy: RetryPolicyOptions | RetryPolicy): RetryPolicy {
    return policy instanceof RetryPolicy ? policy : new RetryPolicy(policy);
  }
}

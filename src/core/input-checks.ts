import { ValidationError } from '../errors';
import { LIMITS, quoteInput } from './limits';

/**
 * Refuses an instance id that is empty, not a string, or longer than {@link LIMITS.instanceIdLength}.
 *
 * @param instanceId - the id sent
 * @param what - names the field in the message, e.g. `instanceId` or `newInstanceID`
 * @throws {@link ValidationError} naming the limit; the id is quoted cut short
 */
export function checkInstanceId(instanceId: unknown, what = 'instance id'): asserts instanceId is string {
  if (typeof instanceId !== 'string' || instanceId.length === 0)
    throw new ValidationError(`An ${what} must be a non-empty string.`);
  if (instanceId.length > LIMITS.instanceIdLength) {
    throw new ValidationError(
      `An ${what} may have at most ${LIMITS.instanceIdLength} characters; got ${instanceId.length} (${quoteInput(instanceId, 32)}).`,
    );
  }
}

/**
 * Refuses a workflow, activity or event name longer than {@link LIMITS.nameLength}.
 *
 * @param name - the name sent
 * @param what - names the field, e.g. `workflow name`
 * @throws {@link ValidationError} naming the limit
 */
export function checkNameLength(name: string, what: string): void {
  if (name.length > LIMITS.nameLength) {
    throw new ValidationError(
      `A ${what} may have at most ${LIMITS.nameLength} characters; got ${name.length} (${quoteInput(name, 32)}).`,
    );
  }
}

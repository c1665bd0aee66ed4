import { loadClassTransformer, loadClassValidator } from './lazy-modules';
import type { ValidationError as ClassValidatorError } from 'class-validator';
import { ValidationError } from '../errors';

/** One property of a DTO that failed validation, with every constraint it broke. */
export interface FailedConstraint {
  /** Dotted path of the property, e.g. `address.city` or `items.0.quantity`. */
  property: string;
  /** The value sent (absent when it was missing). */
  value?: unknown;
  /** Constraint name -> message, e.g. `{ isString: 'name must be a string' }`. */
  constraints: Record<string, string>;
}

/** The `details` of a DTO {@link ValidationError}: every failed constraint and an example body. */
export interface DtoValidationDetails {
  errors: FailedConstraint[];
  example?: unknown;
}

/**
 * What happens to body properties a DTO does not declare (with at least one class-validator decorator, e.g.
 * `@IsOptional()` or `@Allow()`): `strip` removes them, as NestJS's `whitelist: true`; `reject` refuses the
 * body with a `whitelistValidation` constraint per property, as `forbidNonWhitelisted: true`.
 */
export type UnknownPropertyPolicy = 'strip' | 'reject';

/** Options of {@link validateDto}. */
export interface ValidateDtoOptions {
  /** Properties the DTO does not declare (nested DTOs too). Default `strip`: a DTO bounds what is stored. */
  unknownProperties?: UnknownPropertyPolicy;
}

/**
 * Transforms a JSON body into an instance of a class-validator DTO and validates it (nested objects too).
 * Properties the DTO does not declare are stripped (or, with `unknownProperties: 'reject'`, refused), so
 * only what the DTO declares reaches durable input.
 *
 * @param dto - the DTO class
 * @param body - the parsed JSON body
 * @param example - an example body for the error's details
 * @param options - what to do with undeclared properties
 * @returns the DTO instance, to be stored as the workflow input
 * @throws {@link ValidationError} with {@link DtoValidationDetails} when the body is not an object, breaks a
 *   constraint, or (with `reject`) carries an undeclared property
 */
export async function validateDto(
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  dto: Function,
  body: unknown,
  example?: unknown,
  options: ValidateDtoOptions = {},
): Promise<object> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    const details: DtoValidationDetails = { errors: [], example };
    throw new ValidationError(
      `The request body must be a JSON object matching ${dto.name}; got ${describe(body)}.`,
      details,
    );
  }
  const instance = loadClassTransformer().plainToInstance(dto as new () => object, body) as object;
  const failures = await loadClassValidator().validate(instance, {
    forbidUnknownValues: false,
    whitelist: true,
    forbidNonWhitelisted: options.unknownProperties === 'reject',
  });
  if (failures.length === 0) return instance;
  const errors = flatten(failures, '');
  const details: DtoValidationDetails = { errors, example };
  const summary = errors.flatMap((e) => Object.values(e.constraints)).join('; ');
  throw new ValidationError(`The request body is not a valid ${dto.name}: ${summary}.`, details);
}

function flatten(failures: ClassValidatorError[], prefix: string): FailedConstraint[] {
  const out: FailedConstraint[] = [];
  for (const f of failures) {
    const property = prefix ? `${prefix}.${f.property}` : f.property;
    if (f.constraints && Object.keys(f.constraints).length > 0) {
      const entry: FailedConstraint = { property, constraints: { ...f.constraints } };
      if (f.value !== undefined && (typeof f.value !== 'object' || f.value === null)) entry.value = f.value;
      out.push(entry);
    }
    if (f.children && f.children.length > 0) out.push(...flatten(f.children, property));
  }
  return out;
}

function describe(body: unknown): string {
  if (body === undefined) return 'no body';
  if (body === null) return 'null';
  if (Array.isArray(body)) return 'an array';
  return `a ${typeof body}`;
}

import { ValidationError } from '../errors';

/**
 * Fields of a structured log record (pino's "merging object"): `instanceId`, `workflow`, `activity`,
 * `attempt`, `err`, …
 */
export type LogFields = Record<string, unknown>;

/**
 * Where Weft and workflow code write diagnostics. Weft calls each level as `(fields, message)`, the shape of pino,
 * bunyan and winston child loggers; workflow and activity code may also call it as `(message, ...args)`, the shape
 * of `console`. A pino logger satisfies it, and so does `console` (which prints the fields before the message).
 */
export interface Logger {
  /** Verbose detail. */
  debug(fieldsOrMessage: LogFields | string, ...args: unknown[]): void;
  /** Normal operation. */
  info(fieldsOrMessage: LogFields | string, ...args: unknown[]): void;
  /** Something unexpected that Weft handled. */
  warn(fieldsOrMessage: LogFields | string, ...args: unknown[]): void;
  /** A failure. */
  error(fieldsOrMessage: LogFields | string, ...args: unknown[]): void;
}

/** The level names of a {@link Logger}. */
export type LogLevel = keyof Logger;

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

/** A logger that writes nothing. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** The environment variable that sets the level of {@link defaultLogger}. */
export const LOG_LEVEL_ENV = 'WEFT_LOG_LEVEL';

let configured: Logger | undefined;

/**
 * Sets the logger Weft's components use when given none, in this process (as grpc-js's `setLogger`), e.g.
 * a pino logger for a whole application, or {@link silentLogger} in a test run. Applies to components created
 * after the call; `undefined` restores `console` by `WEFT_LOG_LEVEL`.
 *
 * @param logger - the logger, or undefined
 */
export function setDefaultLogger(logger: Logger | undefined): void {
  configured = logger;
}

/**
 * The logger Weft's components use when given none: the one given to {@link setDefaultLogger}, else
 * {@link consoleLogger} (`console`, one line a record), writing the levels from `WEFT_LOG_LEVEL` up
 * (`debug`, `info`, `warn`, `error`, or `silent` for none; unset or empty: every level, as `console` does).
 * Read when a component is created (a runtime, a backend, a sidecar server, a router), as daprd's
 * `--log-level` is read at start.
 *
 * @param env - where to read the variable (default `process.env`)
 * @returns {@link consoleLogger}, or one that drops the levels below the one set
 * @throws {@link ValidationError} when the variable names no level
 */
export function defaultLogger(env: NodeJS.ProcessEnv = process.env): Logger {
  if (configured) return configured;
  const value = env[LOG_LEVEL_ENV]?.trim().toLowerCase();
  if (!value) return consoleLogger;
  if (value === 'silent') return silentLogger;
  const from = LEVELS.indexOf(value as LogLevel);
  if (from < 0) {
    throw new ValidationError(
      `${LOG_LEVEL_ENV} is '${env[LOG_LEVEL_ENV]}'; use one of ${[...LEVELS, 'silent'].join(', ')}.`,
    );
  }
  if (from === 0) return consoleLogger;
  return mapLevels((level) =>
    LEVELS.indexOf(level) >= from ? (first, ...rest) => call(consoleLogger, level, first, rest) : () => {},
  );
}

/**
 * `console`, with Weft's `(fields, message)` records written as one line each: the message, then the fields as
 * `key=value` (an error as its name and message; its stack follows only at the error level), where `console`
 * itself would print the fields object first over several lines. Calls in `console`'s own shape
 * (`(message, ...args)`, as workflow and activity code may make) pass through unchanged.
 */
export const consoleLogger: Logger = mapLevels((level) => (first, ...rest) => {
  if (
    typeof first === 'object' &&
    first !== null &&
    !(first instanceof Error) &&
    typeof rest[0] === 'string'
  ) {
    const fields = first as LogFields;
    const line = `${rest[0]}${formatFields(fields)}`;
    const err = fields.err;
    const stack = level === 'error' && err instanceof Error && err.stack ? `\n${err.stack}` : '';
    call(console, level, line + stack, rest.slice(1));
  } else call(console, level, first, rest);
});

/** ` (key=value …)` for a record's fields; empty when there are none. */
function formatFields(fields: LogFields): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    parts.push(`${key}=${formatValue(value)}`);
  }
  return parts.length > 0 ? ` (${parts.join(' ')})` : '';
}

function formatValue(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(`${value.name}: ${value.message}`);
  if (typeof value === 'string') return /^[\w.:/@-]+$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'object' && value !== null) {
    try {
      const text = JSON.stringify(value);
      return text.length > 200 ? `${text.slice(0, 199)}…` : text;
    } catch {
      return String(value);
    }
  }
  return String(value);
}

function mapLevels(make: (level: LogLevel) => (first: unknown, ...rest: unknown[]) => void): Logger {
  const out: Partial<Record<LogLevel, unknown>> = {};
  for (const level of LEVELS) out[level] = make(level);
  return out as Logger;
}

function call(inner: Logger, level: LogLevel, first: unknown, rest: unknown[]): void {
  (inner[level] as (first: unknown, ...rest: unknown[]) => void)(first, ...rest);
}

/** Wraps a logger so it writes only while `active()` is true: the workflow logger is silent during replay. */
export function gatedLogger(inner: Logger, active: () => boolean): Logger {
  return mapLevels((level) => (first, ...rest) => {
    if (active()) call(inner, level, first, rest);
  });
}

/**
 * A logger whose every record carries `fields` (as pino's `child`): a string message becomes
 * `(fields, message, ...args)`, a fields object is merged over `fields`.
 *
 * @param inner - the application's logger
 * @param fields - fields bound to each record, e.g. `{ instanceId, activity, attempt }`
 */
export function boundLogger(inner: Logger, fields: LogFields): Logger {
  return mapLevels((level) => (first, ...rest) => {
    if (typeof first === 'object' && first !== null && !(first instanceof Error))
      call(inner, level, { ...fields, ...(first as LogFields) }, rest);
    else if (first instanceof Error) call(inner, level, { ...fields, err: first }, rest);
    else call(inner, level, fields, [first, ...rest]);
  });
}

import { readFileSync, statSync } from 'node:fs';
import { Option } from 'commander';
import type { Command } from 'commander';
import { ValidationError } from '../errors';
import { LIMITS } from '../core/limits';
import type { ConnectionOptions } from './connection';
import { parsePointInTime } from '../http/duration';

/** Output formats of the listing commands. */
export const OUTPUT_FORMATS = ['short', 'wide', 'json', 'yaml'] as const;

/** One of {@link OUTPUT_FORMATS}. */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/**
 * Adds `--db <file>`, `--sidecar <host:port>` and `--api-token` to a command.
 *
 * @param command - the command
 * @returns the same command
 */
export function addConnectionOptions(command: Command): Command {
  return command
    .option('--db <file>', 'database file of the embedded engine (default: $WEFT_DB or .weft/weft.db)')
    .option('--sidecar <host:port>', 'a Dapr sidecar or `weft sidecar` instead of a database file')
    .option('--api-token <token>', 'Dapr API token for --sidecar (default: $DAPR_API_TOKEN)');
}

/** Picks the connection options out of a command's parsed options. */
export function connectionOptions(options: {
  db?: string;
  sidecar?: string;
  apiToken?: string;
}): ConnectionOptions {
  return { db: options.db, sidecar: options.sidecar, apiToken: options.apiToken };
}

/**
 * The `-o, --output <format>` option.
 *
 * @param defaultFormat - the default
 */
export function outputOption(defaultFormat: OutputFormat = 'short'): Option {
  return new Option('-o, --output <format>', 'output format').choices(OUTPUT_FORMATS).default(defaultFormat);
}

/**
 * Parses a payload option: JSON text, or `@path` to read JSON from a file. A value that is not JSON is an
 * error (a plain string must be quoted: `-x '"hello"'`).
 *
 * @param text - the option's value, undefined when it was not given
 * @param what - the option's name, for messages
 * @returns `{ given: false }` when absent, else the parsed value
 * @throws {@link ValidationError} for an unreadable file, a file over {@link LIMITS.payloadBytes}, or text that is
 *   not JSON
 */
export function parseJsonOption(
  text: string | undefined,
  what: string,
): { given: false } | { given: true; value: unknown } {
  if (text === undefined) return { given: false };
  let source = text;
  let origin = `${what}`;
  if (text.startsWith('@')) {
    const path = text.slice(1);
    origin = `${what} file ${path}`;
    try {
      const { size } = statSync(path);
      if (size > LIMITS.payloadBytes) {
        throw new ValidationError(
          `${origin} is ${size} bytes, over the payload limit of ${LIMITS.payloadBytes} bytes.`,
        );
      }
      source = readFileSync(path, 'utf8');
    } catch (err) {
      if (err instanceof ValidationError) throw err;
      throw new ValidationError(`Cannot read ${origin}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  try {
    return { given: true, value: JSON.parse(source) as unknown };
  } catch (err) {
    throw new ValidationError(
      `${origin} is not valid JSON (${err instanceof Error ? err.message : String(err)}). ` +
        `Quote strings as JSON, e.g. -x '"hello"', or pass @file.json.`,
    );
  }
}

/**
 * Parses `--start-time`: an ISO 8601 date-time, or a duration from now such as `30s`, `2h` or `1d`.
 *
 * @throws {@link ValidationError} for anything else
 */
export function parseStartTime(text: string): Date {
  return parsePointInTime(text, '--start-time', 1);
}

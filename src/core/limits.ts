/**
 * The one table of input limits. Every entry point (the client, the HTTP router, the sidecar's RPCs, the
 * CLI) applies these before it does any work, so hostile input is refused early with a `VALIDATION` error
 * that names the limit. Pure: no dependencies.
 */
export const LIMITS = {
  /** Longest instance id, in UTF-16 code units (a string's `length`). As the client has always refused. */
  instanceIdLength: 1024,
  /** Longest workflow, activity or event name, in UTF-16 code units. */
  nameLength: 1024,
  /** Largest payload (input, output, event data, reason), in bytes of UTF-8 JSON text: 2 MiB. */
  payloadBytes: 2 * 1024 * 1024,
  /**
   * Deepest nesting of arrays and objects in a payload. 64, as System.Text.Json's default `MaxDepth`;
   * deeper values make recursive code (class-transformer, `JSON.stringify`) overflow the stack.
   */
  jsonDepth: 64,
  /** Most actions one workflow step may report to the sidecar (each becomes history). */
  actionsPerStep: 10_000,
  /** Largest gRPC message the sidecar accepts: 16 MiB (a step may carry several 2 MiB payloads). */
  receiveMessageBytes: 16 * 1024 * 1024,
  /** Largest gRPC message the sidecar sends (a long history): 64 MiB. */
  sendMessageBytes: 64 * 1024 * 1024,
  /**
   * Largest history of one instance, in bytes of event JSON: 48 MiB, so a work item with its whole history
   * stays under {@link LIMITS.sendMessageBytes}. A step past it fails the instance (`SizeLimitExceededError`);
   * `SqliteBackend({ maxHistoryBytes })` and `weft sidecar --max-history-bytes` change it.
   */
  historyBytes: 48 * 1024 * 1024,
  /**
   * Most external events (raised by clients or sent by workflows) one instance may have waiting in its
   * inbox, unconsumed: 10,000, Temporal's per-execution signal limit (which counts every signal ever
   * received; Weft counts only those waiting). A client's raise past it is refused with
   * `TooManyPendingEventsError`; `SqliteBackend({ maxPendingEvents })` changes it.
   */
  pendingEvents: 10_000,
  /**
   * Most bytes of external events (stored event JSON) one instance may have waiting: 16 MiB, so the step
   * that consumes them stays well inside {@link LIMITS.historyBytes}. `SqliteBackend({ maxPendingEventBytes })`
   * changes it.
   */
  pendingEventBytes: 16 * 1024 * 1024,
  /**
   * Most calls one `Calls` stream (Weft's extension of the sidecar protocol) may have waiting for answers; the
   * sidecar refuses more with RESOURCE_EXHAUSTED, and Weft's client sends what is over it as ordinary calls.
   */
  callsInFlightPerStream: 1024,
  /** Longest text quoted from user input in an error message, in characters. */
  quotedLength: 64,
} as const;

/**
 * How deep the arrays and objects of a value nest (a scalar is 0, `[]` is 1, `[[1]]` is 2), counted without
 * recursion and only up to `limit + 1`, so a cyclic or 100,000-deep value costs at most `limit + 1` levels.
 *
 * @param value - any value
 * @param limit - the deepest nesting allowed
 * @returns true when the value nests deeper than `limit`
 */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  let level: unknown[] = [value];
  for (let depth = 0; level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const v of level) {
      if (typeof v !== 'object' || v === null) continue;
      if (depth + 1 > limit) return true;
      const children = Array.isArray(v) ? v : Object.values(v as object);
      for (const c of children) if (typeof c === 'object' && c !== null) next.push(c);
    }
    level = next;
  }
  return false;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_ARRAY = 0x5b;
const OPEN_OBJECT = 0x7b;
const CLOSE_ARRAY = 0x5d;
const CLOSE_OBJECT = 0x7d;

/**
 * The deepest nesting of JSON text, read without parsing it (brackets outside strings), stopping as soon as
 * it passes `limit`. Works on a string or on UTF-8 bytes (multi-byte characters never contain these ASCII
 * bytes). Malformed text gives some depth; parse it afterwards to find the syntax error.
 *
 * @param text - JSON text or its UTF-8 bytes
 * @param limit - the deepest nesting allowed
 * @returns true when the text nests deeper than `limit`
 */
export function jsonTextNestsDeeperThan(text: string | Uint8Array, limit: number): boolean {
  const at: (i: number) => number =
    typeof text === 'string' ? (i) => text.charCodeAt(i) : (i) => text[i] as number;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = at(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_ARRAY || c === OPEN_OBJECT) {
      if (++depth > limit) return true;
    } else if (c === CLOSE_ARRAY || c === CLOSE_OBJECT) depth--;
  }
  return false;
}

/**
 * Quotes user text in an error message, cut to {@link LIMITS.quotedLength} characters with its full length
 * noted, so a 16 MiB id never makes a 16 MiB message (or gRPC trailer).
 *
 * @param text - the text sent
 * @param max - the longest quote, in characters
 * @returns `'text'`, or `'first 64 characters…' (N characters)`
 */
export function quoteInput(text: string, max: number = LIMITS.quotedLength): string {
  if (text.length <= max) return `'${text}'`;
  return `'${text.slice(0, max)}…' (${text.length} characters)`;
}

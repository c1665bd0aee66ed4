import type { Request } from 'express';
import { ValidationError } from '../errors';
import { WorkflowStatus } from '../core';
import { parseDurationMs } from './duration';

/** One query parameter as a single string, or undefined when absent. */
export function queryString(req: Request, name: string): string | undefined {
  const value = (req.query as Record<string, unknown>)[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new ValidationError(`The query parameter '${name}' must be given once, as a plain value.`);
  }
  return value;
}

/** A boolean query parameter (`true`/`false`/`1`/`0`), or the default when absent. */
export function queryBoolean(req: Request, name: string, fallback: boolean): boolean {
  const text = queryString(req, name);
  if (text === undefined) return fallback;
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw new ValidationError(`The query parameter '${name}' must be true or false; got '${text}'.`);
}

/** A date query parameter (ISO 8601 or epoch milliseconds), or undefined when absent. */
export function queryDate(req: Request, name: string): Date | undefined {
  const text = queryString(req, name);
  if (text === undefined) return undefined;
  const date = /^\d+$/.test(text) ? new Date(Number(text)) : new Date(text);
  if (!Number.isFinite(date.getTime())) {
    throw new ValidationError(`The query parameter '${name}' must be an ISO 8601 date; got '${text}'.`);
  }
  return date;
}

/** Largest page size of a listing. */
export const MAX_PAGE_SIZE = 1000;

/** The `pageSize` query parameter: an integer from 1 to {@link MAX_PAGE_SIZE}. */
export function queryPageSize(req: Request): number | undefined {
  const text = queryString(req, 'pageSize');
  if (text === undefined) return undefined;
  const size = Number(text);
  if (!/^\d+$/.test(text) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new ValidationError(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}; got '${text}'.`);
  }
  return size;
}

const STATUSES = new Set<string>(Object.values(WorkflowStatus));

/** The `status` filter: one status, a comma-separated list, or the parameter repeated. */
export function queryStatuses(req: Request): WorkflowStatus[] | undefined {
  const raw = (req.query as Record<string, unknown>).status;
  if (raw === undefined) return undefined;
  const parts = (Array.isArray(raw) ? raw : [raw]).flatMap((v) =>
    typeof v === 'string' ? v.split(',') : [v],
  );
  const out: WorkflowStatus[] = [];
  for (const part of parts) {
    const status = typeof part === 'string' ? part.trim().toUpperCase() : '';
    if (!STATUSES.has(status)) {
      throw new ValidationError(`Unknown status '${String(part)}'; use one of ${[...STATUSES].join(', ')}.`);
    }
    out.push(status as WorkflowStatus);
  }
  return out;
}

/**
 * The `wait` query parameter (e.g. `5s`) in milliseconds, or undefined when absent.
 *
 * @throws {@link ValidationError} when it is not a duration or longer than `maxWaitMs`
 */
export function queryWaitMs(req: Request, maxWaitMs: number): number | undefined {
  const text = queryString(req, 'wait');
  if (text === undefined) return undefined;
  const ms = parseDurationMs(text, 'wait', { infinity: true });
  if (ms > maxWaitMs) {
    throw new ValidationError(`wait may be at most ${maxWaitMs} ms; got '${text}' (${ms} ms).`);
  }
  return ms;
}

import type { Request } from 'express';
import { ValidationError } from '../errors';
import { WorkflowStatus } from '../core';
import type { InstanceFilter } from './instance-search';

/** Largest page the list API serves. */
export const MAX_PAGE_SIZE = 200;

/** Parses `a,b` (or an array) into statuses; undefined when empty. */
export function parseStatuses(value: unknown): WorkflowStatus[] | undefined {
  const list = Array.isArray(value)
    ? value
    : typeof value === 'string' && value !== ''
      ? value.split(',')
      : [];
  if (list.length === 0) return undefined;
  const valid = Object.values(WorkflowStatus) as string[];
  return list.map((s) => {
    if (typeof s !== 'string' || !valid.includes(s))
      throw new ValidationError(`'${String(s)}' is not a workflow status.`);
    return s as WorkflowStatus;
  });
}

/** Parses an ISO date or epoch ms; undefined when empty. */
export function parseTime(value: unknown, field: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const ms =
    typeof value === 'number'
      ? value
      : /^\d+$/.test(String(value))
        ? Number(value)
        : Date.parse(String(value));
  if (!Number.isFinite(ms))
    throw new ValidationError(`'${field}' must be an ISO date or epoch milliseconds.`);
  return ms;
}

/** Parses a page size from 1 to {@link MAX_PAGE_SIZE} (default 25). */
export function parsePageSize(value: unknown): number {
  if (value === undefined || value === '') return 25;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    throw new ValidationError(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  return size;
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

/** Reads list filters from a query string or a JSON body (same field names). */
export function parseFilter(source: Record<string, unknown>): InstanceFilter {
  return {
    status: parseStatuses(source.status),
    name: str(source.name),
    createdFrom: parseTime(source.createdFrom, 'createdFrom'),
    createdTo: parseTime(source.createdTo, 'createdTo'),
    text: str(source.search),
    rootsOnly: source.rootsOnly === true || source.rootsOnly === 'true' || source.rootsOnly === '1',
  };
}

/** A field of a JSON body. */
export function bodyField(req: Request, field: string): unknown {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
}

/** An optional string field of a JSON body. */
export function optionalString(req: Request, field: string): string | undefined {
  const value = bodyField(req, field);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ValidationError(`'${field}' must be a string.`);
  return value;
}

/** Reads a JSON payload field sent as JSON text (the form's editor); empty means none. */
export function payloadField(req: Request, field: string): { given: boolean; value?: unknown } {
  const text = optionalString(req, field);
  if (text === undefined) return { given: false };
  try {
    return { given: true, value: JSON.parse(text) as unknown };
  } catch {
    throw new ValidationError(`'${field}' is not valid JSON. Quote strings: "text".`);
  }
}

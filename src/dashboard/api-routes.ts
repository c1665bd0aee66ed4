import { loadExpress } from '../http/lazy-modules';
import type { NextFunction, Request, Response, Router } from 'express';
import { ValidationError, WorkflowNotFoundError } from '../errors';
import { WorkflowStatus, isTerminalStatus } from '../core';
import type { WorkflowClient } from '../client';
import { errorResponse } from './error-status';
import { searchInstances } from './instance-search';
import { buildTimeline } from './timeline';

/** Header every action request must carry: a cross-site form post cannot set it. */
export const ACTION_HEADER = 'x-weft-dashboard';

const MAX_PAGE_SIZE = 200;

type Handler = (req: Request, res: Response) => Promise<unknown>;

/** Wraps an async handler: its result is sent as JSON, a thrown error as `{ error, code }`. */
function handle(work: Handler) {
  return (req: Request, res: Response, next: NextFunction): void => {
    work(req, res).then(
      (body) => {
        if (!res.headersSent) res.json(body ?? { ok: true });
      },
      (err: unknown) => {
        if (res.headersSent) return next(err);
        const { status, body } = errorResponse(err);
        res.status(status).json(body);
      },
    );
  };
}

function parseStatusFilter(value: unknown): WorkflowStatus[] | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  const valid = Object.values(WorkflowStatus) as string[];
  return value.split(',').map((s) => {
    if (!valid.includes(s)) throw new ValidationError(`'${s}' is not a workflow status.`);
    return s as WorkflowStatus;
  });
}

function parsePageSize(value: unknown): number {
  if (value === undefined || value === '') return 25;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE)
    throw new ValidationError(`pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE}.`);
  return size;
}

function bodyField(req: Request, field: string): unknown {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
}

function optionalString(req: Request, field: string): string | undefined {
  const value = bodyField(req, field);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new ValidationError(`'${field}' must be a string.`);
  return value;
}

/** Reads a JSON payload field sent as JSON text (the form's textarea); empty means none. */
function payloadField(req: Request, field: string): { given: boolean; value?: unknown } {
  const text = optionalString(req, field);
  if (text === undefined) return { given: false };
  try {
    return { given: true, value: JSON.parse(text) as unknown };
  } catch {
    throw new ValidationError(`'${field}' is not valid JSON. Quote strings: "text".`);
  }
}

/**
 * The dashboard's JSON API: the instance list, an instance with its history and timeline, and (unless
 * read-only) the actions. Action requests must be JSON and carry the `X-Weft-Dashboard` header.
 *
 * @param client - the client everything goes through
 * @param readOnly - refuse every action with 403
 */
export function createApiRoutes(client: WorkflowClient, readOnly: boolean): Router {
  const api = loadExpress().Router();

  // The engine's storage health, for a "degraded" banner: { status: 'ok'|'degraded'|'failed', reason?, cause?, since? }.
  api.get(
    '/health',
    handle(async () => client.health()),
  );

  api.get(
    '/instances',
    handle(async (req) => {
      const page = await searchInstances(client, {
        status: parseStatusFilter(req.query.status),
        text: typeof req.query.search === 'string' ? req.query.search : undefined,
        pageSize: parsePageSize(req.query.pageSize),
        continuationToken:
          typeof req.query.continuationToken === 'string' && req.query.continuationToken !== ''
            ? req.query.continuationToken
            : undefined,
      });
      return page;
    }),
  );

  api.get(
    '/instances/:id',
    handle(async (req) => {
      const instanceId = String(req.params.id);
      const state = await client.getWorkflowState(instanceId);
      if (!state) throw new WorkflowNotFoundError(`No workflow instance with id '${instanceId}' exists.`);
      const history = await client.getWorkflowHistory(instanceId);
      const children = history
        .filter((e) => e.type === 'ChildWorkflowInstanceCreated')
        .map((e) => ({ instanceId: String(e.instanceId), name: String(e.name ?? ''), eventId: e.eventId }));
      return {
        state,
        terminal: isTerminalStatus(state.status),
        children,
        history,
        timeline: buildTimeline(history),
      };
    }),
  );

  api.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    if (readOnly) {
      res.status(403).json({ error: 'The dashboard is read-only.' });
      return;
    }
    if (req.get(ACTION_HEADER) !== '1' || !req.is('application/json')) {
      res.status(400).json({ error: `Actions must be JSON requests with the ${ACTION_HEADER} header.` });
      return;
    }
    next();
  });
  api.use(loadExpress().json({ limit: '2mb' }));

  const idOf = (req: Request): string => String(req.params.id);
  api.post(
    '/instances/:id/raise-event',
    handle(async (req) => {
      const name = optionalString(req, 'name');
      if (!name) throw new ValidationError('An event needs a name.');
      const payload = payloadField(req, 'payload');
      await client.raiseEvent(idOf(req), name, payload.value);
    }),
  );
  api.post(
    '/instances/:id/suspend',
    handle(async (req) => client.suspendWorkflow(idOf(req), optionalString(req, 'reason'))),
  );
  api.post(
    '/instances/:id/resume',
    handle(async (req) => client.resumeWorkflow(idOf(req), optionalString(req, 'reason'))),
  );
  api.post(
    '/instances/:id/terminate',
    handle(async (req) => {
      const output = payloadField(req, 'output');
      await client.terminateWorkflow(idOf(req), { output: output.value });
    }),
  );
  api.post(
    '/instances/:id/purge',
    handle(async (req) => {
      const purged = await client.purgeWorkflow(idOf(req));
      if (!purged) throw new WorkflowNotFoundError(`No workflow instance with id '${idOf(req)}' exists.`);
      return { ok: true };
    }),
  );
  api.post(
    '/instances/:id/rerun',
    handle(async (req) => {
      const eventId = Number(bodyField(req, 'eventId'));
      if (!Number.isInteger(eventId) || eventId < 0)
        throw new ValidationError("'eventId' must be the id of an activity or child-workflow event.");
      const input = payloadField(req, 'input');
      const newInstanceId = await client.rerunWorkflowFromEvent(idOf(req), eventId, {
        newInstanceId: optionalString(req, 'newInstanceId'),
        ...(input.given ? { input: input.value } : {}),
      });
      return { instanceId: newInstanceId };
    }),
  );
  api.use((_req: Request, res: Response) => {
    res.status(404).json({ error: 'No such dashboard API route.' });
  });
  return api;
}

import { loadExpress } from '../http/lazy-modules';
import type { NextFunction, Request, Response, Router } from 'express';
import { ValidationError, WorkflowNotFoundError } from '../errors';
import { isTerminalStatus } from '../core';
import type { WorkflowClient } from '../client';
import type { Registry } from '../authoring';
import { createActionRoutes } from './action-routes';
import { parseFilter, parsePageSize, parseTime } from './api-params';
import { errorBody, errorResponse } from './error-status';
import { failureSummary } from './failure-summary';
import { handle } from './handle';
import { countByStatus, searchInstances } from './instance-search';
import { pendingWork } from '../client/pending-work';
import { loadStats } from './stats';
import { buildTimeline } from './timeline';
import { versionFacts } from './version-facts';
import { workflowCatalog } from './workflow-catalog';

/** Header every action request must carry: a cross-site form post cannot set it. */
export const ACTION_HEADER = 'x-weft-dashboard';

/** What the API routes need besides the client. */
export interface ApiRouteOptions {
  readOnly: boolean;
  /** Shown in the header: the database file or sidecar address. */
  source?: string;
  /** The runtime's registry: names and input schemas for the start form. */
  registry?: Registry;
}

const query = (req: Request): Record<string, unknown> => req.query as Record<string, unknown>;

/**
 * The dashboard's JSON API: the instance list with counts, an instance with its history, timeline, what it
 * waits for and its failure chain, history downloads, charts data, and (unless read-only) the actions.
 * Errors answer `{ error: { code, message } }` as the HTTP API does.
 *
 * @param client - the client everything goes through
 * @param options - read-only, source, registry
 */
export function createApiRoutes(client: WorkflowClient, options: ApiRouteOptions): Router {
  const api = loadExpress().Router();

  // The engine's storage health, for a "degraded" banner: { status: 'ok'|'degraded'|'failed', reason?, cause?, since? }.
  api.get(
    '/health',
    handle(async () => client.health()),
  );

  api.get(
    '/meta',
    handle(async () => ({
      readOnly: options.readOnly,
      source: options.source ?? null,
      workflows: await workflowCatalog(client, options.registry),
    })),
  );

  api.get(
    '/instances',
    handle(async (req) =>
      searchInstances(client, {
        ...parseFilter(query(req)),
        pageSize: parsePageSize(req.query.pageSize),
        continuationToken:
          typeof req.query.continuationToken === 'string' && req.query.continuationToken !== ''
            ? req.query.continuationToken
            : undefined,
      }),
    ),
  );

  api.get(
    '/counts',
    handle(async (req) => countByStatus(client, parseFilter(query(req)))),
  );

  api.get(
    '/stats',
    handle(async (req) => {
      const to = parseTime(req.query.to, 'to') ?? Date.now();
      const from = parseTime(req.query.from, 'from') ?? to - 3_600_000;
      if (from >= to) throw new ValidationError("'from' must be before 'to'.");
      const buckets = Number(req.query.buckets ?? 30);
      if (!Number.isInteger(buckets) || buckets < 1 || buckets > 200)
        throw new ValidationError('buckets must be a whole number from 1 to 200.');
      const name = typeof req.query.name === 'string' && req.query.name !== '' ? req.query.name : undefined;
      return loadStats(client, { from, to, buckets, name });
    }),
  );

  const readInstance = async (instanceId: string) => {
    const state = await client.getWorkflowState(instanceId);
    if (!state) return undefined;
    return { state, history: await client.getWorkflowHistory(instanceId) };
  };

  api.get(
    '/instances/:id/history.json',
    handle(async (req, res) => {
      const instanceId = String(req.params.id);
      const history = await client.getWorkflowHistory(instanceId);
      const file = `${instanceId.replace(/[^A-Za-z0-9._-]/g, '_')}.history.json`;
      res.set('Content-Disposition', `attachment; filename="${file}"`);
      res.type('application/json').send(`${JSON.stringify(history, null, 2)}\n`);
    }),
  );

  api.get(
    '/instances/:id',
    handle(async (req) => {
      const instanceId = String(req.params.id);
      const found = await readInstance(instanceId);
      if (!found) throw new WorkflowNotFoundError(`No workflow instance with id '${instanceId}' exists.`);
      const { state, history } = found;
      const terminal = isTerminalStatus(state.status);
      const now = Date.now();
      const children = history
        .filter((e) => e.type === 'ChildWorkflowInstanceCreated')
        .map((e) => ({ instanceId: String(e.instanceId), name: String(e.name ?? ''), eventId: e.eventId }));
      return {
        state,
        versionFacts: versionFacts(state, history),
        terminal,
        now,
        children,
        history,
        timeline: buildTimeline(history, terminal ? undefined : now),
        pending: pendingWork(history, state.waitingForEvents),
        failure: await failureSummary(state, history, readInstance),
      };
    }),
  );

  api.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    if (options.readOnly) {
      res.status(403).json(errorBody('READ_ONLY', 'The dashboard is read-only.'));
      return;
    }
    if (req.get(ACTION_HEADER) !== '1' || !req.is('application/json')) {
      res
        .status(400)
        .json(errorBody('VALIDATION', `Actions must be JSON requests with the ${ACTION_HEADER} header.`));
      return;
    }
    next();
  });
  api.use(loadExpress().json({ limit: '2mb' }));
  api.use(createActionRoutes(client));
  api.use((_req: Request, res: Response) => {
    res.status(404).json(errorBody('ROUTE_NOT_FOUND', 'No such dashboard API route.'));
  });
  api.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const { status, body } = errorResponse(err);
    res.status(status).json(body);
  });
  return api;
}

import { loadExpress } from '../http/lazy-modules';
import type { NextFunction, Request, Response, Router } from 'express';
import type { WorkflowClient } from '../client';
import type { Registry } from '../authoring';
import { ValidationError } from '../errors';
import { createApiRoutes } from './api-routes';
import { ClientAssets } from './client-assets';
import { errorResponse } from './error-status';
import type { DashboardPage } from './page-shell';
import { renderPageShell } from './page-shell';

/** Options of {@link createDashboardRouter}. */
export interface DashboardOptions {
  /** Hide the actions and refuse them with 403. Default false. */
  readOnly?: boolean;
  /** Shown in the header. Default `Weft workflows`. */
  title?: string;
  /** What the dashboard looks at, shown in the header: a database file path or a sidecar address. */
  source?: string;
  /** The runtime's registry (`runtime.registry`): the start form offers its workflows and input schemas. */
  registry?: Registry;
  /** How often the list and a running instance refresh, in ms (each refresh waits for the last). Default 2000. */
  refreshIntervalMs?: number;
}

const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The web dashboard as an Express router: the instance list with counts and bulk actions, instance pages
 * (failure chain, what it waits for, timeline, history and its JSON download), a start form and charts,
 * and (unless read-only) actions. Mount it anywhere; it reads and acts through the client only.
 *
 * @param client - a client on the backend to show
 * @param options - read-only, title, source, registry
 * @returns the router
 * @example
 * app.use('/workflows', createDashboardRouter(runtime.client, { registry: runtime.registry, source: 'weft.db' }));
 */
export function createDashboardRouter(client: WorkflowClient, options: DashboardOptions = {}): Router {
  const readOnly = options.readOnly ?? false;
  const refreshIntervalMs = options.refreshIntervalMs ?? 2000;
  if (!Number.isFinite(refreshIntervalMs) || refreshIntervalMs < 100)
    throw new ValidationError('refreshIntervalMs must be at least 100 ms.');
  const title = options.title ?? 'Weft workflows';
  const assets = new ClientAssets();
  const router = loadExpress().Router();
  router.use((_req: Request, res: Response, next) => {
    res.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Referrer-Policy', 'no-referrer');
    next();
  });
  router.use(
    '/api',
    createApiRoutes(client, { readOnly, source: options.source, registry: options.registry }),
  );
  router.get('/assets/client/:file', (req: Request, res: Response) => {
    const script = assets.script(String(req.params.file));
    if (script === undefined) res.status(404).type('text/plain').send('No such dashboard script.');
    else res.type('application/javascript').send(script);
  });
  router.get('/assets/dashboard.css', (_req: Request, res: Response) => {
    res.type('text/css').send(assets.styles());
  });
  const page = (kind: DashboardPage) => (req: Request, res: Response) => {
    res.type('html').send(
      renderPageShell({
        basePath: req.baseUrl,
        page: kind,
        instanceId: kind === 'instance' ? String(req.params.id) : undefined,
        readOnly,
        title,
        source: options.source,
        refreshIntervalMs,
      }),
    );
  };
  router.get('/', page('list'));
  router.get('/start', page('start'));
  router.get('/charts', page('charts'));
  router.get('/instances/:id', page('instance'));
  router.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const { status, body } = errorResponse(err);
    res.status(status).json(body);
  });
  return router;
}

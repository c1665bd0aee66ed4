import { loadExpress } from '../http/lazy-modules';
import type { Request, Response, Router } from 'express';
import type { WorkflowClient } from '../client';
import { createApiRoutes } from './api-routes';
import { DASHBOARD_SCRIPT } from './assets/dashboard-script';
import { DASHBOARD_STYLES } from './assets/dashboard-styles';
import { renderPageShell } from './page-shell';

/** Options of {@link createDashboardRouter}. */
export interface DashboardOptions {
  /** Hide the actions and refuse them with 403. Default false. */
  readOnly?: boolean;
  /** Shown in the header. Default `Weft workflows`. */
  title?: string;
}

const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * The web dashboard as an Express router: the instance list, instance pages with history and timeline,
 * and (unless read-only) actions. Mount it anywhere; it reads and acts through the client only.
 *
 * @param client - a client on the backend to show
 * @param options - read-only, title
 * @returns the router
 * @example
 * app.use('/workflows', createDashboardRouter(runtime.client, { readOnly: true }));
 */
export function createDashboardRouter(client: WorkflowClient, options: DashboardOptions = {}): Router {
  const readOnly = options.readOnly ?? false;
  const title = options.title ?? 'Weft workflows';
  const router = loadExpress().Router();
  router.use((_req: Request, res: Response, next) => {
    res.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    res.set('X-Content-Type-Options', 'nosniff');
    res.set('Referrer-Policy', 'no-referrer');
    next();
  });
  router.use('/api', createApiRoutes(client, readOnly));
  router.get('/assets/dashboard.js', (_req: Request, res: Response) => {
    res.type('application/javascript').send(DASHBOARD_SCRIPT);
  });
  router.get('/assets/dashboard.css', (_req: Request, res: Response) => {
    res.type('text/css').send(DASHBOARD_STYLES);
  });
  router.get('/', (req: Request, res: Response) => {
    res.type('html').send(renderPageShell({ basePath: req.baseUrl, page: 'list', readOnly, title }));
  });
  router.get('/instances/:id', (req: Request, res: Response) => {
    res.type('html').send(
      renderPageShell({
        basePath: req.baseUrl,
        page: 'instance',
        instanceId: String(req.params.id),
        readOnly,
        title,
      }),
    );
  });
  return router;
}

import express from 'express';
import type { Express } from 'express';
import {
  createDashboardRouter,
  createWorkflowRouter,
  jsonErrorHandler,
  routeNotFoundHandler,
} from 'weft-workflows';
import type { WorkflowRuntime } from 'weft-workflows';

/**
 * The HTTP app: Weft's generated routes (`POST /workflows/greeting`, `GET /workflows/:id`, …, and
 * `GET /openapi.json`) and the read-only dashboard under `/dashboard`. Add your own routes before the two
 * last handlers, which answer unknown routes and errors as JSON (`{ error: { code, message } }`).
 */
export function createApp(runtime: WorkflowRuntime): Express {
  const app = express();
  app.use(createWorkflowRouter(runtime));
  app.use('/dashboard', createDashboardRouter(runtime.client, { readOnly: true }));
  app.use(routeNotFoundHandler());
  app.use(jsonErrorHandler());
  return app;
}

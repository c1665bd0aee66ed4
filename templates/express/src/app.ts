import express from 'express';
import type { Express } from 'express';
import { createDashboardRouter, createWorkflowRouter } from 'weft-workflows';
import type { WorkflowRuntime } from 'weft-workflows';

/**
 * The HTTP app: Weft's generated routes (`POST /workflows/greeting`, `GET /workflows/:id`, …, and
 * `GET /openapi.json`) and the read-only dashboard under `/dashboard`.
 */
export function createApp(runtime: WorkflowRuntime): Express {
  const app = express();
  app.use(createWorkflowRouter(runtime));
  app.use('/dashboard', createDashboardRouter(runtime.client, { readOnly: true }));
  return app;
}

import { loadExpress } from './lazy-modules';
import type { Router } from 'express';
import { RegistrationError } from '../errors';
import type { Logger } from '../core';
import { defaultLogger } from '../core';
import type { Registry } from '../authoring';
import type { WorkflowClient } from '../client';
import { jsonErrorHandler } from './fallback-handlers';
import { DEFAULT_BODY_LIMIT_BYTES } from './request-body';
import { addGenericRoutes, WORKFLOWS_PATH } from './generic-routes';
import type { WorkflowRoute } from './workflow-routes';
import { addWorkflowRoutes } from './workflow-routes';
import type { OpenApiInfo } from './openapi';
import { buildOpenApiDocument } from './openapi';
import type { RouterContext } from './router-context';
import type { UnknownPropertyPolicy } from './dto-validation';

/** What the router needs of a runtime: its client and its registry (a `WorkflowRuntime` has both). */
export interface WorkflowRouterSource {
  readonly client: WorkflowClient;
  readonly registry: Registry;
}

/** Options of {@link createWorkflowRouter}. */
export interface WorkflowRouterOptions {
  /** Largest request body in bytes; larger bodies get 413. Default 2 MiB (the core's payload limit). */
  bodyLimitBytes?: number;
  /**
   * Body properties an input DTO does not declare: `strip` (default) removes them before the input is
   * stored, as NestJS's `whitelist`; `reject` answers 400, as `forbidNonWhitelisted`.
   */
  unknownProperties?: UnknownPropertyPolicy;
  /** Longest `?wait=` accepted, in ms; longer gets 400. Default: no limit (`30d`, `infinity` work). */
  maxWaitMs?: number;
  /** Serve the generic `/workflows` routes. Default true. */
  genericRoutes?: boolean;
  /** Serve the per-workflow routes of `@Workflow({ http: { path } })`. Default true. */
  workflowRoutes?: boolean;
  /** Serve `GET /openapi.json`; an object sets its title and version. Default true. */
  openApi?: boolean | OpenApiInfo;
  /** When aborted, waiting requests (`?wait=`) answer the current state at once (used on shutdown). */
  shutdownSignal?: AbortSignal;
  /** Where unexpected failures (the 500s) are logged with their stack. Default `console`. */
  logger?: Pick<Logger, 'error'>;
}

/**
 * Generates the HTTP surface of a runtime's registry as an Express router: generic routes under
 * `/workflows`, per-workflow routes declared with `@Workflow({ http: { path, input } })`, and
 * `GET /openapi.json`. Bodies are JSON; errors of the generic routes are `{ error: { code, message } }`
 * with the contract's codes (404 unknown workflow or instance, 409 duplicate id or finished instance,
 * 400 malformed input, 413 body too large, 415 not JSON). User input never yields a 500, and a 500
 * never includes a stack trace. Register every workflow before calling it: it freezes the registry.
 *
 * @param runtime - a `WorkflowRuntime` (or anything with its `client` and `registry`)
 * @param options - limits and which routes to serve
 * @returns the router, to mount with `app.use(router)` or `app.use('/api', router)`
 * @throws {@link RegistrationError} when a per-workflow path is malformed or used twice
 * @example
 * const app = express();
 * app.use(createWorkflowRouter(runtime));
 * await runtime.start();
 * app.listen(3000);
 */
export function createWorkflowRouter(
  runtime: WorkflowRouterSource,
  options: WorkflowRouterOptions = {},
): Router {
  const logger = options.logger ?? defaultLogger();
  const ctx: RouterContext = {
    client: runtime.client,
    registry: runtime.registry,
    bodyLimitBytes: options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES,
    maxWaitMs: options.maxWaitMs ?? Infinity,
    unknownProperties: options.unknownProperties ?? 'strip',
    shutdownSignal: options.shutdownSignal,
  };
  const genericRoutes = options.genericRoutes ?? true;
  const routes = options.workflowRoutes === false ? [] : collectWorkflowRoutes(ctx.registry, genericRoutes);
  const router = loadExpress().Router();

  if (options.openApi !== false) {
    const info = typeof options.openApi === 'object' ? options.openApi : undefined;
    router.get('/openapi.json', (req, res) => {
      res.json(
        buildOpenApiDocument(ctx.registry, routes, { info, serverUrl: req.baseUrl || '/', genericRoutes }),
      );
    });
  }
  for (const route of routes) addWorkflowRoutes(router, ctx, route);
  if (genericRoutes) addGenericRoutes(router, ctx);

  router.use(jsonErrorHandler(logger));
  return router;
}

function collectWorkflowRoutes(registry: Registry, genericRoutes: boolean): WorkflowRoute[] {
  const routes: WorkflowRoute[] = [];
  const byPath = new Map<string, string>();
  for (const definition of registry.workflows.values()) {
    const http = definition.options.http;
    if (!http?.path) continue;
    const path = normalizePath(http.path, definition.name);
    const taken = byPath.get(path);
    if (taken) {
      throw new RegistrationError(
        `Workflows '${taken}' and '${definition.name}' both declare the HTTP path '${path}'; give one another path.`,
      );
    }
    if (
      (genericRoutes && (path === WORKFLOWS_PATH || path.startsWith(`${WORKFLOWS_PATH}/`))) ||
      path === '/openapi.json'
    ) {
      throw new RegistrationError(
        `Workflow '${definition.name}' declares the HTTP path '${path}', which the generated routes use; choose another path.`,
      );
    }
    byPath.set(path, definition.name);
    routes.push({ definition, http, path });
  }
  return routes;
}

function normalizePath(path: string, workflowName: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (!/^(\/[A-Za-z0-9._~-]+)+$/.test(trimmed)) {
    throw new RegistrationError(
      `Workflow '${workflowName}' declares the HTTP path '${path}'; write a literal path such as '/orders' (letters, digits, . _ ~ -, no parameters).`,
    );
  }
  return trimmed;
}

import type { Router } from 'express';
import type { WorkflowDefinition, WorkflowHttpOptions } from '../authoring';
import { ValidationError } from '../errors';
import type { RouterContext } from './router-context';
import { bodyOf, jsonBody } from './request-body';
import { queryString, queryWaitMs } from './query-params';
import { readWorkflowState } from './state-reader';
import { validateDto } from './dto-validation';
import { accepted } from './generic-routes';

/** Default 400 message of a per-workflow route when the body is missing. */
export const DEFAULT_MISSING_INPUT_MESSAGE = 'Input data was missing from the request';
/** Default 404 message of a per-workflow route; `{id}` is replaced by the id. */
export const DEFAULT_NOT_FOUND_MESSAGE = "No instance with ID = '{id}' was found.";

/** A workflow with per-workflow routes, and its resolved route prefix. */
export interface WorkflowRoute {
  /** The registered workflow. */
  definition: WorkflowDefinition;
  /** Its `http` decorator options. */
  http: WorkflowHttpOptions;
  /** The normalised prefix, e.g. `/orders`. */
  path: string;
}

/**
 * Adds `POST <path>` and `GET <path>/:id` for one workflow declared with `@Workflow({ http: { path } })`.
 * They answer in the seed sample's shape: 400 `{ message, example, errors? }` for a missing or invalid
 * body (when the workflow declares an `input` DTO; otherwise the body, if any, is the input as is),
 * 404 `{ message }`, and `{ details, status, result }` for the state. Other failures (e.g. 409 for an
 * `instanceId` in use) use the generic `{ error: { code, message } }` shape.
 *
 * @param router - the router to add to
 * @param ctx - client, registry and limits
 * @param route - the workflow and its prefix
 */
export function addWorkflowRoutes(router: Router, ctx: RouterContext, route: WorkflowRoute): void {
  const { client } = ctx;
  const { definition, http, path } = route;
  const missingInput = http.messages?.missingInput ?? DEFAULT_MISSING_INPUT_MESSAGE;
  const notFound = http.messages?.notFound ?? DEFAULT_NOT_FOUND_MESSAGE;

  router.post(path, ...jsonBody(ctx.bodyLimitBytes), async (req, res) => {
    let input = bodyOf(req);
    if (http.input) {
      if (input === undefined || input === null || isEmptyObject(input)) {
        res.status(400).json(withExample({ message: missingInput }, http.example));
        return;
      }
      try {
        input = await validateDto(http.input, input, http.example, {
          unknownProperties: ctx.unknownProperties,
        });
      } catch (err) {
        if (!(err instanceof ValidationError)) throw err;
        const details = err.details as { errors?: unknown } | undefined;
        res
          .status(400)
          .json(withExample({ message: err.message, errors: details?.errors ?? [] }, http.example));
        return;
      }
    }
    const instanceId = await client.scheduleNewWorkflow(definition.name, input, {
      instanceId: queryString(req, 'instanceId'),
    });
    accepted(req, res, `${path}/${encodeURIComponent(instanceId)}`, { instanceId });
  });

  router.get(`${path}/:id`, async (req, res) => {
    const instanceId = req.params.id as string;
    const state = await readWorkflowState(
      client,
      instanceId,
      queryWaitMs(req, ctx.maxWaitMs),
      ctx.shutdownSignal,
    );
    if (!state || state.name !== definition.name) {
      res.status(404).json({ message: notFound.split('{id}').join(instanceId) });
      return;
    }
    res.json({ details: state.input ?? null, status: state.status, result: state.output ?? null });
  });
}

function isEmptyObject(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0
  );
}

function withExample<T extends object>(body: T, example: unknown): T & { example?: unknown } {
  return example === undefined ? body : { ...body, example };
}

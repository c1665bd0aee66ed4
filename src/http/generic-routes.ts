import type { Request, Response, Router } from 'express';
import { WorkflowNotFoundError } from '../errors';
import type { RouterContext } from './router-context';
import { bodyOf, jsonBody } from './request-body';
import {
  queryBoolean,
  queryDate,
  queryPageSize,
  queryStatuses,
  queryString,
  queryWaitMs,
} from './query-params';
import { readWorkflowState } from './state-reader';
import { validateDto } from './dto-validation';

/** Prefix of the generic routes. */
export const WORKFLOWS_PATH = '/workflows';

/**
 * Adds the generic routes: start, read (with `?wait=`), list, history, raise event, suspend, resume,
 * terminate and purge. Suspend, resume and terminate answer once the state shows the change (`?wait=`
 * bounds that: 504 past it); purge takes `?force=true` for an instance with a live
 * descendant. Errors go to the router's error handler.
 *
 * @param router - the router to add to
 * @param ctx - client, registry and limits
 */
export function addGenericRoutes(router: Router, ctx: RouterContext): void {
  const { client, registry } = ctx;
  const body = jsonBody(ctx.bodyLimitBytes);

  router.get(WORKFLOWS_PATH, async (req, res) => {
    const page = await client.listWorkflows({
      status: queryStatuses(req),
      name: queryString(req, 'name'),
      createdFrom: queryDate(req, 'createdFrom'),
      createdTo: queryDate(req, 'createdTo'),
      pageSize: queryPageSize(req),
      continuationToken: queryString(req, 'continuationToken'),
    });
    res.json(page);
  });

  router.post(`${WORKFLOWS_PATH}/:name`, ...body, async (req, res) => {
    const name = req.params.name as string;
    const def = registry.getWorkflow(name);
    if (!def) {
      throw new WorkflowNotFoundError(
        `No workflow named '${name}' is registered. Registered: ${[...registry.workflows.keys()].join(', ') || '(none)'}.`,
      );
    }
    let input = bodyOf(req);
    const dto = def.options.http?.input;
    if (dto)
      input = await validateDto(dto, input, def.options.http?.example, {
        unknownProperties: ctx.unknownProperties,
      });
    const instanceId = await client.scheduleNewWorkflow(name, input, {
      instanceId: queryString(req, 'instanceId'),
    });
    accepted(req, res, `${WORKFLOWS_PATH}/${encodeURIComponent(instanceId)}`, { instanceId });
  });

  router.get(`${WORKFLOWS_PATH}/:id`, async (req, res) => {
    const instanceId = req.params.id as string;
    const waitMs = queryWaitMs(req, ctx.maxWaitMs);
    const includePayloads = queryBoolean(req, 'includePayloads', true);
    const state = await readWorkflowState(client, instanceId, waitMs, ctx.shutdownSignal, includePayloads);
    if (!state) throw instanceNotFound(instanceId);
    res.json(state);
  });

  router.get(`${WORKFLOWS_PATH}/:id/history`, async (req, res) => {
    const instanceId = req.params.id as string;
    res.json({ instanceId, events: await client.getWorkflowHistory(instanceId) });
  });

  router.post(`${WORKFLOWS_PATH}/:id/events/:eventName`, ...body, async (req, res) => {
    const instanceId = req.params.id as string;
    const eventName = req.params.eventName as string;
    await client.raiseEvent(instanceId, eventName, bodyOf(req));
    res.status(202).json({ instanceId, eventName });
  });

  router.post(`${WORKFLOWS_PATH}/:id/suspend`, async (req, res) => {
    const instanceId = req.params.id as string;
    await client.suspendWorkflow(instanceId, queryString(req, 'reason'), {
      timeoutMs: queryWaitMs(req, ctx.maxWaitMs),
    });
    res.status(202).json({ instanceId });
  });

  router.post(`${WORKFLOWS_PATH}/:id/resume`, async (req, res) => {
    const instanceId = req.params.id as string;
    await client.resumeWorkflow(instanceId, queryString(req, 'reason'), {
      timeoutMs: queryWaitMs(req, ctx.maxWaitMs),
    });
    res.status(202).json({ instanceId });
  });

  router.post(`${WORKFLOWS_PATH}/:id/terminate`, ...body, async (req, res) => {
    const instanceId = req.params.id as string;
    await client.terminateWorkflow(instanceId, {
      output: bodyOf(req),
      recursive: queryBoolean(req, 'recursive', true),
      timeoutMs: queryWaitMs(req, ctx.maxWaitMs),
    });
    res.status(202).json({ instanceId });
  });

  router.delete(`${WORKFLOWS_PATH}/:id`, async (req, res) => {
    const instanceId = req.params.id as string;
    const purged = await client.purgeWorkflow(instanceId, {
      recursive: queryBoolean(req, 'recursive', true),
      force: queryBoolean(req, 'force', false),
    });
    if (!purged) throw instanceNotFound(instanceId);
    res.status(204).end();
  });
}

/** Answers 202 Accepted with a Location header relative to where the router is mounted. */
export function accepted(req: Request, res: Response, path: string, body: object): void {
  res.status(202).location(`${req.baseUrl}${path}`).json(body);
}

function instanceNotFound(instanceId: string): WorkflowNotFoundError {
  return new WorkflowNotFoundError(`No workflow instance with id '${instanceId}' exists.`);
}

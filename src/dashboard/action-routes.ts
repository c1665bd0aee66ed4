import { loadExpress } from '../http/lazy-modules';
import type { Request, Router } from 'express';
import { ValidationError, WorkflowNotFoundError } from '../errors';
import { isTerminalStatus } from '../core';
import type { WorkflowClient } from '../client';
import { bodyField, optionalString, parseFilter, parseTime, payloadField } from './api-params';
import { handle } from './handle';
import { forEachInstance } from './instance-search';

/** Most instances one bulk action touches. */
export const BULK_LIMIT = 10_000;

type BulkAction = 'terminate' | 'purge';

/** One instance a bulk action could not act on, and why. */
interface BulkFailure {
  instanceId: string;
  message: string;
}

/**
 * The instances a bulk action applies to: the given ids, or every instance the filter matches; terminate
 * takes only unfinished ones, purge only finished ones (what each may act on).
 */
async function bulkTargets(client: WorkflowClient, action: BulkAction, req: Request): Promise<string[]> {
  const fits = (status: Parameters<typeof isTerminalStatus>[0]): boolean =>
    action === 'purge' ? isTerminalStatus(status) : !isTerminalStatus(status);
  const ids = bodyField(req, 'instanceIds');
  if (ids !== undefined) {
    if (!Array.isArray(ids) || ids.some((id) => typeof id !== 'string'))
      throw new ValidationError("'instanceIds' must be a list of instance ids.");
    if (ids.length > BULK_LIMIT) throw new ValidationError(`At most ${BULK_LIMIT} instances at once.`);
    const states = await Promise.all((ids as string[]).map((id) => client.getWorkflowState(id)));
    return states.filter((s) => s !== undefined && fits(s.status)).map((s) => s!.instanceId);
  }
  const filterBody = bodyField(req, 'filter');
  if (typeof filterBody !== 'object' || filterBody === null)
    throw new ValidationError("A bulk action needs 'instanceIds' or a 'filter'.");
  const targets: string[] = [];
  await forEachInstance(client, parseFilter(filterBody as Record<string, unknown>), BULK_LIMIT, (s) => {
    if (fits(s.status)) targets.push(s.instanceId);
  });
  return targets;
}

/**
 * The dashboard's actions: start, raise event, suspend, resume, terminate, purge, rerun, and bulk
 * terminate/purge of a selection or a filter (`dryRun: true` answers only how many it would touch).
 *
 * @param client - the client everything goes through
 */
export function createActionRoutes(client: WorkflowClient): Router {
  const api = loadExpress().Router();
  const idOf = (req: Request): string => String(req.params.id);

  api.post(
    '/instances',
    handle(async (req) => {
      const name = optionalString(req, 'name');
      if (!name) throw new ValidationError('Choose a workflow to start.');
      const input = payloadField(req, 'input');
      const startAt = parseTime(bodyField(req, 'startAt'), 'startAt');
      const instanceId = await client.scheduleNewWorkflow(name, input.value, {
        instanceId: optionalString(req, 'instanceId'),
        startAt: startAt === undefined ? undefined : new Date(startAt),
      });
      return { instanceId };
    }),
  );

  api.post(
    '/bulk/:action',
    handle(async (req) => {
      const action = String(req.params.action);
      if (action !== 'terminate' && action !== 'purge')
        throw new ValidationError(`'${action}' is not a bulk action: terminate or purge.`);
      const targets = await bulkTargets(client, action, req);
      if (bodyField(req, 'dryRun') === true) return { count: targets.length };
      const failed: BulkFailure[] = [];
      let done = 0;
      for (const instanceId of targets) {
        try {
          if (action === 'terminate') await client.terminateWorkflow(instanceId);
          else await client.purgeWorkflow(instanceId, { recursive: true });
          done += 1;
        } catch (err) {
          failed.push({ instanceId, message: err instanceof Error ? err.message : String(err) });
        }
      }
      return { count: done, failed };
    }),
  );

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
  return api;
}

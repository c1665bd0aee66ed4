import type { Command } from 'commander';
import { WorkflowStatus } from '../../core';
import type { WorkflowClient } from '../../client';
import { TimeoutError, WeftError, ErrorCodes } from '../../errors';
import { parseDurationMs } from '../../http/duration';
import { withClient } from '../connection';
import { addConnectionOptions, connectionOptions, parseJsonOption, parseStartTime } from '../options';

/** What became of a new instance within `--wait-start`. */
type StartCheck = { kind: 'started' } | { kind: 'pending' } | { kind: 'unknown-name'; message: string };

/**
 * Waits for a worker to pick the instance up. A worker that does not register the name fails it at once with
 * `WorkflowNotFoundError`; no worker at all leaves it PENDING. Either way the CLI can now say so.
 */
async function checkStart(
  client: WorkflowClient,
  instanceId: string,
  timeoutMs: number,
): Promise<StartCheck> {
  let state;
  try {
    state = await client.waitForWorkflowStart(instanceId, { timeoutMs });
  } catch (err) {
    if (err instanceof TimeoutError) return { kind: 'pending' };
    throw err;
  }
  if (state.status === WorkflowStatus.FAILED && state.failureDetails?.errorType === 'WorkflowNotFoundError') {
    return { kind: 'unknown-name', message: state.failureDetails.message };
  }
  return state.status === WorkflowStatus.PENDING ? { kind: 'pending' } : { kind: 'started' };
}

interface RunOptions {
  waitStart: string;
  instanceId?: string;
  input?: string;
  startTime?: string;
  db?: string;
  sidecar?: string;
  apiToken?: string;
}

/**
 * `weft run <name>`: schedules a new instance and prints its id. The CLI has no registry, so it waits up to
 * `--wait-start` for a worker to pick the instance up: a worker that does not register the name fails it
 * (reported, exit code 1); no worker leaves it PENDING (a warning on stderr, exit code 0).
 */
export function registerRunCommand(program: Command): void {
  addConnectionOptions(
    program
      .command('run')
      .description('schedule a new workflow instance and print its id')
      .addHelpText(
        'after',
        '\nThe CLI has no registry of workflow names: it waits up to --wait-start for a worker to start the\n' +
          'instance, fails when the worker does not register the name, and warns when no worker picked it up.',
      )
      .argument('<name>', 'registered workflow name')
      .option('-i, --instance-id <id>', 'instance id (default: a random UUID)')
      .option('-x, --input <json>', 'input as JSON, or @file.json')
      .option(
        '-s, --start-time <time>',
        'do not start before this ISO date-time or duration from now (30s, 2h)',
      )
      .option(
        '-w, --wait-start <duration>',
        'how long to wait for a worker to start it (0s: do not wait)',
        '3s',
      ),
  ).action(async (name: string, options: RunOptions) => {
    const input = parseJsonOption(options.input, '--input');
    const startAt = options.startTime === undefined ? undefined : parseStartTime(options.startTime);
    const waitMs = parseDurationMs(options.waitStart, '--wait-start', { bareNumber: 'reject' });
    const check = await withClient(connectionOptions(options), async (client) => {
      const id = await client.scheduleNewWorkflow(name, input.given ? input.value : undefined, {
        instanceId: options.instanceId,
        startAt,
      });
      process.stdout.write(`${id}\n`);
      const later = startAt !== undefined && startAt.getTime() > Date.now();
      return { id, result: waitMs > 0 && !later ? await checkStart(client, id, waitMs) : undefined };
    });
    if (check.result?.kind === 'unknown-name') {
      throw new WeftError(
        ErrorCodes.WORKFLOW_NOT_FOUND,
        `No connected worker registers a workflow named '${name}': instance '${check.id}' failed (${check.result.message})`,
      );
    }
    if (check.result?.kind === 'pending') {
      process.stderr.write(
        `weft: warning: instance '${check.id}' is still PENDING after ${options.waitStart}: no worker has ` +
          `started it. Is a worker that registers '${name}' running?\n`,
      );
    }
  });
}

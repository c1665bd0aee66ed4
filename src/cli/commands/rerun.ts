import type { Command } from 'commander';
import { ValidationError, WeftError, WorkflowNotTerminalError } from '../../errors';
import { withClient } from '../connection';
import { addConnectionOptions, connectionOptions, parseJsonOption } from '../options';

interface RerunOptions {
  eventId: string;
  newInstanceId?: string;
  input?: string;
  db?: string;
  sidecar?: string;
  apiToken?: string;
}

/**
 * `weft rerun <id> -e <eventId>`: a new instance from a finished one's history up to an activity or
 * child-workflow scheduling event; prints the new id.
 */
export function registerRerunCommand(program: Command): void {
  addConnectionOptions(
    program
      .command('rerun')
      .description(
        "run a new instance from a finished instance's history, from an activity or child-workflow event on",
      )
      .argument('<id>', 'the finished source instance')
      .requiredOption(
        '-e, --event-id <n>',
        'EVENTID of a TaskScheduled or ChildWorkflowInstanceCreated event',
      )
      .option('--new-instance-id <id>', 'id of the new instance (default: a random UUID)')
      .option('-x, --input <json>', 'replace the input, as JSON or @file.json'),
  ).action(async (sourceId: string, options: RerunOptions) => {
    if (!/^\d+$/.test(options.eventId))
      throw new ValidationError(`--event-id: '${options.eventId}' is not an event id (a whole number).`);
    const input = parseJsonOption(options.input, '--input');
    const id = await withClient(connectionOptions(options), async (client) => {
      try {
        return await client.rerunWorkflowFromEvent(sourceId, Number(options.eventId), {
          newInstanceId: options.newInstanceId,
          ...(input.given ? { input: input.value } : {}),
        });
      } catch (err) {
        // The engine's error speaks of purging (it shares the "must have finished" rule); say what was asked.
        if (!(err instanceof WorkflowNotTerminalError)) throw err;
        const state = await client.getWorkflowState(sourceId, { getInputsAndOutputs: false });
        throw new WeftError(
          err.code,
          `Cannot rerun workflow instance '${sourceId}': it is ${state?.status ?? err.status}. ` +
            'Rerun starts from a finished instance; wait for it to finish or terminate it first.',
        );
      }
    });
    process.stdout.write(`${id}\n`);
  });
}

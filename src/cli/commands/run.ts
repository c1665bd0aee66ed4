import type { Command } from 'commander';
import { withClient } from '../connection';
import { addConnectionOptions, connectionOptions, parseJsonOption, parseStartTime } from '../options';

interface RunOptions {
  instanceId?: string;
  input?: string;
  startTime?: string;
  db?: string;
  sidecar?: string;
  apiToken?: string;
}

/**
 * `weft run <name>`: schedules a new instance and prints its id. The CLI has no registry, so an unknown
 * name is not caught here: the instance stays PENDING until a worker that knows the workflow runs it.
 */
export function registerRunCommand(program: Command): void {
  addConnectionOptions(
    program
      .command('run')
      .description('schedule a new workflow instance and print its id')
      .addHelpText(
        'after',
        '\nThe CLI has no registry, so it cannot check the name: the instance waits as PENDING until a\n' +
          'worker that registers the workflow runs it (a worker that does not know the name fails it).',
      )
      .argument('<name>', 'registered workflow name')
      .option('-i, --instance-id <id>', 'instance id (default: a random UUID)')
      .option('-x, --input <json>', 'input as JSON, or @file.json')
      .option(
        '-s, --start-time <time>',
        'do not start before this ISO date-time or duration from now (30s, 2h)',
      ),
  ).action(async (name: string, options: RunOptions) => {
    const input = parseJsonOption(options.input, '--input');
    const startAt = options.startTime === undefined ? undefined : parseStartTime(options.startTime);
    const id = await withClient(connectionOptions(options), (client) =>
      client.scheduleNewWorkflow(name, input.given ? input.value : undefined, {
        instanceId: options.instanceId,
        startAt,
      }),
    );
    process.stdout.write(`${id}\n`);
  });
}

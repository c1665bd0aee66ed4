import type { Command } from 'commander';
import { withClient } from '../connection';
import { addConnectionOptions, connectionOptions, parseJsonOption } from '../options';
import { requireInstance } from '../require-instance';

interface TerminateOptions {
  output?: string;
  recursive: boolean;
  db?: string;
  sidecar?: string;
  apiToken?: string;
}

/** `weft terminate <id>`: terminates an instance and, unless `--no-recursive`, its children. */
export function registerTerminateCommand(program: Command): void {
  addConnectionOptions(
    program
      .command('terminate')
      .description('terminate an instance (and its children)')
      .argument('<id>', 'instance id')
      .option('-o, --output <json>', 'output to record, as JSON or @file.json')
      .option('--no-recursive', 'leave child workflows running'),
  ).action(async (instanceId: string, options: TerminateOptions) => {
    const output = parseJsonOption(options.output, '--output');
    await withClient(connectionOptions(options), async (client) => {
      await requireInstance(client, instanceId);
      await client.terminateWorkflow(instanceId, {
        output: output.given ? output.value : undefined,
        recursive: options.recursive,
      });
    });
    process.stdout.write(`Terminating instance '${instanceId}'.\n`);
  });
}

import type { Command } from 'commander';
import { withClient } from '../connection';
import { addConnectionOptions, connectionOptions } from '../options';
import { requireInstance } from '../require-instance';

interface ReasonOptions {
  reason?: string;
  db?: string;
  sidecar?: string;
  apiToken?: string;
}

/** `weft suspend <id>` and `weft resume <id>`. */
export function registerSuspendResumeCommands(program: Command): void {
  for (const verb of ['suspend', 'resume'] as const) {
    addConnectionOptions(
      program
        .command(verb)
        .description(
          verb === 'suspend'
            ? 'suspend an instance: it holds all progress, events that arrive are kept'
            : 'resume a suspended instance',
        )
        .argument('<id>', 'instance id')
        .option('--reason <text>', 'why, recorded in the history'),
    ).action(async (instanceId: string, options: ReasonOptions) => {
      await withClient(connectionOptions(options), async (client) => {
        await requireInstance(client, instanceId);
        if (verb === 'suspend') await client.suspendWorkflow(instanceId, options.reason);
        else await client.resumeWorkflow(instanceId, options.reason);
      });
      process.stdout.write(`${verb === 'suspend' ? 'Suspending' : 'Resuming'} instance '${instanceId}'.\n`);
    });
  }
}

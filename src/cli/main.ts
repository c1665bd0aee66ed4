import 'reflect-metadata';
import { Command } from 'commander';
import { commandRegistrations } from './commands';

/** Builds the `weft` command line program with every command registered. */
export function createProgram(): Command {
  const program = new Command('weft')
    .description('Durable workflows for TypeScript: run, inspect and control workflow instances.')
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    .version((require('../../../package.json') as { version: string }).version)
    .showHelpAfterError()
    .addHelpText(
      'after',
      '\n`weft workflow <command>` works too (as `dapr workflow list`): `weft workflow list` is `weft list`.',
    );
  for (const register of commandRegistrations) register(program);
  return program;
}

/**
 * Drops a leading `workflow` (`weft workflow list` → `weft list`), the grouping the Dapr CLI
 * (`dapr workflow …`) and Temporal's (`temporal workflow …`) put before the same commands.
 *
 * @param argv - as `process.argv`: node, script, then the arguments
 * @returns argv without that word
 */
export function withoutWorkflowPrefix(argv: readonly string[]): string[] {
  return argv[2] === 'workflow' ? [...argv.slice(0, 2), ...argv.slice(3)] : [...argv];
}

/** Runs the CLI with the given argv (as `process.argv`). */
export async function main(argv: string[]): Promise<void> {
  await createProgram().parseAsync(withoutWorkflowPrefix(argv));
}

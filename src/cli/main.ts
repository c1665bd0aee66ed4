import 'reflect-metadata';
import { Command } from 'commander';
import { commandRegistrations } from './commands';

/** Builds the `weft` command line program with every command registered. */
export function createProgram(): Command {
  const program = new Command('weft')
    .description('Durable workflows for TypeScript: run, inspect and control workflow instances.')
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    .version((require('../../../package.json') as { version: string }).version)
    .showHelpAfterError();
  for (const register of commandRegistrations) register(program);
  return program;
}

/** Runs the CLI with the given argv (as `process.argv`). */
export async function main(argv: string[]): Promise<void> {
  await createProgram().parseAsync(argv);
}

/**
 * Runs `weft sidecar` through the real command definition, without the rest of the CLI: tests spawn this
 * file (compiled by build-sidecar.ts) as the sidecar process.
 */
import 'reflect-metadata';
import { Command } from 'commander';
import { registerSidecarCommand } from '../../../src/cli/commands/sidecar';

const program = new Command('weft').exitOverride();
registerSidecarCommand(program);
program.parseAsync(process.argv).catch((err: unknown) => {
  process.stderr.write(`weft: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

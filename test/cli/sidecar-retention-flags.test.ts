import { Command } from 'commander';
import { registerSidecarCommand } from '../../src/cli/commands/sidecar';

/** `weft sidecar --retention-<status> <duration>` takes the CLI's durations and refuses anything else by name. */
describe('weft sidecar retention flags', () => {
  function parse(args: string[]): Promise<unknown> {
    const program = new Command().exitOverride().configureOutput({ writeErr: () => {} });
    registerSidecarCommand(program);
    return program.parseAsync(['node', 'weft', 'sidecar', ...args]);
  }

  it('refuses a window that is not a duration, naming the flag', async () => {
    await expect(parse(['--retention-completed', 'soon'])).rejects.toThrow(
      /--retention-completed: 'soon' is not a duration/,
    );
    await expect(parse(['--retention-any-terminal', '-5d'])).rejects.toThrow(/--retention-any-terminal/);
  });
});

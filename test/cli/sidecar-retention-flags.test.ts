import { Command } from 'commander';
import { registerSidecarCommand, sidecarBackendOptions } from '../../src/cli/commands/sidecar';
import type { SidecarCommandOptions } from '../../src/cli/commands/sidecar';

/** `weft sidecar --retention-<status> <duration>` takes the CLI's durations and refuses anything else by name. */
describe('weft sidecar retention and limit flags', () => {
  it('turns the flags into the backend options', async () => {
    const program = new Command().exitOverride();
    registerSidecarCommand(program);
    const sidecar = program.commands[0] as Command;
    let parsed: SidecarCommandOptions | undefined;
    sidecar.action((options: SidecarCommandOptions) => {
      parsed = options;
    });
    await program.parseAsync(
      ['sidecar', '--db', 'x.db', '--retention-completed', '7d', '--retention-any-terminal', '1h30m'].concat([
        '--max-history-bytes',
        '1048576',
        '--max-send-message-bytes',
        '4194304',
        '--max-pending-events',
        '500',
        '--max-pending-event-bytes',
        '65536',
      ]),
      { from: 'user' },
    );
    expect(parsed?.maxSendMessageBytes).toBe(4 * 1024 * 1024);
    expect(sidecarBackendOptions(parsed as SidecarCommandOptions)).toEqual({
      path: 'x.db',
      leaseMs: 5000,
      maxHistoryBytes: 1024 * 1024,
      maxPendingEvents: 500,
      maxPendingEventBytes: 65536,
      retention: { completed: 7 * 86_400_000, anyTerminal: 5_400_000 },
    });
  });

  it('leaves retention off without a --retention flag', async () => {
    const program = new Command().exitOverride();
    registerSidecarCommand(program);
    let parsed: SidecarCommandOptions | undefined;
    (program.commands[0] as Command).action((options: SidecarCommandOptions) => {
      parsed = options;
    });
    await program.parseAsync(['sidecar'], { from: 'user' });
    expect(sidecarBackendOptions(parsed as SidecarCommandOptions).retention).toBeUndefined();
  });

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

  it('refuses a pending-event limit below 1', async () => {
    await expect(parse(['--max-pending-events', '0'])).rejects.toThrow(/max-pending-events/);
  });
});

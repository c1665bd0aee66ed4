import type { Command } from 'commander';
import { withClient } from '../connection';
import { renderOutput } from '../format/output';
import type { OutputFormat } from '../options';
import { addConnectionOptions, connectionOptions, outputOption } from '../options';
import { historyTable } from '../views/history-table';

interface HistoryOptions {
  output: OutputFormat;
  db?: string;
  sidecar?: string;
  apiToken?: string;
}

/** `weft history <id>`: the instance's history events in order. */
export function registerHistoryCommand(program: Command): void {
  addConnectionOptions(
    program
      .command('history')
      .description("show an instance's history: TYPE, NAME, EVENTID, ELAPSED, STATUS, DETAILS")
      .argument('<id>', 'instance id')
      .addOption(outputOption()),
  ).action(async (instanceId: string, options: HistoryOptions) => {
    const events = await withClient(connectionOptions(options), (client) =>
      client.getWorkflowHistory(instanceId),
    );
    const data = events.map(({ eventId, type, timestamp, name, ...rest }) => ({
      eventId,
      type,
      timestamp,
      name,
      ...rest,
    }));
    process.stdout.write(renderOutput(options.output, data, (wide) => historyTable(events, wide)));
  });
}

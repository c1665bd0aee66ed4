import type { Command } from 'commander';
import { ValidationError } from '../../errors';
import { WorkflowStatus } from '../../core';
import type { WorkflowState } from '../../client';
import { withClient } from '../connection';
import { parsePointInTime } from '../../http/duration';
import { renderOutput } from '../format/output';
import type { OutputFormat } from '../options';
import { addConnectionOptions, connectionOptions, outputOption } from '../options';
import { ProgressBar } from '../progress-bar';
import { instanceTable } from '../views/instance-table';

interface ListOptions {
  output: OutputFormat;
  limit?: string;
  filterStatus?: string;
  filterName?: string;
  filterMaxAge?: string;
  db?: string;
  sidecar?: string;
  apiToken?: string;
}

/**
 * Parses a comma-separated list of statuses, case-insensitively.
 *
 * @throws {@link ValidationError} naming the valid statuses
 */
export function parseStatuses(text: string, what: string): WorkflowStatus[] {
  const valid = Object.values(WorkflowStatus) as string[];
  return text.split(',').map((part) => {
    const status = part.trim().toUpperCase();
    if (!valid.includes(status))
      throw new ValidationError(`${what}: '${part}' is not a status. Valid: ${valid.join(', ')}.`);
    return status as WorkflowStatus;
  });
}

/**
 * Parses `--limit`: a whole number of at least 1.
 *
 * @throws {@link ValidationError} for anything else
 */
export function parseLimit(text: string): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1)
    throw new ValidationError(`--limit: '${text}' is not a whole number of at least 1.`);
  return Number(text);
}

/** `weft list`: instances newest first, as a table, JSON or YAML. */
export function registerListCommand(program: Command): void {
  addConnectionOptions(
    program
      .command('list')
      .alias('ls')
      .description('list workflow instances, newest first')
      .addOption(outputOption())
      .option('-s, --filter-status <status>', 'only these statuses (comma-separated, e.g. RUNNING,FAILED)')
      .option('-w, --filter-name <name>', 'only instances of this workflow')
      .option('-l, --limit <n>', 'at most this many instances (the newest)')
      .option(
        '-m, --filter-max-age <duration>',
        'only instances created within this long (e.g. 1h, 7d) or since this ISO time',
      ),
  ).action(async (options: ListOptions) => {
    const status = options.filterStatus ? parseStatuses(options.filterStatus, '--filter-status') : undefined;
    const limit = options.limit === undefined ? Infinity : parseLimit(options.limit);
    const now = Date.now();
    const createdFrom =
      options.filterMaxAge === undefined
        ? undefined
        : parsePointInTime(options.filterMaxAge, '--filter-max-age', -1, now);
    const states = await withClient(connectionOptions(options), async (client) => {
      const all: WorkflowState[] = [];
      const bar = new ProgressBar(undefined, 'listed');
      let continuationToken: string | undefined;
      do {
        const page = await client.listWorkflows({
          status,
          name: options.filterName,
          createdFrom,
          pageSize: Math.min(500, limit - all.length),
          continuationToken,
        });
        all.push(...page.items.slice(0, limit - all.length));
        bar.tick(page.items.length);
        continuationToken = page.continuationToken;
      } while (continuationToken && all.length < limit);
      bar.finish();
      return all;
    });
    process.stdout.write(renderOutput(options.output, states, (wide) => instanceTable(states, wide, now)));
  });
}

import type { Command } from 'commander';
import { ErrorCodes, ValidationError, WeftError, WorkflowNotFoundError } from '../../errors';
import { isTerminalStatus } from '../../core';
import type { WorkflowClient, WorkflowState } from '../../client';
import { withClient } from '../connection';
import { parseDurationMs, parsePointInTime } from '../../http/duration';
import { addConnectionOptions, connectionOptions } from '../options';
import { ProgressBar } from '../progress-bar';
import { parseStatuses } from './list';

interface PurgeOptions {
  allOlderThan?: string;
  allFilterStatus?: string;
  force?: boolean;
  timeout: string;
  db?: string;
  sidecar?: string;
  apiToken?: string;
}

/** `weft purge <id…> | --all-older-than D | --all-filter-status S [--force]`. */
export function registerPurgeCommand(program: Command): void {
  addConnectionOptions(
    program
      .command('purge')
      .description("remove finished instances' state and history (children too)")
      .argument('[ids...]', 'instance ids')
      .option(
        '--all-older-than <duration>',
        'every finished instance created longer ago than this (e.g. 24h, 7d) or before this ISO time',
      )
      .option('--all-filter-status <status>', 'every finished instance with these statuses (comma-separated)')
      .option(
        '--force',
        'terminate instances that have not finished first, then purge them even with live descendants',
      )
      .option(
        '--timeout <duration>',
        'with --force: how long to wait for a termination (e.g. 30s, 7d, infinity)',
        '30s',
      ),
  ).action(async (ids: string[], options: PurgeOptions) => {
    const bulk = options.allOlderThan !== undefined || options.allFilterStatus !== undefined;
    if (bulk && ids.length > 0)
      throw new ValidationError('Give instance ids or --all-older-than/--all-filter-status, not both.');
    if (!bulk && ids.length === 0)
      throw new ValidationError(
        'Nothing to purge: give instance ids, --all-older-than or --all-filter-status.',
      );
    const status = options.allFilterStatus
      ? parseStatuses(options.allFilterStatus, '--all-filter-status')
      : undefined;
    const createdTo = options.allOlderThan
      ? parsePointInTime(options.allOlderThan, '--all-older-than', -1)
      : undefined;
    const timeoutMs = parseDurationMs(options.timeout, '--timeout', { bareNumber: 'reject', infinity: true });

    const failures = await withClient(connectionOptions(options), async (client) => {
      const targets = bulk ? await findTargets(client, createdTo, status) : ids;
      const purger = new Purger(client, Boolean(options.force), timeoutMs, !bulk);
      const bar = new ProgressBar(targets.length, 'purged');
      for (const id of targets) {
        await purger.purge(id);
        bar.tick();
      }
      bar.finish();
      process.stdout.write(purger.summary(bulk));
      return purger.failures;
    });
    if (failures.length > 0) {
      throw new WeftError(failures[0].code, failures.map((f) => f.message).join('\n'));
    }
  });
}

async function findTargets(
  client: WorkflowClient,
  createdTo: Date | undefined,
  status: WorkflowState['status'][] | undefined,
): Promise<string[]> {
  const found: WorkflowState[] = [];
  const bar = new ProgressBar(undefined, 'found');
  let continuationToken: string | undefined;
  do {
    const page = await client.listWorkflows({ status, createdTo, pageSize: 500, continuationToken });
    found.push(...page.items);
    bar.tick(page.items.length);
    continuationToken = page.continuationToken;
  } while (continuationToken);
  bar.finish();
  // A child whose parent is purged too goes with it; counting it separately would count it twice.
  const listed = new Set(found.map((s) => s.instanceId));
  return found.filter((s) => !s.parentInstanceId || !listed.has(s.parentInstanceId)).map((s) => s.instanceId);
}

/** Purges one instance at a time and keeps the tally. */
class Purger {
  readonly failures: WeftError[] = [];
  private purged = 0;
  private skipped = 0;
  private readonly lines: string[] = [];

  constructor(
    private readonly client: WorkflowClient,
    private readonly force: boolean,
    private readonly timeoutMs: number,
    private readonly strict: boolean,
  ) {}

  async purge(instanceId: string): Promise<void> {
    try {
      const state = await this.client.getWorkflowState(instanceId, { getInputsAndOutputs: false });
      if (!state) throw new WorkflowNotFoundError(`No workflow instance with id '${instanceId}' exists.`);
      if (!isTerminalStatus(state.status)) {
        if (!this.force) {
          if (!this.strict) {
            this.skipped += 1;
            return;
          }
        } else {
          // Resolves once it (and its children) show TERMINATED.
          await this.client.terminateWorkflow(instanceId, { timeoutMs: this.timeoutMs });
        }
      }
      if (await this.client.purgeWorkflow(instanceId, { force: this.force })) {
        this.purged += 1;
        if (this.strict) this.lines.push(`Purged instance '${instanceId}'.`);
      }
    } catch (err) {
      if (!(err instanceof WeftError)) throw err;
      // The shared message cannot name the CLI's flag; the descendant case already says "with force".
      const hint =
        err.code === ErrorCodes.WORKFLOW_NOT_TERMINAL && !this.force && !/force/.test(err.message)
          ? ' (weft purge --force terminates it, and its children, first.)'
          : '';
      this.failures.push(hint ? new WeftError(err.code, `${err.message}${hint}`) : err);
    }
  }

  summary(bulk: boolean): string {
    if (!bulk) return this.lines.map((l) => `${l}\n`).join('');
    const skipped =
      this.skipped > 0 ? ` (${this.skipped} not finished, skipped; --force terminates them)` : '';
    return `Purged ${this.purged} instance${this.purged === 1 ? '' : 's'}${skipped}.\n`;
  }
}

import type { Command } from 'commander';
import { isTerminalStatus, WorkflowStatus } from '../../core';
import type { WorkflowState } from '../../client';
import { withClient } from '../connection';
import { formatAge } from '../format/duration';
import { payloadText, renderOutput } from '../format/output';
import type { OutputFormat } from '../options';
import { addConnectionOptions, connectionOptions, outputOption } from '../options';
import { requireInstance } from '../require-instance';
import { pendingWork } from '../../client/pending-work';
import type { WaitLine } from '../views/pending-work';
import { waitLines } from '../views/pending-work';

interface GetOptions {
  output: OutputFormat;
  db?: string;
  sidecar?: string;
  apiToken?: string;
}

function describeWork(work: WaitLine, now: number): string {
  const what = work.name ? `${work.kind} ${work.name}` : work.kind;
  const child = work.instanceId ? ` (instance ${work.instanceId})` : '';
  const at = work.eventId === undefined ? '' : `, event ${work.eventId}`;
  const attempt =
    work.kind === 'retry' && work.attempt !== undefined
      ? `, attempt ${work.attempt} failed${work.lastError ? `: ${work.lastError}` : ''}`
      : work.attempt !== undefined && work.attempt > 1
        ? `, attempt ${work.attempt}`
        : '';
  const since = work.since ? `, for ${formatAge(now - work.since.getTime())}` : '';
  const until = work.until
    ? `, ${work.kind === 'retry' ? 'next attempt' : work.kind === 'event' ? 'times out' : 'fires'} ${work.until.toISOString()}`
    : '';
  return `${what}${child}${at}${attempt}${since}${until}`;
}

/** The `describe` text: one `Field: value` line each, then the failure and what the instance waits for. */
function describeText(state: WorkflowState, waits: WaitLine[], now: number): string {
  const lines: [string, string][] = [
    ['Name', state.name],
    ['Instance ID', state.instanceId],
    ['Status', state.stalledReason ? `${state.status} (${state.stalledReason})` : state.status],
    ['Created', `${state.createdAt.toISOString()} (${formatAge(now - state.createdAt.getTime())} ago)`],
    ['Last Update', state.lastUpdatedAt.toISOString()],
  ];
  if (state.version !== undefined) lines.push(['Version', state.version]);
  if (state.parentInstanceId) lines.push(['Parent', state.parentInstanceId]);
  if (state.customStatus !== undefined) lines.push(['Custom Status', payloadText(state.customStatus)]);
  if (state.input !== undefined) lines.push(['Input', payloadText(state.input)]);
  if (state.output !== undefined) lines.push(['Output', payloadText(state.output)]);
  const width = Math.max(...lines.map(([label]) => label.length)) + 2;
  let text = lines.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}\n`).join('');
  if (state.failureDetails) {
    const { errorType, message, stackTrace } = state.failureDetails;
    text += `Failure:\n  ${errorType}: ${message}\n`;
    if (stackTrace)
      text += stackTrace
        .split('\n')
        .map((line) => `    ${line.trim()}\n`)
        .join('');
  }
  if (!isTerminalStatus(state.status)) {
    text += waits.length
      ? `Waiting for:\n${waits.map((w) => `  ${describeWork(w, now)}\n`).join('')}`
      : state.status === WorkflowStatus.PENDING
        ? 'Waiting for:  its start (a start time set with --start-time or startAt, or a worker to run it)\n'
        : 'Waiting for:  nothing in its history (an external event without a timeout, or a worker to run it)\n';
  }
  return text;
}

/**
 * `weft get <id>` (alias `describe`): one instance's state, failure and what it waits for, as text, JSON or
 * YAML. The structured forms are `{ ...state, waitingFor: [...] }`.
 */
export function registerGetCommand(program: Command): void {
  addConnectionOptions(
    program
      .command('get')
      .alias('describe')
      .description('show one instance: status, input, output, failure, and what it is waiting for')
      .argument('<id>', 'instance id')
      .addOption(outputOption()),
  ).action(async (instanceId: string, options: GetOptions) => {
    const now = Date.now();
    const { state, waits } = await withClient(connectionOptions(options), async (client) => {
      await requireInstance(client, instanceId);
      const full = (await client.getWorkflowState(instanceId, {
        getInputsAndOutputs: true,
      })) as WorkflowState;
      const history = isTerminalStatus(full.status) ? [] : await client.getWorkflowHistory(instanceId);
      const waits = isTerminalStatus(full.status)
        ? []
        : waitLines(pendingWork(history, full.waitingForEvents), full.lastUpdatedAt);
      return { state: full, waits };
    });
    const data = { ...state, waitingFor: waits };
    process.stdout.write(
      options.output === 'short' || options.output === 'wide'
        ? describeText(state, waits, now)
        : renderOutput(options.output, data, () => ({ headers: [], rows: [] })),
    );
  });
}

import { DEFAULT_DB_PATH } from '../connection';
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import type { SidecarServer } from '../../backends/dapr';
import type { RetentionPolicy, SqliteBackendOptions } from '../../backends/sqlite';
import { parseDurationMs } from '../../http/duration';

/** Options of `weft sidecar`, as parsed. */
export interface SidecarCommandOptions {
  /** gRPC port (0: OS-chosen). */
  port: number;
  /** Address to bind. */
  host: string;
  /** SQLite file. */
  db: string;
  /** Required `dapr-api-token`, if any. */
  apiToken?: string;
  /** Lease of claimed work in ms. */
  leaseMs: number;
  /** Largest message sent to a worker (a work item with its history), bytes. */
  maxSendMessageBytes?: number;
  /** Largest message accepted from a worker or client, bytes. */
  maxReceiveMessageBytes?: number;
  /** Largest history of one instance, bytes of event JSON. */
  maxHistoryBytes?: number;
  /** Most external events waiting, unconsumed, in one instance's inbox (`SqliteBackend`'s `maxPendingEvents`). */
  maxPendingEvents?: number;
  /** Most bytes of external events waiting in one instance's inbox (`maxPendingEventBytes`). */
  maxPendingEventBytes?: number;
  /** Retention of COMPLETED instances, ms (`--retention-completed 7d`). */
  retentionCompleted?: number;
  /** Retention of FAILED instances, ms. */
  retentionFailed?: number;
  /** Retention of TERMINATED instances, ms. */
  retentionTerminated?: number;
  /** Retention of any terminal status without its own flag, ms. */
  retentionAnyTerminal?: number;
}

/**
 * The `SqliteBackend` options the flags ask for.
 *
 * @param options - the parsed options
 * @returns path, lease, history and pending-event limits, and retention (undefined when no `--retention-*` flag was given)
 */
export function sidecarBackendOptions(options: SidecarCommandOptions): SqliteBackendOptions {
  return {
    path: options.db,
    leaseMs: options.leaseMs,
    maxHistoryBytes: options.maxHistoryBytes,
    maxPendingEvents: options.maxPendingEvents,
    maxPendingEventBytes: options.maxPendingEventBytes,
    retention: retentionOf(options),
  };
}

/** The retention policy the flags ask for, or undefined when none was given. */
function retentionOf(options: SidecarCommandOptions): RetentionPolicy | undefined {
  const policy: RetentionPolicy = {
    completed: options.retentionCompleted,
    failed: options.retentionFailed,
    terminated: options.retentionTerminated,
    anyTerminal: options.retentionAnyTerminal,
  };
  return Object.values(policy).some((v) => v !== undefined) ? policy : undefined;
}

/**
 * Starts the sidecar, prints one line `weft sidecar listening on <host>:<port>` once it serves, and stops
 * it cleanly on SIGINT or SIGTERM.
 *
 * @param options - the parsed options
 * @returns the running server
 */
export async function runSidecar(options: SidecarCommandOptions): Promise<SidecarServer> {
  // Loaded here so that other commands never load gRPC.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSidecarServer } = require('../../backends/dapr') as typeof import('../../backends/dapr');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { SqliteBackend } = require('../../backends/sqlite') as typeof import('../../backends/sqlite');
  const apiToken = options.apiToken ?? (process.env.DAPR_API_TOKEN || undefined);
  // The CLI builds the engine; the sidecar server serves whatever Backend it is given.
  const backend = new SqliteBackend(sidecarBackendOptions(options));
  const server = await startSidecarServer({
    backend,
    port: options.port,
    host: options.host,
    apiToken,
    sendMessageBytes: options.maxSendMessageBytes,
    receiveMessageBytes: options.maxReceiveMessageBytes,
  });
  const shutdown = () => {
    void server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`weft sidecar: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  // Printed last: whoever waits for this line may signal the process at once.
  process.stdout.write(
    `weft sidecar listening on ${options.host}:${server.port} (db ${backend.path}${apiToken ? ', API token required' : ''})\n`,
  );
  return server;
}

function parseInteger(min: number, max: number) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

/**
 * Adds `weft sidecar`: serves the Dapr workflow sidecar protocol (TaskHubSidecarService) from the embedded
 * engine, so Dapr SDKs and Weft's DaprSidecarBackend can run against a local SQLite file.
 *
 * @param program - the root command
 */
export function registerSidecarCommand(program: Command): void {
  const command = program
    .command('sidecar')
    .description(
      "serve Dapr's workflow sidecar gRPC protocol (TaskHubSidecarService) from a local SQLite file, for any Dapr workflow SDK",
    )
    .option('-p, --port <port>', 'gRPC port to listen on (0: any free port)', parseInteger(0, 65535), 50001)
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--db <file>', 'SQLite database file (default: $WEFT_DB or .weft/weft.db)')
    .option('--api-token <token>', 'require this dapr-api-token on every call (default: $DAPR_API_TOKEN)')
    .option(
      '--lease-ms <ms>',
      'how long claimed work is held without renewal',
      parseInteger(100, 3_600_000),
      5000,
    )
    .option(
      '--max-send-message-bytes <bytes>',
      'largest work item sent to a worker; a larger one fails its instance (default: 64 MiB; Dapr SDKs accept 4 MiB)',
      parseInteger(64 * 1024, 2 ** 31 - 1),
    )
    .option(
      '--max-history-bytes <bytes>',
      'largest history of one instance; a step past it fails the instance (default: 48 MiB)',
      parseInteger(1024, 2 ** 31 - 1),
    )
    .option(
      '--max-pending-events <count>',
      "most external events waiting in one instance's inbox; RaiseEvent past it is RESOURCE_EXHAUSTED (default 10000)",
      parseInteger(1, 2 ** 31 - 1),
    )
    .option(
      '--max-pending-event-bytes <bytes>',
      "most bytes of external events waiting in one instance's inbox (default 16 MiB)",
      parseInteger(1024, 2 ** 31 - 1),
    )
    .option(
      '--max-receive-message-bytes <bytes>',
      'largest message accepted from a worker or client (default: 16 MiB)',
      parseInteger(64 * 1024, 2 ** 31 - 1),
    );
  for (const [flag, status] of [
    ['completed', 'COMPLETED instances'],
    ['failed', 'FAILED instances'],
    ['terminated', 'TERMINATED instances'],
    ['any-terminal', 'finished instances whose status has no flag of its own (CANCELED too)'],
  ] as const) {
    command.option(
      `--retention-${flag} <duration>`,
      `purge ${status} this long after they finish (e.g. 7d, 12h)`,
      (text: string) => {
        try {
          return parseDurationMs(text, `--retention-${flag}`, { bareNumber: 'reject' });
        } catch (err) {
          throw new InvalidArgumentError((err as Error).message);
        }
      },
    );
  }
  command.action(async (options: Omit<SidecarCommandOptions, 'db'> & { db?: string }) => {
    await runSidecar({ ...options, db: options.db ?? process.env.WEFT_DB ?? DEFAULT_DB_PATH });
  });
}

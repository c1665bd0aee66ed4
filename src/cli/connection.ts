import { existsSync, statSync } from 'node:fs';
import { connect as connectTcp } from 'node:net';
import { resolve } from 'node:path';
import { StorageError, ValidationError } from '../errors';
import type { Backend } from '../core';
import { withTimeout } from '../core';
import { WorkflowClient } from '../client';
import { SqliteBackend } from '../backends/sqlite';

/** Where the CLI finds workflow instances: the embedded engine's file, or a sidecar. */
export interface ConnectionOptions {
  /** SQLite database file of the embedded engine. */
  db?: string;
  /** `host:port` of a Dapr sidecar or `weft sidecar`. */
  sidecar?: string;
  /** Dapr API token for the sidecar. */
  apiToken?: string;
}

/** An open client and how to close it. */
export interface Connection {
  /** The client; it has no worker, the application's worker runs the work. */
  client: WorkflowClient;
  /** What it is connected to, for messages. */
  description: string;
  /** Closes the backend. */
  close(): Promise<void>;
}

/** Default database path, relative to the working directory. */
export const DEFAULT_DB_PATH = '.weft/weft.db';

/** How long a sidecar gets to answer the first call. */
const SIDECAR_TIMEOUT_MS = Number(process.env.WEFT_SIDECAR_TIMEOUT_MS ?? 5000);

/**
 * Parses `host:port` (or just `port`, meaning 127.0.0.1).
 *
 * @throws {@link ValidationError} for anything else
 */
export function parseHostPort(text: string): { host: string; port: number } {
  const match = /^(?:(\[[^\]]+\]|[^:]+):)?(\d{1,5})$/.exec(text.trim());
  const port = match ? Number(match[2]) : NaN;
  if (!match || port < 1 || port > 65535) {
    throw new ValidationError(`--sidecar: '${text}' is not host:port (e.g. 127.0.0.1:50001).`);
  }
  return { host: (match[1] ?? '127.0.0.1').replace(/^\[|\]$/g, ''), port };
}

/**
 * Opens a client on the database file (which must exist: the CLI never creates an empty one) or on a
 * sidecar (which must answer within a few seconds).
 *
 * @param options - `db` or `sidecar`; `db` defaults to `$WEFT_DB` or `.weft/weft.db`
 * @throws {@link StorageError} when the database file does not exist or cannot be opened
 * @throws {@link ValidationError} when both or a malformed address are given
 */
export async function connect(options: ConnectionOptions): Promise<Connection> {
  if (options.db !== undefined && options.sidecar !== undefined)
    throw new ValidationError('Give either --db or --sidecar, not both.');
  if (options.sidecar !== undefined) return connectSidecar(options.sidecar, options.apiToken);
  return connectDatabase(options.db ?? process.env.WEFT_DB ?? DEFAULT_DB_PATH);
}

async function connectDatabase(path: string): Promise<Connection> {
  const full = resolve(path);
  if (!existsSync(full) || !statSync(full).isFile()) {
    throw new StorageError(
      `No Weft database at ${full}. Start your application once to create it, or point to it with --db <file> or WEFT_DB.`,
    );
  }
  const backend = new SqliteBackend({ path: full, logger: silentLogger });
  const client = new WorkflowClient({ backend });
  await backend.open();
  return { client, description: full, close: () => backend.close() };
}

/**
 * Opens a TCP connection to the sidecar's port and closes it: a refused connection fails at once instead
 * of after gRPC's connect retries (`weft list --sidecar` on a stopped sidecar used to wait the whole timeout).
 */
function probePort(host: string, port: number, timeoutMs: number): Promise<void> {
  const address = `${host}:${port}`;
  const hint = 'Start it (dapr run, or weft sidecar) or pass its address with --sidecar host:port.';
  return new Promise((resolvePromise, reject) => {
    const socket = connectTcp({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new StorageError(`No Dapr sidecar answered at ${address} within ${timeoutMs / 1000}s. ${hint}`));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.destroy();
      resolvePromise();
    });
    socket.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const reason = err.code === 'ECONNREFUSED' ? 'connection refused' : err.message;
      reject(new StorageError(`No Dapr sidecar answered at ${address} (${reason}). ${hint}`, { cause: err }));
    });
  });
}

/** gRPC's status 16: the sidecar wants a different API token. */
const GRPC_UNAUTHENTICATED = 16;

/** The grpc-js error behind a backend error, if any. */
function grpcCause(err: unknown): { code?: number; details?: string } | undefined {
  for (let current = err; current instanceof Error; current = (current as { cause?: unknown }).cause) {
    const candidate = current as { code?: unknown; details?: unknown };
    if (typeof candidate.code === 'number')
      return { code: candidate.code, details: String(candidate.details ?? '') };
  }
  return undefined;
}

async function connectSidecar(address: string, apiToken: string | undefined): Promise<Connection> {
  const { host, port } = parseHostPort(address);
  const description = `sidecar ${host}:${port}`;
  await probePort(host, port, SIDECAR_TIMEOUT_MS);
  // Loaded only here so that the CLI on a database file never loads gRPC.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { DaprSidecarBackend } = require('../backends/dapr') as typeof import('../backends/dapr');
  const token = apiToken ?? process.env.DAPR_API_TOKEN;
  const backend: Backend = new DaprSidecarBackend({
    host,
    port,
    apiToken: token,
    connectTimeoutMs: SIDECAR_TIMEOUT_MS,
    logger: silentLogger,
  });
  const client = new WorkflowClient({ backend });
  try {
    await withDeadline(
      client.getWorkflowState('weft-cli-connection-probe', { getInputsAndOutputs: false }),
      SIDECAR_TIMEOUT_MS,
      `The ${description} did not answer within ${SIDECAR_TIMEOUT_MS / 1000}s. Is it running?`,
    );
  } catch (err) {
    await backend.close().catch(() => undefined);
    const grpc = grpcCause(err);
    if (grpc?.code === GRPC_UNAUTHENTICATED) {
      const sent = token ? 'refused the API token it was given' : 'requires an API token';
      throw new StorageError(
        `The Dapr ${description} ${sent} (${grpc.details?.replace(/\.+$/, '')}). ` +
          'Pass its token with --api-token <token> or DAPR_API_TOKEN.',
        { cause: err },
      );
    }
    if (err instanceof StorageError) throw err;
    throw new StorageError(
      `The ${description} did not answer: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
  return { client, description, close: () => backend.close() };
}

function withDeadline<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  return withTimeout(work, ms, () => new StorageError(message));
}

const silentLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: (...args: unknown[]) => console.error(...args),
  error: (...args: unknown[]) => console.error(...args),
};

/**
 * Opens a connection, runs `work` with its client and closes it, also when `work` throws.
 *
 * @param options - where to connect
 * @param work - what to do
 */
export async function withClient<T>(
  options: ConnectionOptions,
  work: (client: WorkflowClient, connection: Connection) => Promise<T>,
): Promise<T> {
  const connection = await connect(options);
  try {
    return await work(connection.client, connection);
  } finally {
    await connection.close();
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteBackend, WorkflowRuntime, serveWorkflows } from 'weft-workflows';
import type { ServeWorkflowsOptions, WorkflowRuntimeOptions, WorkflowServer } from 'weft-workflows';

/** A runtime on a temp SQLite file, served over real HTTP on 127.0.0.1 with an OS-chosen port. */
export interface HttpHarness {
  runtime: WorkflowRuntime;
  server: WorkflowServer;
  url: string;
  /** Errors the server logged (unexpected failures). */
  loggedErrors: unknown[][];
  /** Closes the server and the runtime, removes the temp directory. */
  close(): Promise<void>;
}

/**
 * Starts a harness.
 *
 * @param runtimeOptions - workflows, activities, container
 * @param configure - registers functions on the runtime before it starts
 * @param serveOptions - extra options of serveWorkflows
 */
export async function startHttpHarness(
  runtimeOptions: Omit<WorkflowRuntimeOptions, 'backend'>,
  configure?: (runtime: WorkflowRuntime) => void,
  serveOptions: Partial<Omit<ServeWorkflowsOptions, 'runtime'>> = {},
): Promise<HttpHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'weft-http-'));
  const silent = { debug() {}, info() {}, warn() {}, error() {} };
  const runtime = new WorkflowRuntime({
    logger: silent,
    ...runtimeOptions,
    backend: new SqliteBackend({ path: join(dir, 'weft.db'), logger: silent }),
  });
  configure?.(runtime);
  const loggedErrors: unknown[][] = [];
  const server = await serveWorkflows({
    runtime,
    port: 0,
    host: '127.0.0.1',
    handleSignals: false,
    logger: { info() {}, error: (...args: unknown[]) => loggedErrors.push(args) },
    ...serveOptions,
  });
  return {
    runtime,
    server,
    url: server.url,
    loggedErrors,
    close: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteBackend, WorkflowRuntime } from 'weft-workflows';
import type { WorkflowClient, WorkflowState } from 'weft-workflows';
import { cliActivities, cliWorkflows } from '../fixtures/cli-workflows';

/** A real runtime on a database file in a temp folder, for CLI subprocesses to work on. */
export interface RuntimeEnv {
  dir: string;
  dbPath: string;
  runtime: WorkflowRuntime;
  client: WorkflowClient;
  stop(): Promise<void>;
}

const quietLogger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** Starts a runtime with the CLI fixture workflows on a fresh file. */
export async function startRuntimeEnv(): Promise<RuntimeEnv> {
  const dir = mkdtempSync(join(tmpdir(), 'weft-cli-'));
  const dbPath = join(dir, 'weft.db');
  const runtime = new WorkflowRuntime({
    backend: new SqliteBackend({ path: dbPath, pollIntervalMs: 20, logger: quietLogger }),
    workflows: cliWorkflows,
    activities: cliActivities,
    logger: quietLogger,
  });
  await runtime.start();
  return {
    dir,
    dbPath,
    runtime,
    client: runtime.client,
    async stop() {
      await runtime.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `predicate` holds for the instance's state (the test's own timeout bounds it). */
export async function waitForState(
  client: WorkflowClient,
  instanceId: string,
  predicate: (state: WorkflowState | undefined) => boolean,
): Promise<WorkflowState | undefined> {
  for (;;) {
    const state = await client.getWorkflowState(instanceId);
    if (predicate(state)) return state;
    await new Promise((r) => setTimeout(r, 20));
  }
}

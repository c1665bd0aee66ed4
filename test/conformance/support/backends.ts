import { join } from 'node:path';
import { DaprSidecarBackend, SqliteBackend, WorkflowRuntime, WorkflowTestEnvironment } from 'weft-workflows';
import type { WorkflowClient } from 'weft-workflows';
import { startSidecarProcess, tempDir } from '../../dapr/support/sidecar-process';
import type { SidecarProcess } from '../../dapr/support/sidecar-process';

/** The three backends every conformance test runs over (as durabletask-go's tests/backend_test.go does). */
export type BackendKind = 'sqlite' | 'test-env' | 'dapr-sidecar' | 'reference';

/**
 * Port of a running durabletask-go reference sidecar to compare against by hand
 * (`WEFT_CONFORMANCE_REFERENCE_PORT=<port> npx jest test/conformance -t "on reference"`), started on a fresh database
 * file for each run (the listing test counts what it finds); it cannot run in CI.
 */
const REFERENCE_PORT = process.env.WEFT_CONFORMANCE_REFERENCE_PORT;

/** The kinds, for `describe.each(BACKENDS)` (plus `reference` when its port is set). */
export const BACKENDS: BackendKind[] = [
  'sqlite',
  'test-env',
  'dapr-sidecar',
  ...(REFERENCE_PORT ? (['reference'] as const) : []),
];

/** A logger that drops everything (failures are asserted through the API, not the log). */
export const QUIET = { debug() {}, info() {}, warn() {}, error() {} };

/** What a test sees: a started runtime's client on one backend. */
export interface ConformanceSetup {
  readonly kind: BackendKind;
  readonly client: WorkflowClient;
  /** True when time skips (WorkflowTestEnvironment): only `waitForWorkflowCompletion` advances it. */
  readonly virtualTime: boolean;
}

/** The workflows and activities a file registers. */
export interface Registrations {
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  workflows: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  activities: Function[];
  /** Replays every step from history when 0 (the runtime's `executionCacheSize`). */
  executionCacheSize?: number;
}

/**
 * Registers `beforeAll`/`afterAll` that start one runtime on `kind` (and, for `dapr-sidecar`, one `weft sidecar`
 * child process on a temp database: `bin/weft.js` on the built dist/) and stop it after the describe block.
 *
 * @param kind - the backend
 * @param registrations - workflows and activities
 * @returns a getter for the setup (valid inside tests)
 */
export function useBackend(kind: BackendKind, registrations: Registrations): () => ConformanceSetup {
  let setup: ConformanceSetup | undefined;
  let stop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const tmp = tempDir(`weft-conformance-${kind}-`);
    if (kind === 'test-env') {
      const env = await WorkflowTestEnvironment.create({ ...registrations, logger: QUIET });
      setup = { kind, client: env.client, virtualTime: true };
      stop = async () => {
        await env.teardown();
        tmp.remove();
      };
      return;
    }
    let sidecar: SidecarProcess | undefined;
    const backend =
      kind === 'sqlite'
        ? new SqliteBackend({ path: join(tmp.dir, 'engine.db'), logger: QUIET })
        : kind === 'reference'
          ? new DaprSidecarBackend({ port: Number(REFERENCE_PORT), logger: QUIET })
          : new DaprSidecarBackend({
              port: (sidecar = await startSidecarProcess({ db: join(tmp.dir, 'sidecar.db') })).port,
              logger: QUIET,
            });
    const runtime = new WorkflowRuntime({ ...registrations, backend, logger: QUIET });
    await runtime.start();
    setup = { kind, client: runtime.client, virtualTime: false };
    stop = async () => {
      await runtime.stop();
      await sidecar?.stop();
      tmp.remove();
    };
  });
  afterAll(async () => {
    await stop?.();
  });
  return () => {
    if (!setup) throw new Error(`backend ${kind} did not start`);
    return setup;
  };
}

let sequence = 0;
const RUN = Date.now().toString(36);
/** A fresh instance id (one sidecar database is shared by the tests of a file). */
export function freshId(label: string): string {
  sequence += 1;
  return `${label}-${sequence}-${process.pid}-${RUN}`;
}

/** Polls `check` until it returns true; the test's timeout bounds it (no timing assertion). */
export async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await new Promise((r) => setTimeout(r, 20));
}

/**
 * `it`, or `it.skip` on a backend that genuinely differs; `reasons` names the difference per backend (so a
 * difference is written down where the test is, never silently tolerated).
 *
 * @param kind - the backend of this describe block
 * @param reasons - why it differs, per backend
 */
export function unlessDiffers(kind: BackendKind, reasons: Partial<Record<BackendKind, string>>): jest.It {
  return reasons[kind] === undefined ? it : it.skip;
}

import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteBackend, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const LEASE_MS = 300;

/**
 * A runtime that stops waits for its in-flight work to finish (drain). Its leases must stay renewed meanwhile:
 * otherwise they expire during a long activity, another worker on the file takes the activity and runs it a
 * second time. This is Durable Task Scheduler's Azure-Samples/Durable-Task-Scheduler#331 (drain mode dropped the
 * activity's work-item lock while its body kept running: activities ran 2-4 times); Temporal tests the same
 * thing as "activities can heartbeat after worker shutdown has been requested" (sdk-typescript#439).
 */
describe('a stopping worker keeps its leases while it drains', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-drain-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function runtimeOn(
    path: string,
    onRun: (worker: string) => Promise<void>,
    worker: string,
  ): WorkflowRuntime {
    const runtime = new WorkflowRuntime({
      backend: new SqliteBackend({ path, logger: quiet, leaseMs: LEASE_MS, pollIntervalMs: 20 }),
      workflows: [],
      activities: [],
      logger: quiet,
    });
    runtime.registerActivity(async () => {
      await onRun(worker);
      return worker;
    }, 'long_step');
    runtime.registerWorkflow(async (ctx: WorkflowContext) => ctx.callActivity('long_step'), 'one_long_step');
    return runtime;
  }

  it('an activity outliving several lease periods during stop runs once, on the stopping worker', async () => {
    const db = join(dir, 'weft.db');
    const runs: string[] = [];
    let started!: () => void;
    const startedOnce = new Promise<void>((r) => (started = r));
    // The activity holds until three lease periods have passed: without renewal its lease would have
    // expired twice over, and the second worker (polling every 20 ms) would have taken it.
    const onRun = async (worker: string) => {
      runs.push(worker);
      started();
      const until = Date.now() + 3 * LEASE_MS;
      while (Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    };
    const first = runtimeOn(db, onRun, 'first');
    const second = runtimeOn(db, onRun, 'second');
    await first.start();
    const id = await first.client.scheduleNewWorkflow('one_long_step');
    await startedOnce;
    await second.start();
    const stopping = first.stop();
    const done = await second.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
    await stopping;
    await second.stop();
    expect(runs).toEqual(['first']);
    expect(done.status).toBe(WorkflowStatus.COMPLETED);
    expect(done.output).toBe('first');
  });
});

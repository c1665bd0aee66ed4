import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteBackend } from 'weft-workflows';
import type { WorkflowStepResult } from '../../src/core';
import { startSidecarServer } from '../../src/backends/dapr';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** Lets `turns` turns of the event loop pass (no timers): enough for a claim loop to show in the counts. */
async function eventLoopTurns(turns: number): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
}

/**
 * An idle worker whose workflow lane is full (or whose workflow items wait for a remote worker that is not
 * connected) must not look for work again and again. Before the lead's fix (per-kind claim flags in
 * `sqlite-worker.ts`), a claim that could take no workflows (lane full) and found no activities asked for
 * another claim at once: one commit every couple of event-loop turns, forever — an idle `weft sidecar` with
 * 300 pending instances and no worker connected used 60% of a core. Counted in commits, not in time: the poll
 * interval is an hour, so an idle worker commits nothing at all.
 */
describe('the embedded worker does not re-claim in a loop', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-claims-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('commits nothing more while its only workflow slot is busy and other instances wait', async () => {
    const backend = new SqliteBackend({
      path: join(dir, 'weft.db'),
      pollIntervalMs: 3_600_000,
      logger: silent,
    });
    await backend.open();
    for (let i = 0; i < 20; i++) await backend.createInstance({ instanceId: `wf-${i}`, name: 'wf' });
    let release: () => void = () => {};
    const busy = new Promise<WorkflowStepResult>((resolve) => (release = () => resolve({ actions: [] })));
    let started: () => void = () => {};
    const firstStep = new Promise<void>((r) => (started = r));
    const worker = backend.startWorker(
      {
        processWorkflow: () => (started(), busy),
        processActivity: async () => ({}),
      },
      { maxConcurrentWorkflows: 1, maxConcurrentActivities: 4 },
    );
    try {
      await firstStep;
      await eventLoopTurns(20);
      const settled = backend.commitCount;
      await eventLoopTurns(400);
      expect(backend.commitCount - settled).toBe(0);
    } finally {
      release();
      await worker.stop();
      await backend.close();
    }
  });

  it('an idle weft sidecar with 300 pending instances and no worker connected commits nothing', async () => {
    const backend = new SqliteBackend({
      path: join(dir, 'sidecar.db'),
      pollIntervalMs: 3_600_000,
      logger: silent,
    });
    await backend.open();
    for (let i = 0; i < 300; i++) await backend.createInstance({ instanceId: `wf-${i}`, name: 'wf' });
    const sidecar = await startSidecarServer({ backend, port: 0, host: '127.0.0.1', logger: silent });
    try {
      // The worker claims what its lanes hold (the dispatcher keeps it for a remote worker), then nothing.
      await eventLoopTurns(50);
      const settled = backend.commitCount;
      await eventLoopTurns(400);
      expect(backend.commitCount - settled).toBe(0);
    } finally {
      await sidecar.stop();
    }
  });
});

import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../src/backends/sqlite/schema';
import {
  SqliteBackend,
  ValidationError,
  VirtualClock,
  Workflow,
  WorkflowBase,
  WorkflowRuntime,
  WorkflowStatus,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

@Workflow({ name: 'retention_ok' })
class Ok extends WorkflowBase<number, number> {
  async run(_ctx: WorkflowContext, n: number): Promise<number> {
    return n;
  }
}

@Workflow({ name: 'retention_boom' })
class Boom extends WorkflowBase<void, void> {
  async run(): Promise<void> {
    throw new Error('boom');
  }
}

@Workflow({ name: 'retention_waits' })
class Waits extends WorkflowBase<void, unknown> {
  async run(ctx: WorkflowContext): Promise<unknown> {
    return ctx.waitForExternalEvent('never');
  }
}

@Workflow({ name: 'retention_parent' })
class Parent extends WorkflowBase<void, number> {
  async run(ctx: WorkflowContext): Promise<number> {
    return ctx.callChildWorkflow<number>(Ok, 7, { instanceId: 'parent-child' });
  }
}

const T0 = Date.UTC(2026, 0, 1);

/**
 * Retention, as Dapr's `stateRetentionPolicy`: each terminal status has its window, measured from when the
 * instance finished; the sweep purges roots with their children's rows and history, in small batches
 * through the commit queue. Driven by the backend's clock (a VirtualClock here) and `sweepRetention()`, so
 * no test waits for the periodic sweep.
 */
describe('SqliteBackend retention', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-retention-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function countRows(path: string): { instances: number; history: number; ids: string[] } {
    const db = new Database(path, { readonly: true });
    try {
      const ids = (
        db.prepare('SELECT instance_id FROM instances ORDER BY instance_id').all() as {
          instance_id: string;
        }[]
      ).map((r) => r.instance_id);
      const history = (db.prepare('SELECT COUNT(*) AS n FROM history').get() as { n: number }).n;
      return { instances: ids.length, history, ids };
    } finally {
      db.close();
    }
  }

  it('purges finished instances per status once their window passes, children with their parent, in batches', async () => {
    const path = join(dir, 'weft.db');
    const clock = new VirtualClock(T0);
    const backend = new SqliteBackend({
      path,
      clock,
      retention: { completed: 1000, failed: 5000, anyTerminal: 3000 },
      retentionSweep: { batchSize: 2 },
    });
    const runtime = new WorkflowRuntime({ backend, workflows: [Ok, Boom, Waits, Parent] });
    await runtime.start();
    try {
      const { client } = runtime;
      for (let i = 0; i < 5; i++) await client.scheduleNewWorkflow(Ok, i, { instanceId: `ok-${i}` });
      await client.scheduleNewWorkflow(Boom, undefined, { instanceId: 'boom' });
      await client.scheduleNewWorkflow(Waits, undefined, { instanceId: 'terminated' });
      await client.scheduleNewWorkflow(Waits, undefined, { instanceId: 'live' });
      await client.scheduleNewWorkflow(Parent, undefined, { instanceId: 'parent' });
      for (const id of ['ok-0', 'ok-1', 'ok-2', 'ok-3', 'ok-4', 'boom', 'parent', 'parent-child']) {
        await client.waitForWorkflowCompletion(id);
      }
      await client.terminateWorkflow('terminated');
      expect((await client.waitForWorkflowCompletion('terminated')).status).toBe(WorkflowStatus.TERMINATED);
      await backend.whenIdle();
      expect(countRows(path).instances).toBe(10);

      // Windows not yet passed: nothing goes.
      clock.advanceTo(T0 + 1000);
      expect(await backend.sweepRetention()).toBe(0);

      // COMPLETED (1 s): five roots and the parent; the parent's child goes with it.
      clock.advanceTo(T0 + 1001);
      const commitsBefore = backend.commitCount;
      expect(await backend.sweepRetention()).toBe(6);
      // batches of 2: 6 roots take at least 3 commits, so other work gets turns between them
      expect(backend.commitCount - commitsBefore).toBeGreaterThanOrEqual(3);
      expect(countRows(path).ids).toEqual(['boom', 'live', 'terminated']);
      expect(await client.getWorkflowState('parent-child')).toBeUndefined();

      // TERMINATED falls under anyTerminal (3 s); FAILED has its own 5 s.
      clock.advanceTo(T0 + 3001);
      expect(await backend.sweepRetention()).toBe(1);
      expect(countRows(path).ids).toEqual(['boom', 'live']);
      clock.advanceTo(T0 + 5001);
      expect(await backend.sweepRetention()).toBe(1);

      // The running instance is never a candidate, whatever the time; its history is all that is left.
      clock.advanceTo(T0 + 365 * 86_400_000);
      expect(await backend.sweepRetention()).toBe(0);
      const left = countRows(path);
      expect(left.ids).toEqual(['live']);
      expect(left.history).toBe((await backend.getHistory('live'))?.length);
    } finally {
      await runtime.stop();
    }
  });

  it('keeps statuses without a window, and refuses a negative window with a coded error', async () => {
    expect(() => new SqliteBackend({ retention: { completed: -1 } })).toThrow(ValidationError);
    expect(() => new SqliteBackend({ retention: { done: 5 } as never })).toThrow(/unknown key 'done'/);
    const path = join(dir, 'weft.db');
    const clock = new VirtualClock(T0);
    const backend = new SqliteBackend({ path, clock, retention: { failed: 10 } });
    const runtime = new WorkflowRuntime({ backend, workflows: [Ok, Boom] });
    await runtime.start();
    try {
      await runtime.client.scheduleNewWorkflow(Ok, 1, { instanceId: 'ok' });
      await runtime.client.scheduleNewWorkflow(Boom, undefined, { instanceId: 'boom' });
      await runtime.client.waitForWorkflowCompletion('ok');
      await runtime.client.waitForWorkflowCompletion('boom');
      clock.advanceTo(T0 + 86_400_000);
      expect(await backend.sweepRetention()).toBe(1);
      expect(countRows(path).ids).toEqual(['ok']);
    } finally {
      await runtime.stop();
    }
  });

  it('migrates a version-3 file: adds the finished-at index, keeps its rows, and sweeps them', async () => {
    const path = join(dir, 'weft.db');
    const clock = new VirtualClock(T0);
    const first = new WorkflowRuntime({ backend: new SqliteBackend({ path, clock }), workflows: [Ok] });
    await first.start();
    await first.client.scheduleNewWorkflow(Ok, 1, { instanceId: 'old' });
    await first.client.waitForWorkflowCompletion('old');
    await first.stop();
    // Make it the file an earlier Weft wrote: schema 3 (stall columns), no index, no history sizes.
    const raw = new Database(path);
    raw.exec(`DROP INDEX instances_by_finished; DROP TRIGGER IF EXISTS history_bytes_added; DROP TRIGGER IF EXISTS history_bytes_removed;
              ALTER TABLE instances DROP COLUMN history_bytes;`);
    raw.pragma('user_version = 3');
    raw.close();

    clock.advanceTo(T0 + 2000);
    const backend = new SqliteBackend({ path, clock, retention: { completed: 1000 } });
    await backend.open();
    try {
      const db = new Database(path, { readonly: true });
      expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(
        db
          .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'instances_by_finished'`)
          .get(),
      ).toBeDefined();
      // The sweep's query reads the index (no full scan of instances).
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT instance_id FROM instances INDEXED BY instances_by_finished
             WHERE status = 'COMPLETED' AND completed_at IS NOT NULL AND completed_at < 5`,
        )
        .all() as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toContain('instances_by_finished');
      db.close();
      // open() ran a first sweep already; this one runs after it
      await backend.sweepRetention();
      expect(await backend.getInstance('old', false)).toBeUndefined();
    } finally {
      await backend.close();
    }
  });
});

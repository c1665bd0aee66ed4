import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Inbox } from '../../src/backends/sqlite/inbox';
import { SCHEMA_VERSION } from '../../src/backends/sqlite/schema';
import { SqliteBackend, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** A promise with its resolve function. */
function latch<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
  let open!: (value: T) => void;
  const promise = new Promise<T>((resolve) => (open = resolve));
  return { promise, open };
}

/**
 * Activity ids are used again once their row is gone (schema 11: no AUTOINCREMENT). A continue-as-new
 * deletes the rows of the old execution's activities while they run; the new execution's first activity
 * then gets the same id, leased to the same worker. The old activity's late completion must not take the
 * new row (finish it, deliver its result to the new execution): a claim finishes only its own call.
 */
describe('activity ids used again', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-id-reuse-'))));
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it("drops a stale holder's completion when its id now belongs to another activity", async () => {
    const path = join(dir, 'weft.db');
    const runtime = new WorkflowRuntime({
      backend: new SqliteBackend({ path, logger: quiet }),
      workflows: [],
      activities: [],
      logger: quiet,
    });
    const started = { A: latch<number>(), B: latch<number>() };
    const release = { A: latch(), B: latch() };
    const rowIdOf = (instanceId: string, taskId: number): number => {
      const db = new Database(path, { readonly: true });
      try {
        const row = db
          .prepare(`SELECT id FROM activities WHERE instance_id = ? AND task_id = ?`)
          .get(instanceId, taskId) as { id: number };
        return row.id;
      } finally {
        db.close();
      }
    };
    runtime.registerActivity(async (ctx: ActivityContext, label: 'A' | 'B') => {
      started[label].open(rowIdOf(ctx.instanceId, ctx.taskId));
      await release[label].promise;
      return `${label}-done`;
    }, 'held');
    runtime.registerWorkflow(async (ctx: WorkflowContext, second?: boolean) => {
      if (!second) {
        const held = ctx.callActivity<string>('held', 'A');
        const again = ctx.waitForExternalEvent('again');
        if ((await ctx.whenAny([held, again])) === again) ctx.continueAsNew(true);
        return 'first execution finished';
      }
      // Task 0 of the new execution is a timer: its activity is task 1, so its call differs from A's.
      await ctx.createTimer(1);
      return ctx.callActivity<string>('held', 'B');
    }, 'restarts');
    const finishes: { input: string | undefined; finished: boolean }[] = [];
    const staleFinished = latch();
    const finish = Inbox.prototype.finishActivity;
    jest.spyOn(Inbox.prototype, 'finishActivity').mockImplementation(function (this: Inbox, claim, owner) {
      const finished = finish.call(this, claim, owner);
      finishes.push({ input: claim.item.input, finished });
      if (claim.item.input === JSON.stringify('A')) staleFinished.open();
      return finished;
    });
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow('restarts');
      const idA = await started.A.promise;
      await runtime.client.raiseEvent(id, 'again');
      const idB = await started.B.promise;
      // The premise: B's row has A's old id, and both are held by this process's worker.
      expect(idB).toBe(idA);

      release.A.open();
      await staleFinished.promise;
      release.B.open();
      const state = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 20_000 });
      expect(state.status).toBe(WorkflowStatus.COMPLETED);
      expect(state.output).toBe('B-done');
      expect(finishes).toEqual([
        { input: JSON.stringify('A'), finished: false },
        { input: JSON.stringify('B'), finished: true },
      ]);
      const history = await runtime.client.getWorkflowHistory(id);
      expect(history.filter((e) => e.type === 'TaskCompleted').map((e) => e.result)).toEqual(['B-done']);
    } finally {
      release.A.open();
      release.B.open();
      await runtime.stop();
    }
  });

  it('migrates a version-10 file: messages and activities keep their rows and ids, new ids go on above them', async () => {
    const path = join(dir, 'weft.db');
    const later = new Date(Date.now() + 3_600_000);
    const open = async (): Promise<WorkflowRuntime> => {
      const runtime = new WorkflowRuntime({
        backend: new SqliteBackend({ path, logger: quiet }),
        workflows: [],
        activities: [],
        logger: quiet,
      });
      runtime.registerWorkflow(async () => 'ran', 'later');
      await runtime.start();
      return runtime;
    };
    let runtime = await open();
    await runtime.client.scheduleNewWorkflow('later', 1, { instanceId: 'waiting', startAt: later });
    await runtime.stop();

    // The tables as schemas 1-10 had them (AUTOINCREMENT), with ids a sequence handed out, and an activity
    // leased elsewhere.
    const raw = new Database(path);
    raw.exec(`
      CREATE TABLE inbox_v10 (id INTEGER PRIMARY KEY AUTOINCREMENT, instance_id TEXT NOT NULL, type TEXT NOT NULL,
                              event TEXT NOT NULL, visible_at INTEGER NOT NULL);
      INSERT INTO inbox_v10 (id, instance_id, type, event, visible_at)
        SELECT id + 40, instance_id, type, event, visible_at FROM inbox;
      DROP TABLE inbox;
      ALTER TABLE inbox_v10 RENAME TO inbox;
      CREATE INDEX inbox_by_instance ON inbox (instance_id, id);
      CREATE INDEX inbox_by_visible ON inbox (visible_at);
      CREATE INDEX inbox_events_by_instance ON inbox (instance_id, length(CAST(event AS BLOB)))
        WHERE type = 'EventRaised';
      CREATE TABLE activities_v10 (id INTEGER PRIMARY KEY AUTOINCREMENT, instance_id TEXT NOT NULL,
        task_id INTEGER NOT NULL, name TEXT NOT NULL, input TEXT, attempt INTEGER NOT NULL, task_execution_id TEXT,
        created_at INTEGER NOT NULL, lease_owner TEXT, lease_expires_at INTEGER NOT NULL DEFAULT 0);
      DROP TABLE activities;
      ALTER TABLE activities_v10 RENAME TO activities;
      CREATE INDEX activities_by_lease ON activities (lease_expires_at);
      CREATE INDEX activities_by_instance ON activities (instance_id);
      INSERT INTO activities VALUES (7, 'waiting', 0, 'some_activity', '"x"', 1, 'e1', 1, 'elsewhere', ${later.getTime()});`);
    raw.pragma('user_version = 10');
    const before = {
      inbox: raw.prepare(`SELECT * FROM inbox ORDER BY id`).all(),
      activities: raw.prepare(`SELECT * FROM activities ORDER BY id`).all(),
    };
    raw.close();
    expect(before.inbox).toHaveLength(1);

    runtime = await open();
    try {
      await runtime.client.scheduleNewWorkflow('later', 2, { instanceId: 'also-waiting', startAt: later });
      const db = new Database(path, { readonly: true });
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        const tables = db
          .prepare(`SELECT sql FROM sqlite_master WHERE name IN ('inbox', 'activities')`)
          .all() as { sql: string }[];
        expect(tables).toHaveLength(2);
        for (const { sql } of tables) expect(sql).not.toMatch(/AUTOINCREMENT/i);
        const inbox = db.prepare(`SELECT * FROM inbox ORDER BY id`).all() as { id: number }[];
        expect(inbox.slice(0, 1)).toEqual(before.inbox);
        expect(inbox).toHaveLength(2);
        expect(inbox[1].id).toBeGreaterThan(inbox[0].id);
        expect(db.prepare(`SELECT * FROM activities ORDER BY id`).all()).toEqual(before.activities);
      } finally {
        db.close();
      }
      expect((await runtime.client.getWorkflowState('waiting'))?.status).toBe(WorkflowStatus.PENDING);
    } finally {
      await runtime.stop();
    }
  });
});

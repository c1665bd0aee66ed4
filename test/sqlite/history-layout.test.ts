import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../src/backends/sqlite/schema';
import {
  Activity,
  ActivityBase,
  SqliteBackend,
  Workflow,
  WorkflowBase,
  WorkflowRuntime,
  WorkflowStatus,
} from 'weft-workflows';
import type { WorkflowContext, WorkflowHistoryEvent } from 'weft-workflows';

@Activity({ name: 'layout_double' })
class Double extends ActivityBase<number, number> {
  async run(_ctx: unknown, n: number): Promise<number> {
    return n * 2;
  }
}

/** An activity, then a wait for an event, then another activity: it spans an upgrade of the file. */
@Workflow({ name: 'layout_spans' })
class Spans extends WorkflowBase<number, number> {
  async run(ctx: WorkflowContext, n: number): Promise<number> {
    const a = await ctx.callActivity<number>(Double, n);
    const b = await ctx.waitForExternalEvent<number>('go');
    return ctx.callActivity<number>(Double, a + b);
  }
}

/**
 * The history's layout in the file (schema 9: keyed by the instance's creation time, then its id): files
 * written with the earlier layout (keyed by id) are migrated, their histories read back the same, and an
 * instance in flight across the upgrade goes on where it was.
 */
describe('SqliteBackend history layout', () => {
  let dir: string;
  let runtime: WorkflowRuntime | undefined;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-history-layout-'))));
  afterEach(async () => {
    await runtime?.stop();
    runtime = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(): Promise<WorkflowRuntime> {
    runtime = new WorkflowRuntime({
      backend: new SqliteBackend({ path: join(dir, 'weft.db') }),
      workflows: [Spans],
      activities: [Double],
    });
    await runtime.start();
    return runtime;
  }

  /** Rewrites the file's history table as schema 8 and earlier had it, and marks the file version 8. */
  function downgradeToVersion8(): void {
    const raw = new Database(join(dir, 'weft.db'));
    raw.exec(`
      CREATE TABLE history_v8 (instance_id TEXT NOT NULL, seq INTEGER NOT NULL, event TEXT NOT NULL,
                               PRIMARY KEY (instance_id, seq)) WITHOUT ROWID;
      INSERT INTO history_v8 SELECT instance_id, seq, event FROM history;
      DROP TABLE history;
      ALTER TABLE history_v8 RENAME TO history;`);
    raw.pragma('user_version = 8');
    raw.close();
  }

  it('migrates a version-8 file: histories read the same and an instance in flight finishes', async () => {
    let { client } = await start();
    const done = await client.scheduleNewWorkflow(Spans, 1, { instanceId: 'done' });
    await client.raiseEvent(done, 'go', 10);
    expect((await client.waitForWorkflowCompletion(done)).output).toBe(24);
    const waiting = await client.scheduleNewWorkflow(Spans, 3, { instanceId: 'waiting' });
    // The instance waits for its event once the first activity's result is in its history.
    while (((await client.getWorkflowState(waiting))?.waitingForEvents ?? []).length === 0)
      await new Promise((r) => setImmediate(r));
    const before: Record<string, WorkflowHistoryEvent[]> = {
      done: await client.getWorkflowHistory(done),
      waiting: await client.getWorkflowHistory(waiting),
    };
    await runtime?.stop();
    runtime = undefined;
    downgradeToVersion8();

    ({ client } = await start());
    const db = new Database(join(dir, 'weft.db'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const key = (db.pragma('table_info(history)') as { name: string; pk: number }[])
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    db.close();
    expect(key).toEqual(['instance_created_at', 'instance_id', 'seq']);
    expect(await client.getWorkflowHistory(done)).toEqual(before.done);
    expect(await client.getWorkflowHistory(waiting)).toEqual(before.waiting);

    await client.raiseEvent(waiting, 'go', 100);
    const state = await client.waitForWorkflowCompletion(waiting);
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toBe(212);
    const history = await client.getWorkflowHistory(waiting);
    expect(history.slice(0, before.waiting.length)).toEqual(before.waiting);
    expect(history.map((e) => e.type).filter((t) => t === 'TaskCompleted')).toHaveLength(2);
  });

  it('purges and reuses an id: the new instance starts with an empty history', async () => {
    const { client } = await start();
    const first = await client.scheduleNewWorkflow(Spans, 1, { instanceId: 'reused' });
    await client.raiseEvent(first, 'go', 1);
    await client.waitForWorkflowCompletion(first);
    expect(await client.purgeWorkflow(first)).toBe(true);
    await expect(client.getWorkflowHistory(first)).rejects.toThrow(/No workflow instance/);
    await client.scheduleNewWorkflow(Spans, 5, { instanceId: 'reused' });
    await client.raiseEvent('reused', 'go', 0);
    expect((await client.waitForWorkflowCompletion('reused')).output).toBe(20);
    const history = await client.getWorkflowHistory('reused');
    expect(history.filter((e) => e.type === 'ExecutionStarted')).toHaveLength(1);
    const db = new Database(join(dir, 'weft.db'), { readonly: true });
    const rows = db.prepare(`SELECT COUNT(*) AS n FROM history WHERE instance_id = 'reused'`).get() as {
      n: number;
    };
    db.close();
    expect(rows.n).toBe(history.length);
  });
});

import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../src/backends/sqlite/schema';
import {
  Activity,
  ActivityBase,
  LIMITS,
  SqliteBackend,
  Workflow,
  WorkflowBase,
  WorkflowRuntime,
  WorkflowStatus,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

const KIB = 1024;

@Activity({ name: 'limits_blob' })
class Blob extends ActivityBase<number, string> {
  async run(_ctx: unknown, kib: number): Promise<string> {
    return 'b'.repeat(kib * KIB);
  }
}

@Workflow({ name: 'limits_growing' })
class Growing extends WorkflowBase<number, number> {
  async run(ctx: WorkflowContext, steps: number): Promise<number> {
    let total = 0;
    for (let i = 0; i < steps; i++) total += (await ctx.callActivity<string>(Blob, 10)).length;
    return total;
  }
}

let blobCalls = 0;

@Activity({ name: 'limits_counted_blob' })
class CountedBlob extends ActivityBase<number, string> {
  async run(_ctx: unknown, kib: number): Promise<string> {
    blobCalls += 1;
    return 'b'.repeat(kib * KIB);
  }
}

/** Output with characters of 2, 3 and 4 UTF-8 bytes: sizes are bytes, not string length. */
@Activity({ name: 'limits_wide' })
class Wide extends ActivityBase<number, string> {
  async run(_ctx: unknown, n: number): Promise<string> {
    return `é€😀${n}`.repeat(50);
  }
}

/** Two steps, then continues as new until `round` reaches 2 (its history is rewritten each time). */
@Workflow({ name: 'limits_rounds' })
class Rounds extends WorkflowBase<number, string> {
  async run(ctx: WorkflowContext, round: number): Promise<string> {
    const a = await ctx.callActivity<string>(Wide, round);
    const b = await ctx.callActivity<string>(Wide, round + 1);
    if (round < 2) ctx.continueAsNew(round + 1);
    return a + b;
  }
}

/** Waits for an event it never gets (terminated by the test). */
@Workflow({ name: 'limits_waits' })
class Waits extends WorkflowBase<void, string> {
  async run(ctx: WorkflowContext): Promise<string> {
    await ctx.callActivity<string>(Wide, 7);
    return ctx.waitForExternalEvent<string>('never');
  }
}

/** With a retry policy of 5 attempts: an output over the payload limit is not retried. */
@Workflow({ name: 'limits_big_output' })
class BigOutput extends WorkflowBase<void, number> {
  async run(ctx: WorkflowContext): Promise<number> {
    const retryPolicy = { maxNumberOfAttempts: 5, firstRetryInterval: 1 };
    return (await ctx.callActivity<string>(CountedBlob, 3 * 1024, { retryPolicy })).length;
  }
}

/**
 * Size limits of the embedded engine end the instance clearly: an activity result over the payload limit
 * fails the activity (not retried: the same code gives the same size) and so the instance, naming the size;
 * a history that would pass `maxHistoryBytes` fails the instance with a `SizeLimitExceededError`.
 */
describe('SqliteBackend size limits', () => {
  let dir: string;
  let runtime: WorkflowRuntime | undefined;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-size-limits-'))));
  afterEach(async () => {
    await runtime?.stop();
    runtime = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(options: { maxHistoryBytes?: number } = {}): Promise<WorkflowRuntime> {
    runtime = new WorkflowRuntime({
      backend: new SqliteBackend({ path: join(dir, 'weft.db'), ...options }),
      workflows: [Growing, BigOutput, Rounds, Waits],
      activities: [Blob, CountedBlob, Wide],
    });
    await runtime.start();
    return runtime;
  }

  it('fails an instance whose activity returns 3 MiB, naming the payload limit and the size, without retrying it', async () => {
    const { client } = await start();
    blobCalls = 0;
    const id = await client.scheduleNewWorkflow(BigOutput);
    const state = await client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
    expect(state.status).toBe(WorkflowStatus.FAILED);
    expect(state.failureDetails?.message).toMatch(
      new RegExp(
        `output of activity 'limits_counted_blob' is 3145730 bytes of JSON, over the limit of ${LIMITS.payloadBytes} bytes`,
      ),
    );
    // the same code gives the same size: one attempt, not five
    expect(blobCalls).toBe(1);
  });

  it('fails an instance whose history would pass maxHistoryBytes, and keeps the history under it', async () => {
    const { client } = await start({ maxHistoryBytes: 64 * KIB });
    const small = await client.scheduleNewWorkflow(Growing, 2);
    const big = await client.scheduleNewWorkflow(Growing, 50);
    expect((await client.waitForWorkflowCompletion(small)).status).toBe(WorkflowStatus.COMPLETED);
    const state = await client.waitForWorkflowCompletion(big, { timeoutMs: 30_000 });
    expect(state.status).toBe(WorkflowStatus.FAILED);
    expect(state.failureDetails?.errorType).toBe('SizeLimitExceededError');
    expect(state.failureDetails?.message).toMatch(
      new RegExp(
        `The history of '${big}' after this step \\(\\d+ new events\\) is \\d+ bytes, over the limit of 65536 bytes \\(maxHistoryBytes`,
      ),
    );
    const history = (await client.getWorkflowHistory(big)) ?? [];
    expect(history[history.length - 1]).toMatchObject({ type: 'ExecutionCompleted' });
    // The result that would have passed the limit was not appended: the history stays near it.
    const db = new Database(join(dir, 'weft.db'), { readonly: true });
    const row = db.prepare('SELECT history_bytes FROM instances WHERE instance_id = ?').get(big) as {
      history_bytes: number;
    };
    const sum = db
      .prepare('SELECT SUM(length(CAST(event AS BLOB))) AS n FROM history WHERE instance_id = ?')
      .get(big) as { n: number };
    db.close();
    expect(row.history_bytes).toBe(sum.n);
    expect(row.history_bytes).toBeLessThan(64 * KIB + 16 * KIB);
  });

  /** Each instance's history_bytes against the bytes of its history rows, measured by SQLite. */
  function historySizes(): { id: string; kept: number; measured: number }[] {
    const db = new Database(join(dir, 'weft.db'), { readonly: true });
    const rows = db
      .prepare(
        `SELECT i.instance_id AS id, i.history_bytes AS kept,
                (SELECT COALESCE(SUM(length(CAST(h.event AS BLOB))), 0) FROM history h
                  WHERE h.instance_id = i.instance_id) AS measured
           FROM instances i ORDER BY i.instance_id`,
      )
      .all() as { id: string; kept: number; measured: number }[];
    db.close();
    return rows;
  }

  it('keeps history_bytes equal to the history in UTF-8 bytes through steps, continue-as-new, terminate and rerun', async () => {
    const { client } = await start();
    const rounds = await client.scheduleNewWorkflow(Rounds, 0, { instanceId: 'rounds' });
    const waits = await client.scheduleNewWorkflow(Waits, undefined, { instanceId: 'waits' });
    expect((await client.waitForWorkflowCompletion(rounds)).status).toBe(WorkflowStatus.COMPLETED);
    await client.waitForWorkflowStart(waits);
    await client.terminateWorkflow(waits, { output: 'enough' });
    expect((await client.waitForWorkflowCompletion(waits)).status).toBe(WorkflowStatus.TERMINATED);
    // The rerun copies the history before the second activity of the last round, and runs from there.
    const scheduled = ((await client.getWorkflowHistory(rounds)) ?? []).filter(
      (e) => e.type === 'TaskScheduled',
    );
    const rerun = await client.rerunWorkflowFromEvent(rounds, scheduled[1].eventId, {
      newInstanceId: 'rerun',
    });
    expect((await client.waitForWorkflowCompletion(rerun)).status).toBe(WorkflowStatus.COMPLETED);
    const sizes = historySizes();
    expect(sizes.map((r) => r.id)).toEqual(['rerun', 'rounds', 'waits']);
    for (const r of sizes) {
      expect(r.measured).toBeGreaterThan(0);
      expect(r).toEqual({ id: r.id, kept: r.measured, measured: r.measured });
    }
  });

  it('migrates a version-7 file (sizes kept by triggers): the triggers go and the sizes stay right', async () => {
    const path = join(dir, 'weft.db');
    const first = await start();
    const before = await first.client.scheduleNewWorkflow(Rounds, 1, { instanceId: 'before' });
    await first.client.waitForWorkflowCompletion(before);
    await runtime?.stop();
    runtime = undefined;
    // The file as version 7 left it: history_bytes kept by triggers on the history table.
    const raw = new Database(path);
    raw.exec(`
      CREATE TRIGGER history_bytes_added AFTER INSERT ON history BEGIN
        UPDATE instances SET history_bytes = history_bytes + length(CAST(NEW.event AS BLOB))
         WHERE instance_id = NEW.instance_id;
      END;
      CREATE TRIGGER history_bytes_removed AFTER DELETE ON history BEGIN
        UPDATE instances SET history_bytes = history_bytes - length(CAST(OLD.event AS BLOB))
         WHERE instance_id = OLD.instance_id;
      END;`);
    raw.pragma('user_version = 7');
    raw.close();
    const { client } = await start();
    // Counted once (by the step), not twice (by a leftover trigger as well).
    const after = await client.scheduleNewWorkflow(Rounds, 1, { instanceId: 'after' });
    await client.waitForWorkflowCompletion(after);
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger'`).all()).toEqual([]);
    db.close();
    for (const r of historySizes()) expect(r.kept).toBe(r.measured);
  });

  it('migrates a version-4 file: history sizes are computed for existing instances', async () => {
    const path = join(dir, 'weft.db');
    const { client } = await start();
    const id = await client.scheduleNewWorkflow(Growing, 3);
    await client.waitForWorkflowCompletion(id);
    await runtime?.stop();
    runtime = undefined;
    const raw = new Database(path);
    raw.exec(`DROP TRIGGER IF EXISTS history_bytes_added; DROP TRIGGER IF EXISTS history_bytes_removed;
              ALTER TABLE instances DROP COLUMN history_bytes;`);
    raw.pragma('user_version = 4');
    raw.close();
    const backend = new SqliteBackend({ path });
    await backend.open();
    await backend.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    const row = db.prepare('SELECT history_bytes FROM instances WHERE instance_id = ?').get(id) as {
      history_bytes: number;
    };
    const sum = db
      .prepare('SELECT SUM(length(CAST(event AS BLOB))) AS n FROM history WHERE instance_id = ?')
      .get(id) as { n: number };
    db.close();
    expect(row.history_bytes).toBeGreaterThan(30 * KIB);
    expect(row.history_bytes).toBe(sum.n);
  });
});

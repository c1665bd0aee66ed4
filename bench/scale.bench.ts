/**
 * `npm run bench:scale`: does the embedded engine stay flat as finished instances pile up?
 *
 * For a fresh file and for files holding N extra finished instances (default 100,000; set
 * `WEFT_SCALE_SIZES=0,100000,1000000` for more), each built quickly by cloning a real finished
 * three-step instance (its row and its history rows) straight into the file, it measures on this
 * machine (synchronous=FULL):
 *  - three-step workflows/s with 50 callers, and p50 start-to-completion latency with 1 caller;
 *  - one listing page (100) filtered by status COMPLETED, by status RUNNING, and by workflow name,
 *    and the second COMPLETED page through its continuation token (median of 30 reads);
 *  - the claim and timer statements the worker runs on every pump (median of 300 runs);
 *  - a purge by filter (status COMPLETED and a creation window that holds 100 instances).
 * With `WEFT_SCALE_PLANS=1` it also prints `EXPLAIN QUERY PLAN` of every catalog statement and listing
 * shape on the largest file. Numbers are printed, never asserted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteBackend, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';
import { STATEMENT_SQL, prepareStatements } from '../src/backends/sqlite/statements';

const quiet = { debug() {}, info() {}, warn() {}, error: console.error };
const dir = mkdtempSync(join(tmpdir(), 'weft-scale-'));
const SIZES = (process.env.WEFT_SCALE_SIZES ?? '0,100000').split(',').map(Number);
const SECONDS = Number(process.env.WEFT_SCALE_SECONDS ?? 5);
/** Names the seeded instances carry, round robin (the bench's own workflow is one of them). */
const SEED_NAMES = ['three_steps', 'order_flow', 'nightly_report', 'sync_account'];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function newRuntime(path: string): WorkflowRuntime {
  const runtime = new WorkflowRuntime({
    backend: new SqliteBackend({ path, logger: quiet }),
    workflows: [],
    activities: [],
    logger: quiet,
  });
  runtime.registerActivity(async (_ctx: ActivityContext, n: number) => n + 1, 'step');
  runtime.registerWorkflow(async (ctx: WorkflowContext, n: number) => {
    const a = await ctx.callActivity<number>('step', n);
    const b = await ctx.callActivity<number>('step', a);
    return ctx.callActivity<number>('step', b);
  }, 'three_steps');
  return runtime;
}

/** Seed layout: instance i was created at `base + i * 10` ms; returns `base`. */
async function buildFile(path: string, count: number): Promise<{ base: number; seconds: number }> {
  const t0 = performance.now();
  const runtime = newRuntime(path);
  await runtime.start();
  const templateId = await runtime.client.scheduleNewWorkflow('three_steps', 1, { instanceId: 'template' });
  await runtime.client.waitForWorkflowCompletion(templateId);
  await runtime.stop();
  const base = Date.now() - 30 * 86_400_000;
  if (count > 0) {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = OFF');
    const row = db.prepare(`SELECT * FROM instances WHERE instance_id = 'template'`).get() as Record<
      string,
      unknown
    >;
    const events = (
      db.prepare(`SELECT seq, event FROM history WHERE instance_id = 'template' ORDER BY seq`).all() as {
        seq: number;
        event: string;
      }[]
    ).map((e) => ({ ...e, parsed: JSON.parse(e.event) as Record<string, unknown> }));
    const columns = Object.keys(row);
    const insertInstance = db.prepare(
      `INSERT INTO instances (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
    );
    const insertHistory = db.prepare(
      `INSERT INTO history (instance_created_at, instance_id, seq, event) VALUES (?, ?, ?, ?)`,
    );
    const fill = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const id = `seed-${String(i).padStart(8, '0')}`;
        const createdAt = base + i * 10;
        const status = i % 50 === 0 ? 'TERMINATED' : i % 10 === 0 ? 'FAILED' : 'COMPLETED';
        insertInstance.run({
          ...row,
          instance_id: id,
          name: SEED_NAMES[i % SEED_NAMES.length],
          status,
          created_at: createdAt,
          last_updated_at: createdAt + 40,
          completed_at: createdAt + 40,
        });
        for (const e of events) {
          // Realistic rows: each event carries its own timestamp, as the engine writes them.
          const event = { ...e.parsed, timestamp: createdAt + e.seq };
          insertHistory.run(createdAt, id, e.seq, JSON.stringify(event));
        }
      }
    });
    for (let from = 0; from < count; from += 50_000) fill(from, Math.min(count, from + 50_000));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
  }
  return { base, seconds: (performance.now() - t0) / 1000 };
}

async function callers(runtime: WorkflowRuntime, n: number, seconds: number): Promise<number[]> {
  const client = runtime.client;
  const latencies: number[] = [];
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const id = await client.scheduleNewWorkflow('three_steps', 1);
        const state = await client.waitForWorkflowCompletion(id);
        if (state.output !== 4) throw new Error(`unexpected output ${JSON.stringify(state.output)}`);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return latencies;
}

async function timeAsync(times: number, fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

function timeSync(times: number, fn: () => unknown): number {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

type Row = Record<string, string | number>;

async function measure(extra: number): Promise<Row> {
  const path = join(dir, `scale-${extra}.db`);
  const built = await buildFile(path, extra);
  const runtime = newRuntime(path);
  await runtime.start();
  const client = runtime.client;
  const row: Row = { extra, buildS: built.seconds };
  try {
    await callers(runtime, 1, 0.5); // warm up
    const fifty = await callers(runtime, 50, SECONDS);
    row.wfPerS = fifty.length / SECONDS;
    row.p50At1 = median(await callers(runtime, 1, Math.max(2, SECONDS / 2)));
    row.pageCompleted = await timeAsync(30, () =>
      client.listWorkflows({ status: WorkflowStatus.COMPLETED, pageSize: 100 }),
    );
    const first = await client.listWorkflows({ status: WorkflowStatus.COMPLETED, pageSize: 100 });
    row.page2Completed = await timeAsync(30, () =>
      client.listWorkflows({
        status: WorkflowStatus.COMPLETED,
        pageSize: 100,
        continuationToken: first.continuationToken,
      }),
    );
    row.pageRunning = await timeAsync(30, () =>
      client.listWorkflows({ status: WorkflowStatus.RUNNING, pageSize: 100 }),
    );
    row.pageFailedOrTerm = await timeAsync(30, () =>
      client.listWorkflows({ status: [WorkflowStatus.FAILED, WorkflowStatus.TERMINATED], pageSize: 100 }),
    );
    row.pageByName = await timeAsync(30, () =>
      client.listWorkflows({ name: 'nightly_report', pageSize: 100 }),
    );
    // Purge: windows of 1 s of seeded creation times (100 instances, 90 of them COMPLETED) per call.
    const purgeSamples: number[] = [];
    let purged = 0;
    for (let k = 0; k < 5; k++) {
      const from = built.base + Math.floor(((k + 1) * extra) / 6) * 10;
      const t0 = performance.now();
      purged += await client.purgeWorkflows({
        status: WorkflowStatus.COMPLETED,
        createdFrom: new Date(from),
        createdTo: new Date(from + 1000),
      });
      purgeSamples.push(performance.now() - t0);
    }
    row.purged = purged;
    row.purgeWindow = median(purgeSamples);
  } finally {
    await runtime.stop();
  }
  // The claim and timer statements, on a second connection, as the worker runs them each pump.
  const db = new Database(path);
  const s = prepareStatements(db);
  const now = Date.now();
  row.claimWorkflows = timeSync(300, () => s.candidates.all({ now, leaseNow: now, limit: 50 }));
  row.claimActivities = timeSync(300, () =>
    db.transaction(() => s.claimActivities.all({ owner: 'bench', until: 0, leaseNow: now, limit: 50 }))(),
  );
  row.nextTimer = timeSync(300, () => s.nextDue.get(now));
  db.close();
  return row;
}

/** `EXPLAIN QUERY PLAN` of every catalog statement and the listing shapes, on one file. */
function printPlans(path: string): void {
  const db = new Database(path, { readonly: true });
  const order = `ORDER BY created_at DESC, instance_id DESC LIMIT 101`;
  const listings: Record<string, string> = {
    'list(all)': `SELECT * FROM instances ${order}`,
    'list(status)': `SELECT * FROM instances WHERE status = @status ${order}`,
    'list(name)': `SELECT * FROM instances WHERE name = @name ${order}`,
    'list(status,token)': `SELECT * FROM instances WHERE status = @status
       AND (created_at < @c OR (created_at = @c AND instance_id < @i)) ${order}`,
  };
  for (const [name, sql] of Object.entries({ ...STATEMENT_SQL, ...listings })) {
    const params = Object.fromEntries([...sql.matchAll(/@(\w+)/g)].map((m) => [m[1], null]));
    const positional = (sql.match(/\?/g) ?? []).map(() => null);
    const args: unknown[] = Object.keys(params).length ? [params] : positional;
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...args) as { detail: string }[];
    console.log(`${name}: ${plan.map((p) => p.detail).join(' | ')}`);
  }
  db.close();
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const size of SIZES) {
    process.stdout.write(`measuring with ${size} extra finished instances...\n`);
    rows.push(await measure(size));
  }
  const fmt = (v: string | number): string =>
    typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(v < 10 ? 2 : 0)) : v;
  console.log('\nEmbedded engine as it grows (synchronous=FULL; times in ms unless named)');
  console.table(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, fmt(v)]))));
  const fresh = rows.find((r) => r.extra === 0);
  if (fresh)
    for (const r of rows)
      if (r !== fresh)
        console.log(
          `${r.extra} extra: ${((r.wfPerS as number) / (fresh.wfPerS as number)).toFixed(2)} x fresh throughput`,
        );
  if (process.env.WEFT_SCALE_PLANS) printPlans(join(dir, `scale-${Math.max(...SIZES)}.db`));
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() =>
    process.env.WEFT_SCALE_KEEP
      ? console.log(`files kept in ${dir}`)
      : rmSync(dir, { recursive: true, force: true }),
  );

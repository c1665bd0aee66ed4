/**
 * `npm run bench`: the embedded engine on this machine, synchronous=FULL.
 *  1. Three-step workflows (three sequential activities) with 1, 10 and 50 concurrent callers:
 *     workflows/s and p50/p99 start-to-completion latency.
 *  2. Replay scaling: per-step time of one workflow of 10 … 10,000 sequential activities, with the
 *     execution cache (the default) and without it (every step replays the whole history).
 *  3. Peers in the same run: raw SQLite commits/s on the same file settings (the ceiling without group
 *     commit), and Weft with synchronous=NORMAL.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteBackend, WorkflowRuntime } from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';

const quiet = { debug() {}, info() {}, warn() {}, error: console.error };
const dir = mkdtempSync(join(tmpdir(), 'weft-bench-'));
let dbCounter = 0;

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function withRuntime<T>(
  options: { synchronous?: 'FULL' | 'NORMAL'; executionCacheSize?: number; offloadSync?: boolean },
  fn: (runtime: WorkflowRuntime, backend: SqliteBackend) => Promise<T>,
): Promise<T> {
  const backend = new SqliteBackend({
    path: join(dir, `bench-${dbCounter++}.db`),
    synchronous: options.synchronous,
    offloadSync: options.offloadSync,
    logger: quiet,
  });
  const runtime = new WorkflowRuntime({
    backend,
    workflows: [],
    activities: [],
    logger: quiet,
    executionCacheSize: options.executionCacheSize,
  });
  runtime.registerActivity(async (_ctx: ActivityContext, n: number) => n + 1, 'step');
  runtime.registerWorkflow(async (ctx: WorkflowContext, n: number) => {
    const a = await ctx.callActivity<number>('step', n);
    const b = await ctx.callActivity<number>('step', a);
    return ctx.callActivity<number>('step', b);
  }, 'three_steps');
  runtime.registerWorkflow(async (ctx: WorkflowContext, steps: number) => {
    let x = 0;
    for (let i = 0; i < steps; i++) x = await ctx.callActivity<number>('step', x);
    return x;
  }, 'sequential');
  await runtime.start();
  try {
    return await fn(runtime, backend);
  } finally {
    await runtime.stop();
  }
}

interface ThroughputRow {
  engine: string;
  callers: number;
  workflows: number;
  perSecond: number;
  p50: number;
  p99: number;
  commitsPerWorkflow: number;
  flushesPerWorkflow: number;
  cpuMsPerWorkflow: number;
}

async function throughput(
  engine: string,
  callers: number,
  seconds: number,
  synchronous: 'FULL' | 'NORMAL',
  offloadSync = true,
): Promise<ThroughputRow> {
  return withRuntime({ synchronous, offloadSync }, async (runtime, backend) => {
    const client = runtime.client;
    // warm up
    for (let i = 0; i < 20; i++)
      await client.waitForWorkflowCompletion(await client.scheduleNewWorkflow('three_steps', 0));
    const latencies: number[] = [];
    const before = backend.syncStats;
    const cpuBefore = process.cpuUsage();
    const deadline = performance.now() + seconds * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: callers }, async () => {
        while (performance.now() < deadline) {
          const t0 = performance.now();
          const id = await client.scheduleNewWorkflow('three_steps', 1);
          const state = await client.waitForWorkflowCompletion(id);
          if (state.output !== 4) throw new Error(`unexpected output ${JSON.stringify(state.output)}`);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const after = backend.syncStats;
    latencies.sort((a, b) => a - b);
    const n = latencies.length;
    return {
      commitsPerWorkflow: (after.commits - before.commits) / n,
      flushesPerWorkflow: (after.flushes - before.flushes) / n,
      cpuMsPerWorkflow: (cpu.user + cpu.system) / 1000 / n,
      engine,
      callers,
      workflows: latencies.length,
      perSecond: latencies.length / elapsed,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    };
  });
}

async function perStep(steps: number, executionCacheSize: number): Promise<number> {
  return withRuntime({ executionCacheSize }, async (runtime) => {
    const t0 = performance.now();
    const id = await runtime.client.scheduleNewWorkflow('sequential', steps);
    const state = await runtime.client.waitForWorkflowCompletion(id);
    if (state.output !== steps) throw new Error(`unexpected output ${JSON.stringify(state.output)}`);
    return (performance.now() - t0) / steps;
  });
}

function rawCommitsPerSecond(seconds: number): number {
  const db = new Database(join(dir, 'raw.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)');
  const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
  const tx = db.transaction(() => insert.run('x'));
  let n = 0;
  const deadline = performance.now() + seconds * 1000;
  while (performance.now() < deadline) {
    tx.immediate();
    n++;
  }
  db.close();
  return n / seconds;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const maxSteps = Number(process.env.BENCH_MAX_STEPS ?? 10_000);
  console.log(`Weft embedded engine benchmark (node ${process.version}, ${seconds}s per row)\n`);

  const rows: ThroughputRow[] = [];
  for (const callers of [1, 10, 50])
    rows.push(await throughput('weft sqlite FULL', callers, seconds, 'FULL'));
  rows.push(await throughput('weft sqlite NORMAL', 50, seconds, 'NORMAL'));
  // The disk waited for on the event loop, as before offloadSync: the same run's comparison.
  for (const callers of [1, 50])
    rows.push(await throughput('weft FULL offloadSync=false', callers, seconds, 'FULL', false));
  console.log('Three-step workflows (3 sequential activities), start to completion');
  console.table(
    rows.map((r) => ({
      engine: r.engine,
      callers: r.callers,
      workflows: r.workflows,
      'workflows/s': fmt(r.perSecond, 0),
      'p50 ms': fmt(r.p50, 2),
      'p99 ms': fmt(r.p99, 2),
      'commits/wf': fmt(r.commitsPerWorkflow, 2),
      'flushes/wf': fmt(r.flushesPerWorkflow, 2),
      'CPU ms/wf': fmt(r.cpuMsPerWorkflow, 2),
    })),
  );
  const raw = rawCommitsPerSecond(2);
  console.log(
    `Peer ceiling in this run: raw SQLite (WAL, synchronous=FULL) one-row commits/s: ${fmt(raw, 0)}`,
  );
  const full50 = rows.find((r) => r.engine === 'weft sqlite FULL' && r.callers === 50);
  if (full50)
    console.log(`50 callers FULL / raw commits: ${fmt(full50.perSecond / raw, 2)} (issue 10's target: 0.45)`);
  console.log(
    'CPU ms/wf: all threads of the process (the checkpointer and fdatasync included), per workflow',
  );
  console.log(
    'For scale (measured on this machine type earlier, same shape, not in this run): DBOS+Postgres 140 wf/s, Restate 257 wf/s\n',
  );

  const sizes = [10, 100, 1000, 10_000].filter((n) => n <= maxSteps);
  const scaling: Record<string, string>[] = [];
  for (const n of sizes) {
    const cached = await perStep(n, 1000);
    const replay = n <= 1000 ? await perStep(n, 0) : NaN;
    scaling.push({
      steps: String(n),
      'ms/step (cache)': fmt(cached, 3),
      'ms/step (replay every step)': fmt(replay, 3),
    });
  }
  console.log('Replay scaling: one workflow of N sequential activities');
  console.table(scaling);
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  rmSync(dir, { recursive: true, force: true });
  process.exitCode = 1;
});

/**
 * `npm run bench:dapr`: three-step workflows (three sequential activities) through `weft sidecar`, in one
 * run, with two workers on the same protocol:
 *   - Weft's worker: WorkflowRuntime on DaprSidecarBackend;
 *   - the official @dapr/dapr worker (WorkflowRuntime of the Dapr JS SDK).
 * Each (worker, callers) pair gets a fresh sidecar process and database file. Callers loop "schedule,
 * wait for completion" through the same Weft client; we report workflows/s and the p50 and p99 of
 * schedule-to-completion latency. Bounded: BENCH_WORKFLOWS workflows (default 300) or BENCH_SECONDS
 * seconds (default 30) per row, whichever comes first.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DaprWorkflowClient, WorkflowRuntime as DaprWorkflowRuntime } from '@dapr/dapr';
import type { TWorkflow, WorkflowActivityContext, WorkflowContext as DaprWorkflowContext } from '@dapr/dapr';
import { DaprSidecarBackend, WorkflowClient, WorkflowRuntime } from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';

const quiet = { debug() {}, info() {}, warn() {}, error: console.error };
const MAX_WORKFLOWS = Number(process.env.BENCH_WORKFLOWS ?? 300);
const MAX_SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const repoRoot = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'weft-dapr-bench-'));
let dbCounter = 0;

interface Sidecar {
  port: number;
  stop(): Promise<void>;
}

/** Starts `weft sidecar` (the built CLI) on a free port with a fresh file. */
async function startSidecar(): Promise<Sidecar> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(repoRoot, 'bin', 'weft.js'),
      'sidecar',
      '--port',
      '0',
      '--db',
      join(dir, `sidecar-${dbCounter++}.db`),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const port = await new Promise<number>((resolvePort, reject) => {
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on [^\s]+:(\d+)/.exec(out);
      if (m) resolvePort(Number(m[1]));
    });
    child.once('exit', (code) => reject(new Error(`weft sidecar exited with ${code}`)));
  });
  return {
    port,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

interface Row {
  worker: string;
  callers: number;
  workflows: number;
  perSecond: number;
  p50: number;
  p99: number;
}

/** Runs callers that each schedule a workflow and wait for it, until the count or time bound. */
async function drive(
  client: WorkflowClient,
  workflowName: string,
  callers: number,
): Promise<Omit<Row, 'worker'>> {
  const latencies: number[] = [];
  let started = 0;
  const begin = performance.now();
  const deadline = begin + MAX_SECONDS * 1000;
  const caller = async () => {
    while (started < MAX_WORKFLOWS && performance.now() < deadline) {
      started += 1;
      const t0 = performance.now();
      const id = await client.scheduleNewWorkflow(workflowName, 1);
      const state = await client.waitForWorkflowCompletion(id, { timeoutMs: 60_000 });
      if (state.output !== 4) throw new Error(`workflow ${id} returned ${JSON.stringify(state.output)}`);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: callers }, caller));
  const elapsed = (performance.now() - begin) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    callers,
    workflows: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}

async function withClient<T>(port: number, fn: (client: WorkflowClient) => Promise<T>): Promise<T> {
  const backend = new DaprSidecarBackend({ port, logger: quiet });
  await backend.open();
  try {
    return await fn(new WorkflowClient({ backend }));
  } finally {
    await backend.close();
  }
}

async function benchWeftWorker(callers: number): Promise<Row> {
  const sidecar = await startSidecar();
  const runtime = new WorkflowRuntime({
    backend: new DaprSidecarBackend({ port: sidecar.port, logger: quiet }),
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
  await runtime.start();
  try {
    const result = await withClient(sidecar.port, (client) => drive(client, 'three_steps', callers));
    return { worker: 'Weft (DaprSidecarBackend)', ...result };
  } finally {
    await runtime.stop();
    await sidecar.stop();
  }
}

async function benchOfficialWorker(callers: number): Promise<Row> {
  const sidecar = await startSidecar();
  // The SDK logs every work item at info level; keep the table readable.
  const { info, log } = console;
  console.info = () => {};
  console.log = () => {};
  const runtime = new DaprWorkflowRuntime({ daprHost: '127.0.0.1', daprPort: String(sidecar.port) });
  const step = async (_ctx: WorkflowActivityContext, n: number) => n + 1;
  const threeSteps: TWorkflow = async function* (
    ctx: DaprWorkflowContext,
    n: number,
  ): AsyncGenerator<unknown, number, number> {
    const a = yield ctx.callActivity(step, n);
    const b = yield ctx.callActivity(step, a);
    return yield ctx.callActivity(step, b);
  };
  runtime.registerWorkflowWithName('three_steps', threeSteps).registerActivityWithName('step', step);
  await runtime.start();
  try {
    const result = await withClient(sidecar.port, (client) => drive(client, 'three_steps', callers));
    return { worker: 'official @dapr/dapr 3.18', ...result };
  } finally {
    await runtime.stop();
    console.info = info;
    console.log = log;
    await sidecar.stop();
  }
}

async function main(): Promise<void> {
  // Touch the SDK client export so a broken install fails here, not mid-table.
  void DaprWorkflowClient;
  const rows: Row[] = [];
  for (const callers of [1, 20]) {
    rows.push(await benchWeftWorker(callers));
    rows.push(await benchOfficialWorker(callers));
  }
  const fmt = (n: number, d = 1) => n.toFixed(d);
  console.log(
    `\nThree-step workflows through weft sidecar (node ${process.version}, ≤${MAX_WORKFLOWS} workflows or ${MAX_SECONDS} s per row)\n`,
  );
  console.log('| worker | callers | workflows | workflows/s | p50 ms | p99 ms |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.worker} | ${r.callers} | ${r.workflows} | ${fmt(r.perSecond)} | ${fmt(r.p50)} | ${fmt(r.p99)} |`,
    );
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dir, { recursive: true, force: true }));

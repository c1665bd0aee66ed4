/**
 * `npm run bench:dapr`: three-step workflows (three sequential activities) through `weft sidecar`, in one
 * run, with three workers on the same protocol:
 *   - Weft's worker: WorkflowRuntime on DaprSidecarBackend (Weft's client);
 *   - the official @dapr/dapr worker (WorkflowRuntime of the Dapr JS SDK; Weft's client);
 *   - the official @dapr/durabletask-js worker and client (TaskHubGrpcWorker, TaskHubGrpcClient): no Weft
 *     code outside the sidecar.
 * Each (worker, callers) pair gets a fresh sidecar process and database file. Callers loop "schedule,
 * wait for completion"; we report workflows/s, the p50 and p99 of schedule-to-completion latency, and the
 * CPU time per workflow of the sidecar process (user + system, from /proc) and of this process (the worker
 * and the client): counts that depend less on what else runs on the machine than wall-clock numbers do. Bounded: BENCH_WORKFLOWS workflows (default 300)
 * or BENCH_SECONDS seconds (default 30) per row, whichever comes first, after a warm-up of
 * BENCH_WARMUP workflows (default max(20, 2 × callers)). Each row starts a fresh sidecar process, so a short
 * warm-up counts V8's compiling of the hot paths (TurboFan on background threads, a few ms per workflow over the
 * first few hundred) in the CPU per workflow: BENCH_WARMUP=300 measures the steady state. BENCH_CALLERS (default `1,10,50`) and BENCH_WORKERS (default
 * `weft,dapr,durabletask`) choose the rows.
 *
 * BENCH_SIDECAR (default `weft`) chooses the sidecars, comma-separated: `weft` is `weft sidecar`; any other
 * entry is the path of a durabletask-go sidecar binary (the engine inside daprd, see
 * /work/shared/reference-sidecar: flags `-host -port -db`), started the same way with its own SQLite
 * file, so the official SDKs can be timed against the reference engine by the same command, e.g.
 * `BENCH_SIDECAR=weft,/tmp/durabletask-go-sidecar/bin/durabletask-sidecar BENCH_WORKERS=dapr,durabletask`.
 * Rows are labelled by sidecar. BENCH_SIDECAR_PROF=<dir> runs `weft sidecar` with `--cpu-prof` into that
 * directory (one .cpuprofile per sidecar process, written when it stops).
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { DaprWorkflowClient, WorkflowRuntime as DaprWorkflowRuntime } from '@dapr/dapr';
import { TaskHubGrpcClient, TaskHubGrpcWorker } from '@dapr/durabletask-js';
import type { TWorkflow, WorkflowActivityContext, WorkflowContext as DaprWorkflowContext } from '@dapr/dapr';
import { DaprSidecarBackend, WorkflowClient, WorkflowRuntime } from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';

const quiet = { debug() {}, info() {}, warn() {}, error: console.error };
const MAX_WORKFLOWS = Number(process.env.BENCH_WORKFLOWS ?? 300);
const MAX_SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const WARMUP = process.env.BENCH_WARMUP ? Number(process.env.BENCH_WARMUP) : undefined;
const CALLERS = (process.env.BENCH_CALLERS ?? '1,10,50').split(',').map(Number);
const WORKERS = (process.env.BENCH_WORKERS ?? 'weft,dapr,durabletask').split(',');
const SIDECARS = (process.env.BENCH_SIDECAR ?? 'weft').split(',').filter(Boolean);
const repoRoot = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'weft-dapr-bench-'));
let dbCounter = 0;

interface Sidecar {
  port: number;
  /** CPU time (user + system) the sidecar process has used so far, ms; NaN where /proc is missing. */
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Starts `weft sidecar` (the built CLI) on a free port with a fresh file, or a durabletask-go binary. */
async function startSidecar(kind: string): Promise<Sidecar> {
  return kind === 'weft' ? startWeftSidecar() : startReferenceSidecar(kind);
}

/** The sidecar's label in the table. */
function sidecarLabel(kind: string): string {
  return kind === 'weft' ? 'weft sidecar' : `durabletask-go (${basename(kind)})`;
}

async function startWeftSidecar(): Promise<Sidecar> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_SIDECAR_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_SIDECAR_PROF}`]
        : []),
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
  return handle(child, port, exited);
}

/** A free TCP port on 127.0.0.1 (the durabletask-go sidecar takes no port 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** Starts a durabletask-go sidecar binary on a free port with a fresh SQLite file; resolves once it listens. */
async function startReferenceSidecar(binary: string): Promise<Sidecar> {
  const port = await freePort();
  // Its log (every work item at DEBUG) is dropped: writing it would count as sidecar CPU.
  const child = spawn(
    binary,
    ['-host', '127.0.0.1', '-port', String(port), '-db', join(dir, `ref-${dbCounter++}.db`)],
    {
      stdio: ['ignore', 'ignore', 'ignore'],
    },
  );
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((r) =>
    child.once('exit', (code) => {
      exitCode = code;
      r();
    }),
  );
  for (;;) {
    if (exitCode !== undefined) throw new Error(`${binary} exited with ${exitCode}`);
    const open = await new Promise<boolean>((r) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        r(true);
      });
      socket.once('error', () => r(false));
    });
    if (open) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return handle(child, port, exited);
}

function handle(child: ChildProcess, port: number, exited: Promise<void>): Sidecar {
  const pid = child.pid;
  return {
    port,
    cpuMs: () => {
      try {
        // /proc/<pid>/stat: fields 14 and 15 (utime, stime) in clock ticks, 100 per second on Linux.
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return (Number(fields[11]) + Number(fields[12])) * 10;
      } catch {
        return NaN;
      }
    },
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
  sidecar: string;
  worker: string;
  callers: number;
  workflows: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** Sidecar CPU time per workflow, ms. */
  sidecarCpuMs: number;
  /** CPU time per workflow of this process (the worker and the client), ms. */
  workerCpuMs: number;
}

/** Runs callers that each run one workflow at a time (`one`), until the count or time bound. */
async function drive(
  sidecar: Sidecar,
  one: () => Promise<void>,
  callers: number,
): Promise<Omit<Row, 'worker' | 'sidecar'>> {
  const run = async (count: number, seconds: number) => {
    const latencies: number[] = [];
    let started = 0;
    const deadline = performance.now() + seconds * 1000;
    const caller = async () => {
      while (started < count && performance.now() < deadline) {
        started += 1;
        const t0 = performance.now();
        await one();
        latencies.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: callers }, caller));
    return latencies;
  };
  await run(WARMUP ?? Math.max(20, 2 * callers), MAX_SECONDS);
  const cpu0 = sidecar.cpuMs();
  const own0 = process.cpuUsage();
  const begin = performance.now();
  const latencies = await run(MAX_WORKFLOWS, MAX_SECONDS);
  const elapsed = (performance.now() - begin) / 1000;
  const cpu = sidecar.cpuMs() - cpu0;
  const own = process.cpuUsage(own0);
  latencies.sort((a, b) => a - b);
  return {
    callers,
    workflows: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    sidecarCpuMs: cpu / latencies.length,
    workerCpuMs: (own.user + own.system) / 1000 / latencies.length,
  };
}

/** One workflow through Weft's client: schedule, wait, check the output. */
function weftCaller(client: WorkflowClient, workflowName: string): () => Promise<void> {
  return async () => {
    const id = await client.scheduleNewWorkflow(workflowName, 1);
    const state = await client.waitForWorkflowCompletion(id, { timeoutMs: 60_000 });
    if (state.output !== 4) throw new Error(`workflow ${id} returned ${JSON.stringify(state.output)}`);
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

async function benchWeftWorker(kind: string, callers: number): Promise<Row> {
  const sidecar = await startSidecar(kind);
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
    const result = await withClient(sidecar.port, (client) =>
      drive(sidecar, weftCaller(client, 'three_steps'), callers),
    );
    return { sidecar: sidecarLabel(kind), worker: 'Weft (DaprSidecarBackend)', ...result };
  } finally {
    await runtime.stop();
    await sidecar.stop();
  }
}

async function benchOfficialWorker(kind: string, callers: number): Promise<Row> {
  const sidecar = await startSidecar(kind);
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
    const result = await withClient(sidecar.port, (client) =>
      drive(sidecar, weftCaller(client, 'three_steps'), callers),
    );
    return { sidecar: sidecarLabel(kind), worker: 'official @dapr/dapr 3.18', ...result };
  } finally {
    await runtime.stop();
    console.info = info;
    console.log = log;
    await sidecar.stop();
  }
}

async function benchDurableTaskJs(kind: string, callers: number): Promise<Row> {
  const sidecar = await startSidecar(kind);
  // The SDK logs every work item and call at info level; keep the table readable.
  const { info, log } = console;
  console.info = () => {};
  console.log = () => {};
  const address = `127.0.0.1:${sidecar.port}`;
  const worker = new TaskHubGrpcWorker(address);
  const step = async (_ctx: unknown, n: number) => n + 1;
  worker.addNamedActivity('step', step);
  worker.addNamedOrchestrator('three_steps', async function* (ctx, n: number): AsyncGenerator<
    unknown,
    number,
    number
  > {
    const a = yield ctx.callActivity('step', n);
    const b = yield ctx.callActivity('step', a);
    return yield ctx.callActivity('step', b);
  });
  const client = new TaskHubGrpcClient(address);
  await worker.start();
  try {
    const result = await drive(
      sidecar,
      async () => {
        const id = await client.scheduleNewOrchestration('three_steps', 1);
        const state = await client.waitForOrchestrationCompletion(id, true, 60);
        if (state?.serializedOutput !== '4')
          throw new Error(`workflow ${id} returned ${state?.serializedOutput}`);
      },
      callers,
    );
    return {
      sidecar: sidecarLabel(kind),
      worker: 'official @dapr/durabletask-js 1.0 (worker and client)',
      ...result,
    };
  } finally {
    // The SDK's stop() waits a fixed second; its wait timers (60 s, never cleared) are why main() exits.
    await worker.stop();
    await client.stop();
    console.info = info;
    console.log = log;
    await sidecar.stop();
  }
}

async function main(): Promise<void> {
  // Touch the SDK client export so a broken install fails here, not mid-table.
  void DaprWorkflowClient;
  const rows: Row[] = [];
  for (const callers of CALLERS) {
    for (const kind of SIDECARS) {
      if (WORKERS.includes('weft')) rows.push(await benchWeftWorker(kind, callers));
      if (WORKERS.includes('dapr')) rows.push(await benchOfficialWorker(kind, callers));
      if (WORKERS.includes('durabletask')) rows.push(await benchDurableTaskJs(kind, callers));
    }
  }
  const fmt = (n: number, d = 1) => n.toFixed(d);
  console.log(
    `\nThree-step workflows through ${SIDECARS.map(sidecarLabel).join(' and ')} (node ${process.version}, ≤${MAX_WORKFLOWS} workflows or ${MAX_SECONDS} s per row)\n`,
  );
  console.log(
    '| sidecar | worker | callers | workflows | workflows/s | p50 ms | p99 ms | sidecar CPU ms/wf | worker+client CPU ms/wf |',
  );
  console.log('|---|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of rows) {
    console.log(
      `| ${r.sidecar} | ${r.worker} | ${r.callers} | ${r.workflows} | ${fmt(r.perSecond)} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.sidecarCpuMs, 2)} | ${fmt(r.workerCpuMs, 2)} |`,
    );
  }
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(() => {
    rmSync(dir, { recursive: true, force: true });
    // The durabletask-js client leaves its 60 s wait timers running.
    process.exit();
  });

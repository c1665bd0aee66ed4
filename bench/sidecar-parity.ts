/**
 * `npm run parity:dapr`: runs the same `TaskHubSidecarService` calls against a reference sidecar
 * (durabletask-go, the engine inside daprd) and `weft sidecar`, and prints a table: call, reference answer,
 * Weft answer, and `≠` where they differ. Not part of the suite (the reference cannot run in CI); the
 * answers that SDKs depend on are asserted on Weft in `test/dapr/sidecar-parity.test.ts`.
 *
 * Environment:
 *   PARITY_REFERENCE_BIN  the durabletask-go sidecar binary (flags `-host -port -db`); default
 *                         /tmp/durabletask-go-sidecar/bin/durabletask-sidecar
 *   PARITY_REFERENCE_PORT use a reference already listening on 127.0.0.1:<port> instead of starting one
 *   PARITY_WEFT_PORT      use a `weft sidecar` already listening instead of starting the built CLI
 *
 * Each side gets a tiny worker on `GetWorkItems` that answers workflows by name: `done` completes with
 * its input as output, `wait` stays running, `parent` starts the child `<id>-child` (`done`) and completes
 * when it has.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ClientReadableStream, ServiceError } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import { DaprSidecarBackend, WorkflowClient } from '../src';
import { SidecarConnection } from '../src/backends/dapr/client/sidecar-connection';
import type {
  SidecarRpcTypes,
  SidecarUnaryRpc,
  WireHistoryEvent,
  WireWorkflowAction,
  WireWorkItem,
} from '../src/backends/dapr/protocol/wire-types';

const repoRoot = resolve(__dirname, '../..');
const referenceBin =
  process.env.PARITY_REFERENCE_BIN ?? '/tmp/durabletask-go-sidecar/bin/durabletask-sidecar';
const dir = mkdtempSync(join(tmpdir(), 'weft-parity-'));
/** Deadline of every call; waits on unknown instances end with DEADLINE_EXCEEDED after it. */
const CALL_MS = 4000;
const STATUS_NAMES = new Map<number, string>(Object.entries(status).map(([k, v]) => [v as number, k]));

/** One side under test. */
interface Side {
  name: string;
  port: number;
  conn: SidecarConnection;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

/** Spawns a process and resolves once `ready(output)` gives a port. */
function spawnSidecar(
  command: string,
  args: string[],
  ready: (output: string) => number | undefined,
): Promise<{ port: number; child: ChildProcess }> {
  const child = spawn(command, args, { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${command} did not start: ${output}`)), 30_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const port = ready(output);
      if (port !== undefined) {
        clearTimeout(timer);
        ok({ port, child });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${command} exited with ${code}: ${output}`));
    });
  });
}

async function openSide(name: string, port: number, child?: ChildProcess): Promise<Side> {
  const conn = new SidecarConnection({ host: '127.0.0.1', port, secure: false });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await conn.call('Hello', {}, { timeoutMs: 1000 });
      break;
    } catch (err) {
      if (Date.now() > deadline || child?.exitCode != null) throw err;
      await new Promise((ok) => setTimeout(ok, 200));
    }
  }
  return {
    name,
    port,
    conn,
    stop: async () => {
      conn.close();
      if (child && child.exitCode === null) {
        const exited = new Promise((ok) => child.once('exit', ok));
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}

async function startReference(): Promise<Side> {
  if (process.env.PARITY_REFERENCE_PORT) {
    return openSide('reference', Number(process.env.PARITY_REFERENCE_PORT));
  }
  const port = await freePort();
  const child = spawn(
    referenceBin,
    ['-host', '127.0.0.1', '-port', String(port), '-db', join(dir, 'ref.db')],
    {
      stdio: 'ignore',
    },
  );
  return openSide('reference', port, child);
}

async function startWeft(): Promise<Side> {
  if (process.env.PARITY_WEFT_PORT) return openSide('weft', Number(process.env.PARITY_WEFT_PORT));
  const { port, child } = await spawnSidecar(
    process.execPath,
    [join(repoRoot, 'bin', 'weft.js'), 'sidecar', '--port', '0', '--db', join(dir, 'weft.db')],
    (out) => {
      const match = /listening on [^\s]+:(\d+)/.exec(out);
      return match ? Number(match[1]) : undefined;
    },
  );
  return openSide('weft', port, child);
}

/** The worker: answers each workflow step by the workflow's name. */
function runWorker(conn: SidecarConnection): ClientReadableStream<WireWorkItem> {
  const stream = conn.openWorkItems({});
  stream.on('error', () => {});
  stream.on('data', (item: WireWorkItem) => {
    const request = item.workflowRequest;
    if (!request) return;
    const events: WireHistoryEvent[] = [...(request.pastEvents ?? []), ...(request.newEvents ?? [])];
    const started = events.find((e) => e.executionStarted)?.executionStarted;
    const actions: WireWorkflowAction[] = [];
    const complete = (): WireWorkflowAction => ({
      id: 1,
      completeWorkflow: { workflowStatus: 1, result: started?.input ?? undefined },
    });
    if (started?.name === 'done') actions.push(complete());
    if (started?.name === 'parent') {
      if (events.some((e) => e.childWorkflowInstanceCompleted)) actions.push(complete());
      else if (!events.some((e) => e.childWorkflowInstanceCreated)) {
        actions.push({
          id: 0,
          createChildWorkflow: { instanceId: `${request.instanceId}-child`, name: 'done' },
        });
      }
    }
    conn
      .call('CompleteWorkflowTask', {
        instanceId: request.instanceId,
        completionToken: item.completionToken,
        actions,
      })
      .catch(() => {});
  });
  return stream;
}

/** A call's answer as one cell: `OK {…}` or `CODE: message`. */
async function answer<K extends SidecarUnaryRpc>(
  side: Side,
  rpc: K,
  request: SidecarRpcTypes[K][0],
): Promise<string> {
  try {
    const response = await side.conn.call(rpc, request, { timeoutMs: CALL_MS });
    return `OK ${JSON.stringify(strip(response))}`;
  } catch (err) {
    const e = err as ServiceError;
    return `${STATUS_NAMES.get(e.code) ?? e.code}: ${(e.details ?? e.message).slice(0, 90)}`;
  }
}

/**
 * Drops what differs between any two runs (times, generated ids), proto3 defaults one side spells out
 * (`exists: false`), and fields only one side fills that the compared calls do not hinge on (`version`,
 * which durabletask-go sends as an empty wrapper; `isComplete`, which Weft sends on purges).
 */
function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (/Timestamp$|^timestamp$|^startedAt$|executionId|^version$|^isComplete$/.test(k)) continue;
    if (v === null || v === false || (Array.isArray(v) && v.length === 0)) continue;
    out[k] = strip(v);
  }
  return out;
}

/** A scenario: prepares instances on a side, then makes the call whose answer is compared. */
interface Scenario {
  call: string;
  run(side: Side, id: (s: string) => string): Promise<string>;
}

const finished = async (side: Side, instanceId: string, name = 'done', input?: string) => {
  await side.conn.call('StartInstance', { instanceId, name, input: input ? { value: input } : undefined });
  await side.conn.call('WaitForInstanceCompletion', { instanceId }, { timeoutMs: 20_000 });
};

const SCENARIOS: Scenario[] = [
  { call: 'GetInstance unknown', run: (s, id) => answer(s, 'GetInstance', { instanceId: id('u') }) },
  {
    call: 'GetInstance unknown, with payloads',
    run: (s, id) => answer(s, 'GetInstance', { instanceId: id('u'), getInputsAndOutputs: true }),
  },
  { call: 'RaiseEvent unknown', run: (s, id) => answer(s, 'RaiseEvent', { instanceId: id('u'), name: 'e' }) },
  {
    call: 'RaiseEvent finished',
    run: async (s, id) => {
      await finished(s, id('f'));
      return answer(s, 'RaiseEvent', { instanceId: id('f'), name: 'e', input: { value: '1' } });
    },
  },
  { call: 'SuspendInstance unknown', run: (s, id) => answer(s, 'SuspendInstance', { instanceId: id('u') }) },
  {
    call: 'SuspendInstance finished',
    run: async (s, id) => {
      await finished(s, id('f'));
      return answer(s, 'SuspendInstance', { instanceId: id('f'), reason: { value: 'r' } });
    },
  },
  { call: 'ResumeInstance unknown', run: (s, id) => answer(s, 'ResumeInstance', { instanceId: id('u') }) },
  {
    call: 'ResumeInstance finished',
    run: async (s, id) => {
      await finished(s, id('f'));
      return answer(s, 'ResumeInstance', { instanceId: id('f') });
    },
  },
  {
    call: 'TerminateInstance unknown',
    run: (s, id) => answer(s, 'TerminateInstance', { instanceId: id('u') }),
  },
  {
    call: 'TerminateInstance finished',
    run: async (s, id) => {
      await finished(s, id('f'));
      return answer(s, 'TerminateInstance', { instanceId: id('f'), output: { value: '"t"' } });
    },
  },
  {
    call: 'GetInstance after Terminate of finished',
    run: async (s, id) => {
      await finished(s, id('f'), 'done', '"in"');
      await answer(s, 'TerminateInstance', { instanceId: id('f') });
      return answer(s, 'GetInstance', { instanceId: id('f'), getInputsAndOutputs: true });
    },
  },
  { call: 'PurgeInstances unknown', run: (s, id) => answer(s, 'PurgeInstances', { instanceId: id('u') }) },
  {
    call: 'PurgeInstances finished',
    run: async (s, id) => {
      await finished(s, id('f'));
      return answer(s, 'PurgeInstances', { instanceId: id('f') });
    },
  },
  {
    call: 'PurgeInstances already purged',
    run: async (s, id) => {
      await finished(s, id('f'));
      await answer(s, 'PurgeInstances', { instanceId: id('f') });
      return answer(s, 'PurgeInstances', { instanceId: id('f') });
    },
  },
  {
    call: 'PurgeInstances running',
    run: async (s, id) => {
      await s.conn.call('StartInstance', { instanceId: id('w'), name: 'wait' });
      return answer(s, 'PurgeInstances', { instanceId: id('w') });
    },
  },
  {
    call: 'PurgeInstances recursive parent+child',
    run: async (s, id) => {
      await finished(s, id('p'), 'parent');
      return answer(s, 'PurgeInstances', { instanceId: id('p'), recursive: true });
    },
  },
  {
    call: 'PurgeInstances non-recursive parent+child',
    run: async (s, id) => {
      await finished(s, id('p'), 'parent');
      const purged = await answer(s, 'PurgeInstances', { instanceId: id('p') });
      const child = await answer(s, 'GetInstance', { instanceId: `${id('p')}-child` });
      return `${purged}; child: ${child.slice(0, 30)}`;
    },
  },
  {
    call: 'PurgeInstances by filter',
    run: (s) => answer(s, 'PurgeInstances', { purgeInstanceFilter: { runtimeStatus: [1] } }),
  },
  {
    call: 'StartInstance existing id, running',
    run: async (s, id) => {
      await s.conn.call('StartInstance', { instanceId: id('w'), name: 'wait' });
      return answer(s, 'StartInstance', { instanceId: id('w'), name: 'wait' });
    },
  },
  {
    call: 'StartInstance existing id, finished',
    run: async (s, id) => {
      await finished(s, id('f'));
      return answer(s, 'StartInstance', { instanceId: id('f'), name: 'done' });
    },
  },
  {
    call: 'ListInstanceIDs',
    run: async (s) => {
      const out = await answer(s, 'ListInstanceIDs', {});
      return out.replace(/"instanceIds":\[[^\]]*\]/, '"instanceIds":[…]');
    },
  },
  {
    call: 'GetInstanceHistory unknown',
    run: (s, id) => answer(s, 'GetInstanceHistory', { instanceId: id('u') }),
  },
  {
    call: 'RerunWorkflowFromEvent unknown source',
    run: (s, id) =>
      answer(s, 'RerunWorkflowFromEvent', { sourceInstanceID: id('u'), eventID: 0, newInstanceID: id('n') }),
  },
  {
    call: 'RerunWorkflowFromEvent finished, event 0',
    run: async (s, id) => {
      await finished(s, id('f'), 'done', '"x"');
      const out = await answer(s, 'RerunWorkflowFromEvent', {
        sourceInstanceID: id('f'),
        eventID: 0,
        newInstanceID: id('n'),
      });
      return out.replace(id('n'), '<new id>');
    },
  },
  {
    call: 'GetInstance, no input/output/custom status',
    run: async (s, id) => {
      await finished(s, id('f'));
      const out = await answer(s, 'GetInstance', { instanceId: id('f'), getInputsAndOutputs: true });
      return out.replace(/"instanceId":"[^"]*",?/, '').replace(/"name":"done",?/, '');
    },
  },
  {
    call: 'GetInstance, input/output "" (JSON string)',
    run: async (s, id) => {
      await finished(s, id('f'), 'done', '""');
      const out = await answer(s, 'GetInstance', { instanceId: id('f'), getInputsAndOutputs: true });
      return out.replace(/"instanceId":"[^"]*",?/, '').replace(/"name":"done",?/, '');
    },
  },
  {
    call: 'WaitForInstanceStart unknown',
    run: (s, id) => answer(s, 'WaitForInstanceStart', { instanceId: id('u') }),
  },
  {
    call: 'WaitForInstanceCompletion unknown',
    run: (s, id) => answer(s, 'WaitForInstanceCompletion', { instanceId: id('u') }),
  },
];

/** What Weft's own client (WorkflowClient on DaprSidecarBackend) makes of an answer: value or error class. */
async function viaClient(side: Side, use: (client: WorkflowClient) => Promise<unknown>): Promise<string> {
  const backend = new DaprSidecarBackend({ port: side.port, logger: { ...console, warn() {}, info() {} } });
  try {
    await backend.open();
    const value = await use(new WorkflowClient({ backend }));
    return `client: ${JSON.stringify(strip(value)) ?? 'undefined'}`;
  } catch (err) {
    return `client throws ${(err as Error).name}: ${(err as Error).message.slice(0, 60)}`;
  } finally {
    await backend.close();
  }
}

SCENARIOS.push(
  {
    call: 'Weft client: getWorkflowState, no input/output',
    run: async (s, id) => {
      await finished(s, id('f'));
      return viaClient(s, async (c) => {
        const state = await c.getWorkflowState(id('f'));
        return { status: state?.status, input: state?.input, customStatus: state?.customStatus };
      });
    },
  },
  {
    call: 'Weft client: raiseEvent finished',
    run: async (s, id) => {
      await finished(s, id('f'));
      return viaClient(s, (c) => c.raiseEvent(id('f'), 'e', 1));
    },
  },
  {
    call: 'Weft client: raiseEvent unknown',
    run: (s, id) => viaClient(s, (c) => c.raiseEvent(id('u'), 'e')),
  },
  {
    call: 'Weft client: suspendWorkflow unknown',
    run: (s, id) => viaClient(s, (c) => c.suspendWorkflow(id('u'))),
  },
  {
    call: 'Weft client: terminateWorkflow finished',
    run: async (s, id) => {
      await finished(s, id('f'));
      return viaClient(s, (c) => c.terminateWorkflow(id('f')));
    },
  },
  {
    call: 'Weft client: purgeWorkflow unknown',
    run: (s, id) => viaClient(s, (c) => c.purgeWorkflow(id('u'))),
  },
  {
    call: 'Weft client: getWorkflowHistory unknown',
    run: (s, id) => viaClient(s, (c) => c.getWorkflowHistory(id('u'))),
  },
  {
    call: 'Weft client: waitForWorkflowCompletion unknown',
    run: (s, id) => viaClient(s, (c) => c.waitForWorkflowCompletion(id('u'), { timeoutMs: CALL_MS })),
  },
);

async function main(): Promise<void> {
  const sides = [await startReference(), await startWeft()];
  const workers = sides.map((s) => runWorker(s.conn));
  const rows: string[][] = [];
  try {
    for (const [n, scenario] of SCENARIOS.entries()) {
      const row = [scenario.call];
      for (const side of sides) {
        const id = (s: string) => `parity-${n}-${s}`;
        row.push(await scenario.run(side, id).catch((err: Error) => `(setup failed: ${err.message})`));
      }
      row.push(row[1] === row[2] ? '' : '≠');
      rows.push(row);
    }
  } finally {
    for (const w of workers) w.cancel();
    for (const s of sides) await s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const cell = (s: string) => s.replace(/\|/g, '\\|');
  console.log('| call | reference (durabletask-go) | weft sidecar | |');
  console.log('| --- | --- | --- | --- |');
  for (const row of rows) console.log(`| ${row.map(cell).join(' | ')} |`);
  const differ = rows.filter((r) => r[3]).length;
  console.log(`\n${rows.length - differ}/${rows.length} answers match.`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DaprSidecarBackend, SqliteBackend, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { ActivityContext, HistoryEvent, WorkflowContext } from 'weft-workflows';
import { startSidecarServer } from '../../src/backends/dapr';
import type { SidecarServer } from '../../src/backends/dapr';
import { AttemptLedger } from '../../src/backends/dapr/client/attempt-ledger';
import { SidecarConnection } from '../../src/backends/dapr/client/sidecar-connection';
import { startNoExtensionProxy } from './support/no-extension-proxy';
import type { NoExtensionProxy } from './support/no-extension-proxy';

jest.setTimeout(60_000);

const silent = { debug() {}, info() {}, warn() {}, error() {} };

// The reference sidecar (durabletask-go v0.14.0, the engine inside daprd), run by hand on 2026-11-30 with a Weft
// worker (DaprSidecarBackend) and an activity that fails on its first two calls under a retry policy of 4
// attempts: it sent no `attempt` in ActivityRequest, so before this change ActivityContext.attempt was 1, 1, 1
// (the retries themselves did happen: the workflow schedules them on durable timers from its history). With the
// attempt read from the history it answered 1, 2, 3, and a fresh AttemptLedger reading its GetInstanceHistory
// (nothing noted by a step) numbered the three TaskScheduled events 1, 2, 3. The fan-out below gave there, as
// here, {1: [1], 2: [1, 2], 3: [1, 2, 3]} and output [3, 1, 2]. The proxy below strips the
// extension the same way, so these tests run without it. (The same gap, reported elsewhere: an activity's retry
// count always 0, microsoft/durabletask-java#167; attempt numbers inflated across calls in a fan-out awaited with
// anyOf, microsoft/durabletask-java#290: here each call counts its own.)
describe('activity attempts over a sidecar that sends no attempt (weft sidecar behind a stripping proxy)', () => {
  let dir: string;
  let server: SidecarServer;
  let proxy: NoExtensionProxy;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-attempts-'));
    server = await startSidecarServer({
      backend: new SqliteBackend({ path: join(dir, 'sidecar.db'), logger: silent }),
      port: 0,
      host: '127.0.0.1',
      logger: silent,
    });
    proxy = await startNoExtensionProxy(server.port);
  });
  afterEach(async () => {
    await proxy.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A runtime through the proxy whose activity fails until its attempt is 3. */
  async function retryingRuntime(seen: number[]): Promise<WorkflowRuntime> {
    const runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ port: proxy.port, logger: silent }),
      workflows: [],
      activities: [],
      logger: silent,
    });
    runtime.registerActivity(async (ctx: ActivityContext, n: number) => {
      seen.push(ctx.attempt);
      if (ctx.attempt < 3) throw new Error(`attempt ${ctx.attempt} fails`);
      return n * 2;
    }, 'needs_three');
    runtime.registerWorkflow(
      async (ctx: WorkflowContext, n: number) =>
        ctx.callActivity<number>('needs_three', n, {
          retryPolicy: { maxNumberOfAttempts: 4, firstRetryInterval: 5 },
        }),
      'retries_by_attempt',
    );
    await runtime.start();
    return runtime;
  }

  it('numbers the retries of an activity 1, 2, 3 though no message carries the attempt', async () => {
    const seen: number[] = [];
    const runtime = await retryingRuntime(seen);
    try {
      const id = await runtime.client.scheduleNewWorkflow('retries_by_attempt', 21);
      const done = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
      expect(done.status).toBe(WorkflowStatus.COMPLETED);
      expect(done.output).toBe(42);
      expect(seen).toEqual([1, 2, 3]);
      // The worker's ScheduleTaskAction.attempt and the sidecar's ActivityRequest.attempt were both dropped.
      expect(proxy.stripped()).toBeGreaterThan(0);

      // The engine behind the proxy numbered the schedulings from its history, not from the worker's field.
      const history = (await server.backend.getHistory(id)) ?? [];
      const scheduled = history.filter(
        (e): e is Extract<HistoryEvent, { type: 'TaskScheduled' }> => e.type === 'TaskScheduled',
      );
      expect(scheduled.map((e) => e.attempt)).toEqual([1, 2, 3]);
      expect(new Set(scheduled.map((e) => e.taskExecutionId)).size).toBe(1);
    } finally {
      await runtime.stop();
    }
  });

  it('counts each call of a fan-out on its own, whenAny windows included', async () => {
    const seen = new Map<number, number[]>();
    const runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ port: proxy.port, logger: silent }),
      workflows: [],
      activities: [],
      logger: silent,
    });
    // Item n fails until its attempt reaches n: items 1, 2, 3 need 1, 2 and 3 attempts.
    runtime.registerActivity(async (ctx: ActivityContext, n: number) => {
      seen.set(n, [...(seen.get(n) ?? []), ctx.attempt]);
      if (ctx.attempt < n) throw new Error(`item ${n} attempt ${ctx.attempt}`);
      return n;
    }, 'item');
    runtime.registerWorkflow(async (ctx: WorkflowContext, items: number[]) => {
      const retryPolicy = { maxNumberOfAttempts: 3, firstRetryInterval: 5 };
      const [first, ...rest] = items.map((n) => ctx.callActivity<number>('item', n, { retryPolicy }));
      // A window: the first to finish of two, then everything.
      await ctx.whenAny([first, rest[0]]);
      return ctx.whenAll([first, ...rest]);
    }, 'fan_out');
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow('fan_out', [3, 1, 2]);
      const done = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
      expect(done.output).toEqual([3, 1, 2]);
      expect(Object.fromEntries(seen)).toEqual({ 1: [1], 2: [1, 2], 3: [1, 2, 3] });
    } finally {
      await runtime.stop();
    }
  });

  it('a worker that did not run the scheduling step counts the attempt in the instance history', async () => {
    const seen: number[] = [];
    const runtime = await retryingRuntime(seen);
    let id: string;
    try {
      id = await runtime.client.scheduleNewWorkflow('retries_by_attempt', 1);
      await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
    } finally {
      await runtime.stop();
    }
    const history = (await server.backend.getHistory(id)) ?? [];
    // A fresh ledger knows nothing of the steps: each request (without the field, as durabletask-go sends it)
    // is numbered from GetInstanceHistory through the proxy.
    const connection = new SidecarConnection({ host: '127.0.0.1', port: proxy.port, secure: false });
    try {
      const ledger = new AttemptLedger(connection, silent);
      const numbered: number[] = [];
      for (const e of history) {
        if (e.type !== 'TaskScheduled') continue;
        numbered.push(
          await ledger.attemptOf({
            workflowInstance: { instanceId: id },
            taskId: e.eventId,
            taskExecutionId: e.taskExecutionId,
          }),
        );
      }
      expect(numbered).toEqual([1, 2, 3]);
      // A call without an id, and an instance the sidecar cannot find, count as a first attempt.
      expect(await ledger.attemptOf({ workflowInstance: { instanceId: id }, taskId: 4 })).toBe(1);
      expect(
        await ledger.attemptOf({
          workflowInstance: { instanceId: 'nobody' },
          taskId: 0,
          taskExecutionId: 'x',
        }),
      ).toBe(1);
    } finally {
      connection.close();
    }
  });
});

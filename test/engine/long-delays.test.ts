import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Activity,
  ActivityBase,
  SqliteBackend,
  TimeoutError,
  Workflow,
  WorkflowBase,
  WorkflowRuntime,
  WorkflowStatus,
  serveWorkflows,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const DAY = 86_400_000;

@Workflow({ name: 'sleep_ms' })
class SleepMs extends WorkflowBase<number, string> {
  async run(ctx: WorkflowContext, ms: number): Promise<string> {
    await ctx.createTimer(ms);
    return 'woke';
  }
}

/** Real time passing inside an activity: a measuring window with no durable timer in it. */
@Activity({ name: 'pause' })
class Pause extends ActivityBase<number, void> {
  async run(_ctx: unknown, ms: number): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, ms));
  }
}

@Workflow({ name: 'pacer' })
class Pacer extends WorkflowBase<number, void> {
  async run(ctx: WorkflowContext, ms: number): Promise<void> {
    await ctx.callActivity(Pause, ms);
  }
}

@Workflow({ name: 'await_go' })
class AwaitGo extends WorkflowBase<void, unknown> {
  async run(ctx: WorkflowContext): Promise<unknown> {
    return ctx.waitForExternalEvent('go');
  }
}

describe('delays of any length on the embedded engine', () => {
  let dir: string;
  let runtime: WorkflowRuntime;
  let backend: SqliteBackend;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-long-'));
    backend = new SqliteBackend({ path: join(dir, 'weft.db'), logger: quiet });
    runtime = new WorkflowRuntime({
      backend,
      workflows: [SleepMs, AwaitGo, Pacer],
      activities: [Pause],
      logger: quiet,
    });
    await runtime.start();
  });
  afterEach(async () => {
    await runtime.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an engine idling on a 30-day timer does not wake up in a loop', async () => {
    const sleeper = await runtime.client.scheduleNewWorkflow(SleepMs, 30 * DAY);
    await runtime.client.waitForWorkflowStart(sleeper);
    await backend.whenIdle();
    const before = backend.commitCount;
    // The window: another instance's 500 ms activity (a handful of commits of its own). A shorter
    // durable timer in the window would hide the loop, so there is none.
    const pacer = await runtime.client.scheduleNewWorkflow(Pacer, 500);
    const done = await runtime.client.waitForWorkflowCompletion(pacer, { timeoutMs: 10_000 });
    expect(done.status).toBe(WorkflowStatus.COMPLETED);
    // The busy loop this guards against made ~500 commits a second here; the pacer alone needs a handful.
    expect(backend.commitCount - before).toBeLessThan(15);
    expect((await runtime.client.getWorkflowState(sleeper))?.status).toBe(WorkflowStatus.RUNNING);
  });

  it('a start 30 days out keeps the instance pending without a loop', async () => {
    const id = await runtime.client.scheduleNewWorkflow(SleepMs, 0, {
      startAt: new Date(Date.now() + 30 * DAY),
    });
    await backend.whenIdle();
    const before = backend.commitCount;
    const pacer = await runtime.client.scheduleNewWorkflow(Pacer, 500);
    await runtime.client.waitForWorkflowCompletion(pacer, { timeoutMs: 10_000 });
    expect(backend.commitCount - before).toBeLessThan(15);
    expect((await runtime.client.getWorkflowState(id))?.status).toBe(WorkflowStatus.PENDING);
  });

  it.each([30 * DAY, 10 * 365 * DAY, Infinity])(
    'waitForWorkflowCompletion with timeoutMs %p waits for the instance',
    async (timeoutMs) => {
      const id = await runtime.client.scheduleNewWorkflow(AwaitGo);
      await runtime.client.waitForWorkflowStart(id, { timeoutMs });
      const waiting = runtime.client.waitForWorkflowCompletion(id, { timeoutMs });
      // The wait must still be pending once the engine has nothing left to do.
      await backend.whenIdle();
      await runtime.client.raiseEvent(id, 'go', 'now');
      const state = await waiting;
      expect(state.status).toBe(WorkflowStatus.COMPLETED);
      expect(state.output).toBe('now');
    },
  );

  it.each(['30d', 'infinity'])('HTTP ?wait=%s waits for the instance to finish', async (wait) => {
    const server = await serveWorkflows({ runtime, port: 0, host: '127.0.0.1', logger: quiet });
    try {
      const id = await runtime.client.scheduleNewWorkflow(AwaitGo);
      await runtime.client.waitForWorkflowStart(id);
      const answer = fetch(`${server.url}/workflows/${id}?wait=${wait}`);
      await backend.whenIdle();
      await runtime.client.raiseEvent(id, 'go', 'http');
      const res = await answer;
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: 'COMPLETED', output: 'http' });
    } finally {
      await server.close();
    }
  });

  it('a short timeout still times out', async () => {
    const id = await runtime.client.scheduleNewWorkflow(AwaitGo);
    await expect(runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 50 })).rejects.toBeInstanceOf(
      TimeoutError,
    );
  });
});

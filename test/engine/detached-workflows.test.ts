import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SqliteBackend,
  Workflow,
  WorkflowBase,
  WorkflowRuntime,
  WorkflowStatus,
  replayWorkflowHistory,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

@Workflow({ name: 'audit' })
class Audit extends WorkflowBase<string, string> {
  async run(ctx: WorkflowContext, what: string): Promise<string> {
    await ctx.waitForExternalEvent('release');
    return `audited ${what}`;
  }
}

@Workflow({ name: 'checkout' })
class Checkout extends WorkflowBase<void, string[]> {
  async run(ctx: WorkflowContext): Promise<string[]> {
    const first = await ctx.scheduleNewWorkflow(Audit, 'cart');
    const second = await ctx.scheduleNewWorkflow('audit', 'payment');
    const named = await ctx.scheduleNewWorkflow(Audit, 'shipping', {
      instanceId: `audit-of-${ctx.instanceId}`,
    });
    await ctx.createTimer(1);
    return [first, second, named];
  }
}

describe('detached workflows (ctx.scheduleNewWorkflow)', () => {
  let dir: string;
  let runtime: WorkflowRuntime;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-detached-'));
    runtime = new WorkflowRuntime({
      backend: new SqliteBackend({ path: join(dir, 'weft.db'), logger: quiet }),
      workflows: [Audit, Checkout],
      logger: quiet,
      executionCacheSize: 0, // every step replays, so the ids must come out the same
    });
    await runtime.start();
  });
  afterEach(async () => {
    await runtime.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts independent instances with deterministic ids, recorded in history, and never waits for them', async () => {
    const id = await runtime.client.scheduleNewWorkflow(Checkout, undefined, { instanceId: 'co-1' });
    const done = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
    expect(done.status).toBe(WorkflowStatus.COMPLETED);
    expect(done.output).toEqual(['co-1-0', 'co-1-1', 'audit-of-co-1']);

    for (const [auditId, what] of [
      ['co-1-0', 'cart'],
      ['co-1-1', 'payment'],
      ['audit-of-co-1', 'shipping'],
    ]) {
      const state = await runtime.client.getWorkflowState(auditId);
      expect(state?.status).not.toBe(WorkflowStatus.COMPLETED); // still waiting: the caller did not wait
      expect(state?.parentInstanceId).toBeUndefined();
      const started = (await runtime.client.getWorkflowHistory(auditId)).find(
        (e) => e.type === 'ExecutionStarted',
      );
      expect(started?.parentInstance).toBeUndefined();
      await runtime.client.raiseEvent(auditId, 'release');
      expect((await runtime.client.waitForWorkflowCompletion(auditId)).output).toBe(`audited ${what}`);
    }

    const history = await runtime.client.getWorkflowHistory(id);
    const created = history.filter((e) => e.type === 'DetachedWorkflowInstanceCreated');
    expect(created.map((e) => [e.eventId, e.instanceId, e.name])).toEqual([
      [0, 'co-1-0', 'audit'],
      [1, 'co-1-1', 'audit'],
      [2, 'audit-of-co-1', 'audit'],
    ]);
    await expect(
      replayWorkflowHistory(history, { workflows: [Checkout, Audit], instanceId: 'co-1' }),
    ).resolves.toBeUndefined();
    // Replayed under another id, the default ids differ from the recorded ones: not deterministic.
    await expect(
      replayWorkflowHistory(history, { workflows: [Checkout, Audit], instanceId: 'co-2' }),
    ).rejects.toThrow(
      /step 0: history scheduled workflow 'audit' as instance 'co-1-0', the code now schedules workflow 'audit' as instance 'co-2-0'/,
    );
  });
});

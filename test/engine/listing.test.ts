import 'reflect-metadata';
import {
  ValidationError,
  Workflow,
  WorkflowBase,
  WorkflowStatus,
  WorkflowTestEnvironment,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

@Workflow({ name: 'quick' })
class Quick extends WorkflowBase<number, number> {
  async run(_ctx: WorkflowContext, n: number): Promise<number> {
    if (n < 0) throw new Error('negative');
    return n;
  }
}

@Workflow({ name: 'waiting' })
class Waiting extends WorkflowBase<void, void> {
  async run(ctx: WorkflowContext): Promise<void> {
    await ctx.waitForExternalEvent('never');
  }
}

describe('listWorkflows', () => {
  let env: WorkflowTestEnvironment;
  beforeAll(async () => {
    env = await WorkflowTestEnvironment.create({ workflows: [Quick, Waiting], activities: [] });
    for (let i = 0; i < 7; i++) {
      await env.client.waitForWorkflowCompletion(
        await env.client.scheduleNewWorkflow(Quick, i, { instanceId: `q-${i}` }),
      );
      await env.sleep(1000);
    }
    await env.client.waitForWorkflowCompletion(
      await env.client.scheduleNewWorkflow(Quick, -1, { instanceId: 'q-failed' }),
    );
    await env.sleep(1000);
    await env.client.scheduleNewWorkflow(Waiting, undefined, { instanceId: 'w-1' });
    await env.sleep(10);
  });
  afterAll(() => env.teardown());

  it('lists newest first and pages with a continuation token without gaps or repeats', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await env.client.listWorkflows({ pageSize: 3, continuationToken: token });
      seen.push(...page.items.map((s) => s.instanceId));
      token = page.continuationToken;
      pages += 1;
    } while (token);
    expect(pages).toBe(3);
    expect(seen).toEqual(['w-1', 'q-failed', 'q-6', 'q-5', 'q-4', 'q-3', 'q-2', 'q-1', 'q-0']);
  });

  it('filters by one status or several, by name and by creation time', async () => {
    const failed = await env.client.listWorkflows({ status: WorkflowStatus.FAILED });
    expect(failed.items.map((s) => s.instanceId)).toEqual(['q-failed']);
    expect(failed.items[0].failureDetails?.message).toBe('negative');
    const notCompleted = await env.client.listWorkflows({
      status: [WorkflowStatus.FAILED, WorkflowStatus.RUNNING],
    });
    expect(notCompleted.items.map((s) => s.instanceId)).toEqual(['w-1', 'q-failed']);
    expect((await env.client.listWorkflows({ name: 'waiting' })).items.map((s) => s.instanceId)).toEqual([
      'w-1',
    ]);
    const q2 = await env.client.getWorkflowState('q-2');
    const q4 = await env.client.getWorkflowState('q-4');
    const window = await env.client.listWorkflows({ createdFrom: q2!.createdAt, createdTo: q4!.createdAt });
    expect(window.items.map((s) => s.instanceId)).toEqual(['q-3', 'q-2']);
    expect(q2!.createdAt).toBeInstanceOf(Date);
  });

  it('pages a several-status filter in one order across the statuses, without gaps or repeats', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await env.client.listWorkflows({
        status: [WorkflowStatus.COMPLETED, WorkflowStatus.RUNNING, WorkflowStatus.FAILED],
        pageSize: 2,
        continuationToken: token,
      });
      seen.push(...page.items.map((s) => s.instanceId));
      token = page.continuationToken;
    } while (token);
    expect(seen).toEqual(['w-1', 'q-failed', 'q-6', 'q-5', 'q-4', 'q-3', 'q-2', 'q-1', 'q-0']);
  });

  it('can leave payloads out of a state read', async () => {
    const state = await env.client.getWorkflowState('q-3', { getInputsAndOutputs: false });
    expect(state).toMatchObject({ instanceId: 'q-3', status: WorkflowStatus.COMPLETED });
    expect(state).not.toHaveProperty('input');
    expect(state).not.toHaveProperty('output');
  });

  it('rejects a continuation token it did not issue', async () => {
    await expect(env.client.listWorkflows({ continuationToken: 'garbage' })).rejects.toThrow(ValidationError);
  });
});

describe('purgeWorkflows', () => {
  it('removes finished instances matching the filter and never touches running ones', async () => {
    const env = await WorkflowTestEnvironment.create({ workflows: [Quick, Waiting], activities: [] });
    try {
      for (let i = 0; i < 3; i++)
        await env.client.waitForWorkflowCompletion(await env.client.scheduleNewWorkflow(Quick, i));
      await env.client.waitForWorkflowCompletion(
        await env.client.scheduleNewWorkflow(Quick, -1, { instanceId: 'bad' }),
      );
      await env.client.scheduleNewWorkflow(Waiting, undefined, { instanceId: 'still-running' });
      await env.sleep(10);

      expect(await env.client.purgeWorkflows({ status: WorkflowStatus.FAILED })).toBe(1);
      expect(await env.client.getWorkflowState('bad')).toBeUndefined();
      expect(await env.client.purgeWorkflows({ status: WorkflowStatus.RUNNING })).toBe(0);
      expect(await env.client.purgeWorkflows()).toBe(3);
      expect((await env.client.listWorkflows()).items.map((s) => s.instanceId)).toEqual(['still-running']);
    } finally {
      await env.teardown();
    }
  });

  it('purges only the creation window (from inclusive, to exclusive) and only the terminal statuses named', async () => {
    const env = await WorkflowTestEnvironment.create({ workflows: [Quick, Waiting], activities: [] });
    try {
      for (const id of ['p-a', 'p-b', 'p-c']) {
        await env.client.waitForWorkflowCompletion(
          await env.client.scheduleNewWorkflow(Quick, 1, { instanceId: id }),
        );
        await env.sleep(1000);
      }
      const b = (await env.client.getWorkflowState('p-b'))!.createdAt;
      const c = (await env.client.getWorkflowState('p-c'))!.createdAt;
      const purged = await env.client.purgeWorkflows({
        status: [WorkflowStatus.COMPLETED, WorkflowStatus.RUNNING],
        createdFrom: b,
        createdTo: c,
      });
      expect(purged).toBe(1);
      expect((await env.client.listWorkflows()).items.map((s) => s.instanceId)).toEqual(['p-c', 'p-a']);
    } finally {
      await env.teardown();
    }
  });
});

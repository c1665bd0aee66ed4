import 'reflect-metadata';
import {
  TimeoutError,
  Workflow,
  WorkflowAlreadyExistsError,
  WorkflowBase,
  WorkflowNotFoundError,
  WorkflowNotRunningError,
  WorkflowNotTerminalError,
  WorkflowStatus,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';
import { BACKENDS, freshId, unlessDiffers, useBackend } from './support/backends';

jest.setTimeout(60_000);

@Workflow({ name: 'cc_waits' })
class Waits extends WorkflowBase<number, unknown[]> {
  async run(ctx: WorkflowContext, count: number): Promise<unknown[]> {
    const got: unknown[] = [];
    for (let i = 0; i < count; i++) got.push(await ctx.waitForExternalEvent('go'));
    return got;
  }
}

const PURGE =
  'durabletask-go reference: purging a running instance fails with a plain Error, not WorkflowNotTerminalError';

describe.each(BACKENDS)('the client contract on %s', (kind) => {
  const setup = useBackend(kind, { workflows: [Waits], activities: [] });

  unlessDiffers(kind, {
    reference:
      'durabletask-go reference: a finished id is not reusable (ALREADY_EXISTS); daprd and Weft reuse it',
  })('refuses a duplicate id while the instance runs, and reuses it once finished', async () => {
    const { client } = setup();
    const id = freshId('dup');
    await client.scheduleNewWorkflow(Waits, 1, { instanceId: id });
    const err = await client.scheduleNewWorkflow(Waits, 1, { instanceId: id }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkflowAlreadyExistsError);
    expect((err as WorkflowAlreadyExistsError).code).toBe('WORKFLOW_ALREADY_EXISTS');
    await client.raiseEvent(id, 'go', 'x');
    expect((await client.waitForWorkflowCompletion(id)).output).toEqual(['x']);
    await client.scheduleNewWorkflow(Waits, 0, { instanceId: id });
    const second = await client.waitForWorkflowCompletion(id);
    expect(second.output).toEqual([]);
    expect((await client.getWorkflowHistory(id)).filter((e) => e.type === 'EventRaised')).toHaveLength(0);
  });

  it('answers operations on unknown instances with WorkflowNotFoundError', async () => {
    const { client } = setup();
    const ghost = freshId('ghost');
    await expect(client.raiseEvent(ghost, 'go')).rejects.toThrow(WorkflowNotFoundError);
    await expect(client.suspendWorkflow(ghost)).rejects.toThrow(WorkflowNotFoundError);
    await expect(client.terminateWorkflow(ghost)).rejects.toThrow(WorkflowNotFoundError);
    await expect(client.waitForWorkflowCompletion(ghost)).rejects.toThrow(WorkflowNotFoundError);
    await expect(client.getWorkflowHistory(ghost)).rejects.toThrow(WorkflowNotFoundError);
    expect(await client.getWorkflowState(ghost)).toBeUndefined();
    expect(await client.purgeWorkflow(ghost)).toBe(false);
  });

  it('answers operations on a finished instance with WorkflowNotRunningError and changes nothing', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(Waits, 0, { instanceId: freshId('finished') });
    await client.waitForWorkflowCompletion(id);
    const before = (await client.getWorkflowHistory(id)).length;
    for (const op of [
      () => client.raiseEvent(id, 'go', 1),
      () => client.suspendWorkflow(id),
      () => client.resumeWorkflow(id),
      () => client.terminateWorkflow(id),
    ]) {
      const err = await op().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WorkflowNotRunningError);
    }
    expect((await client.getWorkflowHistory(id)).length).toBe(before);
    expect((await client.getWorkflowState(id))?.status).toBe(WorkflowStatus.COMPLETED);
  });

  unlessDiffers(kind, { reference: PURGE })('refuses to purge a running instance and keeps it', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(Waits, 1, { instanceId: freshId('running') });
    await expect(client.purgeWorkflow(id)).rejects.toBeInstanceOf(WorkflowNotTerminalError);
    expect(await client.getWorkflowState(id)).toBeDefined();
    await client.terminateWorkflow(id);
  });

  it('times out a completion wait with TimeoutError', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(Waits, 1, { instanceId: freshId('wait') });
    await expect(client.waitForWorkflowCompletion(id, { timeoutMs: 50 })).rejects.toThrow(TimeoutError);
    await client.terminateWorkflow(id);
  });

  it('startAt starts the instance no earlier than the given time', async () => {
    const { client } = setup();
    const startAt = new Date(Date.now() + 100);
    const id = await client.scheduleNewWorkflow(Waits, 0, { instanceId: freshId('start-at'), startAt });
    const state = await client.waitForWorkflowCompletion(id);
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    const history = await client.getWorkflowHistory(id);
    expect(history[0].timestamp.getTime()).toBeGreaterThanOrEqual(startAt.getTime());
  });
});

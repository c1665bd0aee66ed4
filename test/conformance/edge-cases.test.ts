import 'reflect-metadata';
import { Activity, ActivityBase, TimeoutError, Workflow, WorkflowBase, WorkflowStatus } from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';
import { BACKENDS, freshId, until, useBackend } from './support/backends';

jest.setTimeout(60_000);

@Activity({ name: 'ec_identity' })
class Identity extends ActivityBase<unknown, unknown> {
  async run(_ctx: unknown, input: unknown): Promise<unknown> {
    return input;
  }
}

@Workflow({ name: 'ec_undefined' })
class Undefined extends WorkflowBase<void, unknown> {
  async run(ctx: WorkflowContext): Promise<unknown> {
    const result = await ctx.callActivity(Identity);
    await ctx.createTimer(0);
    return result === undefined ? undefined : { unexpected: result };
  }
}

@Workflow({ name: 'ec_zero_wait' })
class ZeroWait extends WorkflowBase<void, unknown> {
  async run(ctx: WorkflowContext): Promise<unknown> {
    await ctx.waitForExternalEvent('begin');
    const results: unknown[] = [];
    for (const name of ['buffered', 'absent']) {
      try {
        results.push(await ctx.waitForExternalEvent(name, { timeoutMs: 0 }));
      } catch (err) {
        results.push(err instanceof TimeoutError ? 'timeout' : String(err));
      }
    }
    return results;
  }
}

@Workflow({ name: 'ec_activity_race' })
class ActivityRace extends WorkflowBase<void, string> {
  async run(ctx: WorkflowContext): Promise<string> {
    const activity = ctx.callActivity<string>(Identity, 'done');
    const event = ctx.waitForExternalEvent<string>('never');
    const winner = await ctx.whenAny([activity, event]);
    return winner === activity ? `activity:${await activity}` : 'event';
  }
}

@Workflow({ name: 'ec_unicode_event' })
class UnicodeEvent extends WorkflowBase<void, unknown> {
  async run(ctx: WorkflowContext): Promise<unknown> {
    return ctx.waitForExternalEvent('äpfel-ß');
  }
}

@Workflow({ name: 'ec_leaf' })
class Leaf extends WorkflowBase<void, unknown> {
  async run(ctx: WorkflowContext): Promise<unknown> {
    return ctx.waitForExternalEvent('go');
  }
}

@Workflow({ name: 'ec_root' })
class Root extends WorkflowBase<void, unknown> {
  async run(ctx: WorkflowContext): Promise<unknown> {
    return ctx.callChildWorkflow(Leaf, undefined, { instanceId: `${ctx.instanceId}-leaf` });
  }
}

describe.each(BACKENDS)('edge cases on %s', (kind) => {
  const setup = useBackend(kind, {
    workflows: [Undefined, ZeroWait, ActivityRace, UnicodeEvent, Leaf, Root],
    activities: [Identity],
  });

  it('an activity without input returns undefined; a 0 ms timer fires; the workflow returns undefined', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(Undefined, undefined, { instanceId: freshId('undef') });
    const state = await client.waitForWorkflowCompletion(id);
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toBeUndefined();
  });

  it('waitForExternalEvent with timeoutMs 0 takes a buffered event and fails at once otherwise', async () => {
    const { client } = setup();
    const id = freshId('zero');
    await client.scheduleNewWorkflow(ZeroWait, undefined, { instanceId: id });
    await client.raiseEvent(id, 'buffered', 'here');
    await client.raiseEvent(id, 'begin');
    expect((await client.waitForWorkflowCompletion(id)).output).toEqual(['here', 'timeout']);
  });

  it('whenAny returns an activity that finishes before an event', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(ActivityRace, undefined, { instanceId: freshId('act-race') });
    expect((await client.waitForWorkflowCompletion(id)).output).toBe('activity:done');
  });

  it('matches non-ASCII event names case-insensitively', async () => {
    const { client } = setup();
    const id = freshId('unicode');
    await client.scheduleNewWorkflow(UnicodeEvent, undefined, { instanceId: id });
    await client.raiseEvent(id, 'ÄPFEL-ß', 'ok');
    expect((await client.waitForWorkflowCompletion(id)).output).toBe('ok');
  });

  it('terminate with recursive: false leaves the child running; purging the parent needs force and keeps it', async () => {
    const { client } = setup();
    const id = await client.scheduleNewWorkflow(Root, undefined, { instanceId: freshId('solo') });
    await until(async () => (await client.getWorkflowState(`${id}-leaf`)) !== undefined);
    await client.terminateWorkflow(id, { recursive: false });
    expect((await client.waitForWorkflowCompletion(id)).status).toBe(WorkflowStatus.TERMINATED);
    expect((await client.getWorkflowState(`${id}-leaf`))?.status).not.toBe(WorkflowStatus.TERMINATED);
    // A live descendant blocks the purge (the contract's WorkflowNotTerminalError naming it) unless forced.
    await expect(client.purgeWorkflow(id, { recursive: false })).rejects.toMatchObject({
      code: 'WORKFLOW_NOT_TERMINAL',
      message: expect.stringContaining(`${id}-leaf`),
    });
    expect(await client.purgeWorkflow(id, { recursive: false, force: true })).toBe(true);
    expect(await client.getWorkflowState(id)).toBeUndefined();
    // The orphan still runs to its end when its event comes.
    await client.raiseEvent(`${id}-leaf`, 'go', 'alone');
    const leaf = await client.waitForWorkflowCompletion(`${id}-leaf`);
    expect(leaf.status).toBe(WorkflowStatus.COMPLETED);
    expect(leaf.output).toBe('alone');
  });
});

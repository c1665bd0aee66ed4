import 'reflect-metadata';
import {
  Activity,
  ActivityBase,
  Workflow,
  WorkflowBase,
  WorkflowStatus,
  WorkflowTestEnvironment,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

let codeVersion = 1;

@Activity({ name: 'ReserveInventory' })
class ReserveInventory extends ActivityBase<void, boolean> {
  async run(): Promise<boolean> {
    return true;
  }
}

@Activity({ name: 'ProcessPayment' })
class ProcessPayment extends ActivityBase<void, boolean> {
  async run(): Promise<boolean> {
    return true;
  }
}

@Workflow({ name: 'order' })
class Order extends WorkflowBase<void, string> {
  async run(ctx: WorkflowContext): Promise<string> {
    await ctx.callActivity(codeVersion === 1 ? ReserveInventory : ProcessPayment);
    await ctx.waitForExternalEvent('approved');
    return 'done';
  }
}

describe('non-determinism detection', () => {
  it('fails the instance with NonDeterminismError naming both steps when deployed code changed mid-flight', async () => {
    // no cache: every step replays, as after a restart or a move to another worker
    const env = await WorkflowTestEnvironment.create({
      workflows: [Order],
      activities: [ReserveInventory, ProcessPayment],
      executionCacheSize: 0,
    });
    try {
      const id = await env.client.scheduleNewWorkflow(Order, undefined, { instanceId: 'order-1' });
      await env.sleep(10);
      expect((await env.client.getWorkflowHistory(id)).some((e) => e.type === 'TaskCompleted')).toBe(true);
      codeVersion = 2;
      await env.client.raiseEvent(id, 'approved');
      const state = await env.client.waitForWorkflowCompletion(id);
      expect(state.status).toBe(WorkflowStatus.FAILED);
      expect(state.failureDetails?.errorType).toBe('NonDeterminismError');
      expect(state.failureDetails?.message).toBe(
        "Workflow 'order' (instance 'order-1') is not deterministic: step 0: history scheduled activity " +
          "'ReserveInventory', the code now calls activity 'ProcessPayment'.",
      );
    } finally {
      codeVersion = 1;
      await env.teardown();
    }
  });
});

describe('replay-silent logger', () => {
  @Workflow({ name: 'chatty' })
  class Chatty extends WorkflowBase<void, void> {
    async run(ctx: WorkflowContext): Promise<void> {
      ctx.logger.info('starting');
      await ctx.callActivity(ReserveInventory);
      ctx.logger.info('reserved');
      await ctx.callActivity(ReserveInventory);
      ctx.logger.warn('finished');
    }
  }

  it('writes each line once although every step replays the code before it', async () => {
    const lines: string[] = [];
    const logger = {
      debug: (m: string) => lines.push(`debug ${m}`),
      info: (m: string) => lines.push(`info ${m}`),
      warn: (m: string) => lines.push(`warn ${m}`),
      error: (m: string) => lines.push(`error ${m}`),
    };
    const env = await WorkflowTestEnvironment.create({
      workflows: [Chatty],
      activities: [ReserveInventory],
      executionCacheSize: 0,
      logger,
    });
    try {
      await env.client.waitForWorkflowCompletion(await env.client.scheduleNewWorkflow(Chatty));
      expect(lines).toEqual(['info starting', 'info reserved', 'warn finished']);
    } finally {
      await env.teardown();
    }
  });
});

describe('workflow code that awaits something other than a workflow task', () => {
  @Workflow({ name: 'sleeps_for_real' })
  class SleepsForReal extends WorkflowBase<void, void> {
    async run(ctx: WorkflowContext): Promise<void> {
      await new Promise((resolve) => setTimeout(resolve, 20));
      await ctx.callActivity(ReserveInventory);
    }
  }

  it('fails the instance at its first step when nothing durable is pending, instead of leaving it RUNNING', async () => {
    // The step ends with the code parked on setTimeout and no task, timer, child or event wait: nothing could
    // ever give it another step. Durable Task left such instances RUNNING for good (durabletask-mssql#186:
    // `await Task.Delay` in an orchestration); so did Weft until a new user hit it.
    const env = await WorkflowTestEnvironment.create({
      workflows: [SleepsForReal],
      activities: [ReserveInventory],
    });
    try {
      const id = await env.client.scheduleNewWorkflow(SleepsForReal);
      const state = await env.client.waitForWorkflowCompletion(id);
      expect(state.status).toBe(WorkflowStatus.FAILED);
      expect(state.failureDetails?.errorType).toBe('NonDeterminismError');
      expect(state.failureDetails?.message).toContain(
        `Workflow 'sleeps_for_real' (instance '${id}') is waiting for something that is not a workflow task`,
      );
      const history = await env.client.getWorkflowHistory(id);
      expect(history.some((e) => e.type === 'TaskScheduled')).toBe(false);
    } finally {
      await env.teardown();
    }
  });

  // The stray timer fires while the workflow's activity is still running: the activity waits for it.
  let strayFired!: () => void;
  let stray: Promise<void>;

  @Activity({ name: 'waits_for_the_stray_timer' })
  class WaitsForTheStrayTimer extends ActivityBase<void, void> {
    async run(): Promise<void> {
      await stray;
    }
  }

  @Workflow({ name: 'sleeps_beside_a_task' })
  class SleepsBesideATask extends WorkflowBase<void, void> {
    async run(ctx: WorkflowContext): Promise<void> {
      const pending = ctx.callActivity(WaitsForTheStrayTimer);
      await new Promise<void>((resolve) =>
        setTimeout(() => {
          resolve();
          strayFired();
        }, 5),
      );
      await ctx.callActivity(ReserveInventory);
      await pending;
    }
  }

  it('fails the instance at its next step when the code acted between steps while a task was pending', async () => {
    stray = new Promise<void>((resolve) => (strayFired = resolve));
    const env = await WorkflowTestEnvironment.create({
      workflows: [SleepsBesideATask],
      activities: [ReserveInventory, WaitsForTheStrayTimer],
    });
    try {
      const id = await env.client.scheduleNewWorkflow(SleepsBesideATask);
      const state = await env.client.waitForWorkflowCompletion(id);
      expect(state.status).toBe(WorkflowStatus.FAILED);
      expect(state.failureDetails?.errorType).toBe('NonDeterminismError');
      expect(state.failureDetails?.message).toContain(
        `Workflow 'sleeps_beside_a_task' (instance '${id}') called activity 'ReserveInventory' between workflow steps`,
      );
      const scheduled = (await env.client.getWorkflowHistory(id)).filter((e) => e.type === 'TaskScheduled');
      expect(scheduled.map((e) => e.name)).toEqual(['waits_for_the_stray_timer']);
    } finally {
      await env.teardown();
    }
  });
});

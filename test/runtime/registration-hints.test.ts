/**
 * What a new user sees when a class was left out of the registry (forgot the decorator, or left it out of the
 * runtime's `workflows` / `activities` lists): the error names the class, the registered names and the fix.
 */
import 'reflect-metadata';
import {
  Activity,
  ActivityBase,
  Workflow,
  WorkflowBase,
  WorkflowNotFoundError,
  WorkflowStatus,
  WorkflowTestEnvironment,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

/** An activity without `@Activity()` and not given to the runtime. */
class Forgotten extends ActivityBase<number, number> {
  async run(_ctx: unknown, n: number): Promise<number> {
    return n;
  }
}

@Activity({ name: 'listed' })
class Listed extends ActivityBase<number, number> {
  async run(_ctx: unknown, n: number): Promise<number> {
    return n;
  }
}

@Workflow({ name: 'calls_forgotten' })
class CallsForgotten extends WorkflowBase<number, number> {
  async run(ctx: WorkflowContext, n: number): Promise<number> {
    return ctx.callActivity<number>(Forgotten, n);
  }
}

/** A workflow without `@Workflow()` and not given to the runtime. */
class ForgottenWorkflow extends WorkflowBase<number, number> {
  async run(_ctx: WorkflowContext, n: number): Promise<number> {
    return n;
  }
}

let env: WorkflowTestEnvironment;
beforeEach(async () => {
  env = await WorkflowTestEnvironment.create({ workflows: [CallsForgotten], activities: [Listed] });
});
afterEach(() => env.teardown());

it('a workflow class the runtime does not serve: WorkflowNotFoundError saying how to register it', async () => {
  const attempt = env.client.scheduleNewWorkflow(ForgottenWorkflow, 1);
  await expect(attempt).rejects.toThrow(WorkflowNotFoundError);
  await expect(env.client.scheduleNewWorkflow(ForgottenWorkflow, 1)).rejects.toThrow(
    "No workflow named 'ForgottenWorkflow' is registered. Registered: calls_forgotten. Decorate the class with " +
      "@Workflow() and, when the runtime is given a 'workflows' list, include it there (a function: " +
      'runtime.registerWorkflow(fn, name)).',
  );
  expect((await env.client.listWorkflows()).items).toEqual([]);
});

it('an activity class the runtime does not serve: the instance fails saying how to register it', async () => {
  const id = await env.client.scheduleNewWorkflow(CallsForgotten, 1);
  const state = await env.client.waitForWorkflowCompletion(id);
  expect(state.status).toBe(WorkflowStatus.FAILED);
  expect(state.failureDetails?.message).toBe(
    "Activity 'Forgotten' failed: No activity named 'Forgotten' is registered. Registered: listed. Decorate the " +
      "class with @Activity() and, when the runtime is given an 'activities' list, include it there (a function: " +
      'runtime.registerActivity(fn, name)).',
  );
});

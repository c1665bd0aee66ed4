import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { container } from 'tsyringe';
import {
  NonDeterminismError,
  replayWorkflowHistory,
  Workflow,
  WorkflowBase,
  WorkflowTestEnvironment,
} from 'weft-workflows';
import type { RecordedHistoryEvent, WorkflowContext } from 'weft-workflows';
import { HelloState, helloWorkflows } from '../../samples/hello-world/hello-world.workflows';

const fixture = (name: string) =>
  JSON.parse(
    readFileSync(join(__dirname, '..', 'fixtures', 'histories', name), 'utf8'),
  ) as RecordedHistoryEvent[];

describe('replayWorkflowHistory', () => {
  it('replays a history recorded by an earlier build of the hello-world sample (client JSON form)', async () => {
    const scope = container.createChildContainer();
    scope.registerInstance(HelloState, new HelloState());
    await expect(
      replayWorkflowHistory(fixture('hello-world.json'), {
        workflows: helloWorkflows,
        container: scope,
        instanceId: 'exampleInstanceID',
      }),
    ).resolves.toBeUndefined();
  });

  it('names the first step where changed code no longer matches the recorded history', async () => {
    @Workflow({ name: 'hello_world_wf' })
    class ChangedHelloWorld extends WorkflowBase<string, string> {
      async run(ctx: WorkflowContext): Promise<string> {
        await ctx.callActivity('hello_act', 1);
        await ctx.callActivity('hello_retryable_act');
        return 'Completed';
      }
    }
    const err = await replayWorkflowHistory(fixture('hello-world.json'), {
      workflows: [ChangedHelloWorld],
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonDeterminismError);
    expect((err as Error).message).toContain(
      "step 1: history scheduled activity 'hello_act', the code now calls activity 'hello_retryable_act'",
    );
  });

  it('catches code that now ends differently, from the stored form of a fresh history', async () => {
    @Workflow({ name: 'answer' })
    class Answer extends WorkflowBase<void, number> {
      async run(): Promise<number> {
        return 42;
      }
    }
    const env = await WorkflowTestEnvironment.create({ workflows: [Answer], activities: [] });
    let history: RecordedHistoryEvent[];
    try {
      const id = await env.client.scheduleNewWorkflow(Answer);
      await env.client.waitForWorkflowCompletion(id);
      history = await env.client.getWorkflowHistory(id);
    } finally {
      await env.teardown();
    }
    await expect(replayWorkflowHistory(history, { workflows: [Answer] })).resolves.toBeUndefined();
    await expect(
      replayWorkflowHistory(history, { workflowFunctions: { answer: async () => 41 } }),
    ).rejects.toThrow('The history ends COMPLETED with 42; the code now ends COMPLETED with 41.');
  });
});

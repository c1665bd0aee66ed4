import { SqliteBackend, WorkflowRuntime, WorkflowStatus, WorkflowTestEnvironment } from 'weft-workflows';
import type { WorkflowClient } from 'weft-workflows';
import { container } from 'tsyringe';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HelloState, helloActivities, helloWorkflows } from './hello-world.workflows';

const instanceId = 'exampleInstanceID';

/** What the seed's Python program asserts, step by step; `advance` lets time pass (virtual or real). */
async function runScenario(
  client: WorkflowClient,
  state: HelloState,
  advance: (ms: number) => Promise<void>,
): Promise<void> {
  await client.scheduleNewWorkflow('hello_world_wf', 'Hi Counter!', { instanceId });
  await client.waitForWorkflowStart(instanceId);
  for (let waited = 0; state.childString.length < 9 && waited < 20_000; waited += 250) await advance(250);
  await advance(250);

  expect(state.counter).toBe(11);
  expect(state.retryCount).toBe(2);
  expect(state.childString).toBe('1aa2bb3cc');

  const statusSoon = async (want: WorkflowStatus) => {
    let status = (await client.getWorkflowState(instanceId))?.status;
    for (let i = 0; i < 50 && status !== want; i++) {
      await advance(100);
      status = (await client.getWorkflowState(instanceId))?.status;
    }
    return status;
  };
  await client.suspendWorkflow(instanceId);
  expect(await statusSoon(WorkflowStatus.SUSPENDED)).toBe(WorkflowStatus.SUSPENDED);
  await client.resumeWorkflow(instanceId);
  expect(await statusSoon(WorkflowStatus.RUNNING)).toBe(WorkflowStatus.RUNNING);

  await client.raiseEvent(instanceId, 'event1', 'eventData');
  const done = await client.waitForWorkflowCompletion(instanceId, { timeoutMs: 30_000 });
  expect(done.status).toBe(WorkflowStatus.COMPLETED);
  expect(done.output).toBe('Completed');
  expect(state.counter).toBe(1111);

  expect(await client.purgeWorkflow(instanceId)).toBe(true);
  expect(await client.getWorkflowState(instanceId)).toBeUndefined();
}

describe('hello-world sample (the seed Python program, ported)', () => {
  it('runs on the test environment with a virtual clock', async () => {
    const scope = container.createChildContainer();
    const state = new HelloState();
    scope.registerInstance(HelloState, state);
    const env = await WorkflowTestEnvironment.create({
      workflows: helloWorkflows,
      activities: helloActivities,
      container: scope,
    });
    try {
      await runScenario(env.client, state, (ms) => env.sleep(ms));
    } finally {
      await env.teardown();
    }
  });

  it('runs on a real SQLite file in real time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-hello-'));
    const scope = container.createChildContainer();
    const state = new HelloState();
    scope.registerInstance(HelloState, state);
    const runtime = new WorkflowRuntime({
      backend: new SqliteBackend({ path: join(dir, 'hello.db') }),
      workflows: helloWorkflows,
      activities: helloActivities,
      container: scope,
    });
    await runtime.start();
    try {
      await runScenario(runtime.client, state, (ms) => new Promise((r) => setTimeout(r, ms)));
    } finally {
      await runtime.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

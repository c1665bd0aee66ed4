/**
 * The seed's Python hello-world, ported: `npm start` runs it on the embedded engine and prints what it did.
 */
import { SqliteBackend, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import { container } from 'tsyringe';
import { HelloState, helloActivities, helloWorkflows } from './hello-world.workflows';

const instanceId = 'exampleInstanceID';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const state = container.resolve(HelloState);
  state.log = (line) => console.log(line);
  const backend = new SqliteBackend({ path: process.env.WEFT_DB ?? '.weft/hello-world.db' });
  const runtime = new WorkflowRuntime({ backend, workflows: helloWorkflows, activities: helloActivities });
  await runtime.start();
  const client = runtime.client;
  try {
    const old = await client.getWorkflowState(instanceId);
    if (old && old.status !== WorkflowStatus.COMPLETED && old.status !== WorkflowStatus.FAILED) {
      await client.terminateWorkflow(instanceId);
      await client.waitForWorkflowCompletion(instanceId);
    }
    console.log('==========Start Counter Increase as per Input:==========');
    await client.scheduleNewWorkflow('hello_world_wf', 'Hi Counter!', { instanceId });
    await client.waitForWorkflowStart(instanceId);

    while (state.childString.length < 9) await sleep(100);
    await sleep(200);
    console.log(`counter=${state.counter} retry count=${state.retryCount} child string=${state.childString}`);

    await client.suspendWorkflow(instanceId);
    await sleep(100);
    console.log(
      `Get response from hello_world_wf after pause call: ${(await client.getWorkflowState(instanceId))?.status}`,
    );
    await client.resumeWorkflow(instanceId);
    await sleep(100);
    console.log(
      `Get response from hello_world_wf after resume call: ${(await client.getWorkflowState(instanceId))?.status}`,
    );

    await client.raiseEvent(instanceId, 'event1', 'eventData');
    console.log('========= Waiting for Workflow completion');
    const done = await client.waitForWorkflowCompletion(instanceId, { timeoutMs: 30_000 });
    console.log(`Workflow completed! Result: ${JSON.stringify(done.output)}`);

    await client.purgeWorkflow(instanceId);
    if ((await client.getWorkflowState(instanceId)) === undefined)
      console.log('Instance Successfully Purged');
  } finally {
    await runtime.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});

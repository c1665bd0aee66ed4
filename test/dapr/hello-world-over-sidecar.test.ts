import 'reflect-metadata';
import { join } from 'node:path';
import { container } from 'tsyringe';
import { DaprSidecarBackend, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import { HelloState, helloActivities, helloWorkflows } from '../../samples/hello-world/hello-world.workflows';
import { startSidecarProcess, tempDir, until } from './support/sidecar-process';
import type { SidecarProcess } from './support/sidecar-process';

jest.setTimeout(60_000);

describe('the hello-world sample on DaprSidecarBackend against weft sidecar in another process', () => {
  const tmp = tempDir('weft-dapr-hello-');
  let sidecar: SidecarProcess;

  beforeAll(async () => {
    sidecar = await startSidecarProcess({ db: join(tmp.dir, 'sidecar.db') });
  });

  afterAll(async () => {
    await sidecar?.stop();
    tmp.remove();
  });

  it('counts, retries, runs the child, suspends, resumes, takes the event, completes and purges', async () => {
    const state = container.resolve(HelloState);
    const runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ port: sidecar.port }),
      workflows: helloWorkflows,
      activities: helloActivities,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    await runtime.start();
    const client = runtime.client;
    const instanceId = 'exampleInstanceID';
    try {
      await client.scheduleNewWorkflow('hello_world_wf', 'Hi Counter!', { instanceId });
      const started = await client.waitForWorkflowStart(instanceId);
      expect(started.status).not.toBe(WorkflowStatus.PENDING);

      await until(() => state.childString.length >= 9);
      expect(state.counter).toBe(11);
      expect(state.retryCount).toBe(2);
      expect(state.childString).toBe('1aa2bb3cc');

      await client.suspendWorkflow(instanceId);
      await until(
        async () => (await client.getWorkflowState(instanceId))?.status === WorkflowStatus.SUSPENDED,
      );
      await client.resumeWorkflow(instanceId);
      await until(async () => (await client.getWorkflowState(instanceId))?.status === WorkflowStatus.RUNNING);

      await client.raiseEvent(instanceId, 'event1', 'eventData');
      const done = await client.waitForWorkflowCompletion(instanceId, { timeoutMs: 30_000 });
      expect(done.status).toBe(WorkflowStatus.COMPLETED);
      expect(done.output).toBe('Completed');
      expect(state.counter).toBe(1111);

      const history = await client.getWorkflowHistory(instanceId);
      expect(history.find((e) => e.type === 'ExecutionStarted')).toMatchObject({ name: 'hello_world_wf' });
      expect(history.some((e) => e.type === 'ChildWorkflowInstanceCreated')).toBe(true);
      expect(history.filter((e) => e.type === 'TaskFailed')).toHaveLength(1);

      expect(await client.purgeWorkflow(instanceId)).toBe(true);
      expect(await client.getWorkflowState(instanceId)).toBeUndefined();
    } finally {
      await runtime.stop();
    }
  });
});

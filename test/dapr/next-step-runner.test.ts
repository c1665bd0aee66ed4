import type {
  ActivityWorkItem,
  WorkflowStepResult,
  WorkflowWorkItem,
  WorkItemProcessor,
} from '../../src/core';
import { NextStepRunner } from '../../src/backends/dapr/client/next-step-runner';
import type { WireWorkflowResponse } from '../../src/backends/dapr/protocol/wire-types';

/**
 * A processor whose workflow steps finish when the test says (so steps can arrive while one runs), each
 * scheduling one activity; records the executions dropped.
 */
function heldProcessor() {
  const abandoned: string[] = [];
  let finish: () => void = () => {};
  let started: () => void = () => {};
  const running = () =>
    new Promise<void>((resolve) => {
      started = resolve;
    });
  let stepStarted = running();
  const processor: WorkItemProcessor = {
    processWorkflow: async (_item: WorkflowWorkItem): Promise<WorkflowStepResult> => {
      const done = new Promise<void>((resolve) => {
        finish = resolve;
      });
      started();
      await done;
      return {
        actions: [{ type: 'ScheduleTask', id: 1, name: 'next', taskExecutionId: 'x-1', attempt: 1 }],
      };
    },
    processActivity: async () => ({ result: undefined }),
    abandonWorkflow: (instanceId: string) => {
      abandoned.push(instanceId);
    },
  };
  return {
    processor,
    abandoned,
    /** Resolves once a step started; the next call waits for the next step. */
    async whenStepStarted(): Promise<void> {
      await stepStarted;
      stepStarted = running();
    },
    finishStep: () => finish(),
  };
}

const activity = (instanceId: string): ActivityWorkItem => ({
  instanceId,
  taskId: 0,
  name: 'act',
  input: undefined,
  attempt: 1,
});
const toResponse = (): WireWorkflowResponse => ({ actions: [] });

/** Runs a step the sidecar sent for `instanceId` (so the runner knows the execution the worker holds). */
async function sidecarStep(
  runner: NextStepRunner,
  held: ReturnType<typeof heldProcessor>,
  instanceId: string,
): Promise<void> {
  runner.stepQueued(instanceId);
  runner.beforeStep(instanceId, 0, true);
  const step = held.processor.processWorkflow({
    instanceId,
    pastEventCount: 0,
    newEvents: [],
    loadPastEvents: async () => [],
  });
  await held.whenStepStarted();
  held.finishStep();
  runner.afterStep(instanceId, 0, 2, await step);
}

/**
 * The worker's half of the fused step over the sidecar: which steps that arrive while a next step runs cancel
 * its offer.
 */
describe('NextStepRunner', () => {
  it('offers the next step when a step of another instance arrives while it runs', async () => {
    const held = heldProcessor();
    const runner = new NextStepRunner(held.processor);
    runner.enabled = true;
    await sidecarStep(runner, held, 'a');
    const offer = runner.run(activity('a'), '1', toResponse);
    await held.whenStepStarted();
    // Another instance's step arrives (queued) while a's next step runs.
    runner.stepQueued('b');
    held.finishStep();
    const offered = await offer;
    expect(offered?.pastEventCount).toBe(3);
    expect(held.abandoned).toEqual([]);
  });

  it('does not offer it, and drops the execution, when a step of the same instance arrives while it runs', async () => {
    const held = heldProcessor();
    const runner = new NextStepRunner(held.processor);
    runner.enabled = true;
    await sidecarStep(runner, held, 'a');
    const offer = runner.run(activity('a'), '1', toResponse);
    await held.whenStepStarted();
    runner.stepQueued('a');
    held.finishStep();
    expect(await offer).toBeUndefined();
    expect(held.abandoned).toEqual(['a']);
  });
});

import { DaprSidecarBackend, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';
import { resolveSidecarAddress } from '../../src/backends/dapr';
import { SidecarConnection } from '../../src/backends/dapr/client/sidecar-connection';
import {
  NEXT_STEP_FEATURE,
  SIDECAR_FEATURES_HEADER,
  STATEFUL_HISTORY_CAPABILITY,
} from '../../src/backends/dapr/protocol/capabilities';
import { fromTimestamp, toTimestamp } from '../../src/backends/dapr/convert/wire-values';
import type {
  WireNextStep,
  WireTaskCompletion,
  WireTaskCompletionResult,
  WireWorkItem,
} from '../../src/backends/dapr/protocol/wire-types';
import { useSidecarServer } from './support/in-process-sidecar';
import { itemQueue } from './support/item-queue';
import type { ItemQueue } from './support/item-queue';
import { threePlusOneRuntime } from './support/three-plus-one';

jest.setTimeout(60_000);

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/** Records every work item Weft's workers receive (their `GetWorkItems` streams); restore with `spy`. */
function recordWorkItems(): { received: WireWorkItem[]; spy: jest.SpyInstance } {
  const received: WireWorkItem[] = [];
  const open = SidecarConnection.prototype.openWorkItems;
  const spy = jest.spyOn(SidecarConnection.prototype, 'openWorkItems').mockImplementation(function (
    this: SidecarConnection,
    ...args
  ) {
    const stream = open.apply(this, args);
    stream.on('data', (item: WireWorkItem) => received.push(item));
    return stream;
  });
  return { received, spy };
}

/** Sends one completion on a CompleteTasks stream and waits for its answer. */
async function complete(
  connection: SidecarConnection,
  completion: WireTaskCompletion,
): Promise<WireTaskCompletionResult> {
  const stream = connection.openCompletions();
  const answer = new Promise<WireTaskCompletionResult>((resolve, reject) => {
    stream.once('data', resolve);
    stream.once('error', reject);
  });
  stream.write(connection.encodeCompletion(completion));
  const result = await answer;
  stream.end();
  return result;
}

/**
 * The fused step over the sidecar (Weft extension `TaskCompletion.nextStep`): a worker that ran the workflow's
 * next step at once on an activity's outcome sends it with the outcome, and `weft sidecar` commits both
 * together when that is exactly the step it would send; otherwise it sends its own step.
 */
describe('weft sidecar: next step with the activity outcome', () => {
  const server = useSidecarServer('weft-next-step-');
  const connect = () => new SidecarConnection(resolveSidecarAddress({ port: server.port }, {}));

  /** Starts an instance by hand and answers its first step with one ScheduleTask; returns the activity item. */
  async function firstStep(
    connection: SidecarConnection,
    worker: ItemQueue,
    instanceId: string,
  ): Promise<WireWorkItem> {
    await connection.call('StartInstance', { instanceId, name: 'by_hand', input: { value: '1' } });
    const step = await worker.next();
    expect(step.workflowRequest?.newEvents).toHaveLength(2);
    const answer = await complete(connection, {
      sequence: 1,
      workflowResponse: {
        instanceId,
        actions: [{ id: 0, scheduleTask: { name: 'act', input: { value: '1' } } }],
        completionToken: step.completionToken,
      },
    });
    expect(answer.code).toBe(0);
    const activity = await worker.next();
    expect(activity.activityRequest?.taskId).toBe(0);
    return activity;
  }

  /** The step that finishes the workflow with "done", offered on the outcome of task 0 after 3 events. */
  const finishing = (pastEventCount: number, startedAt: number): WireNextStep => ({
    pastEventCount,
    startedAt: toTimestamp(startedAt),
    response: {
      actions: [{ id: -1, completeWorkflow: { workflowStatus: 1, result: { value: '"done"' } } }],
    },
  });

  it('says it takes next steps, and commits one with the outcome, stamped with the time the worker gave', async () => {
    const connection = connect();
    const worker = itemQueue(connection, [STATEFUL_HISTORY_CAPABILITY]);
    try {
      const headers = await worker.headers;
      expect(headers.get(SIDECAR_FEATURES_HEADER).map(String)).toContain(NEXT_STEP_FEATURE);
      const activity = await firstStep(connection, worker, 'offered-1');
      const startedAt = Date.now();
      const answer = await complete(connection, {
        sequence: 2,
        activityResponse: {
          instanceId: 'offered-1',
          taskId: 0,
          result: { value: '2' },
          completionToken: activity.completionToken,
        },
        // The first step's history: WorkflowStarted, ExecutionStarted, TaskScheduled.
        nextStep: finishing(3, startedAt),
      });
      expect(answer.code).toBe(0);
      // Nobody answers a step sent now: the instance completes only if the offered step was taken.
      const done = await connection.call('WaitForInstanceCompletion', {
        instanceId: 'offered-1',
        getInputsAndOutputs: true,
      });
      expect(done.workflowState?.output?.value).toBe('"done"');
      const { events = [] } = await connection.call('GetInstanceHistory', { instanceId: 'offered-1' });
      const kinds = events.map((e) => e.eventType);
      expect(kinds).toEqual([
        'workflowStarted',
        'executionStarted',
        'taskScheduled',
        'workflowStarted',
        'taskCompleted',
        'executionCompleted',
      ]);
      expect(fromTimestamp(events[3].timestamp)).toBe(startedAt);
      expect(fromTimestamp(events[4].timestamp)).toBe(startedAt);
      expect(events[4].taskCompleted?.result?.value).toBe('2');
    } finally {
      worker.close();
      connection.close();
    }
  });

  it('sends its own step, with the whole history, when the offered one ran after another history', async () => {
    const connection = connect();
    const worker = itemQueue(connection, [STATEFUL_HISTORY_CAPABILITY]);
    try {
      const activity = await firstStep(connection, worker, 'offered-2');
      const answer = await complete(connection, {
        sequence: 2,
        activityResponse: {
          instanceId: 'offered-2',
          taskId: 0,
          result: { value: '2' },
          completionToken: activity.completionToken,
        },
        nextStep: finishing(2, Date.now()),
      });
      expect(answer.code).toBe(0);
      const step = await worker.next();
      const request = step.workflowRequest ?? {};
      // The worker's execution went past the history: it gets the whole history to replay from.
      expect(request.cachedHistory).toBeUndefined();
      expect(request.pastEvents).toHaveLength(3);
      expect((request.newEvents ?? []).map((e) => e.eventType)).toEqual(['workflowStarted', 'taskCompleted']);
      await complete(connection, {
        sequence: 3,
        workflowResponse: {
          instanceId: 'offered-2',
          actions: [{ id: -1, completeWorkflow: { workflowStatus: 1, result: { value: '"own"' } } }],
          completionToken: step.completionToken,
        },
      });
      const done = await connection.call('WaitForInstanceCompletion', {
        instanceId: 'offered-2',
        getInputsAndOutputs: true,
      });
      expect(done.workflowState?.output?.value).toBe('"own"');
    } finally {
      worker.close();
      connection.close();
    }
  });

  it("Weft's worker gets only the first step of three sequential activities; the history is the usual one", async () => {
    const { received, spy } = recordWorkItems();
    const runtime = threePlusOneRuntime(server.port);
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow('three_plus_one', 1);
      const state = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
      expect(state.status).toBe(WorkflowStatus.COMPLETED);
      expect(state.output).toBe(4);
      expect(received.filter((i) => i.workflowRequest)).toHaveLength(1);
      expect(received.filter((i) => i.activityRequest)).toHaveLength(3);
      const history = await runtime.client.getWorkflowHistory(id);
      expect(history.map((e) => e.type)).toEqual([
        'WorkflowStarted',
        'ExecutionStarted',
        'TaskScheduled',
        ...['WorkflowStarted', 'TaskCompleted', 'TaskScheduled'],
        ...['WorkflowStarted', 'TaskCompleted', 'TaskScheduled'],
        ...['WorkflowStarted', 'TaskCompleted', 'ExecutionCompleted'],
      ]);
    } finally {
      await runtime.stop();
      spy.mockRestore();
    }
  });

  it("Weft's worker replays when its offered step is not taken (the workflow was suspended meanwhile)", async () => {
    const { received, spy } = recordWorkItems();
    const runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ port: server.port, logger: silent }),
      workflows: [],
      activities: [],
      logger: silent,
    });
    // The activity suspends its own workflow: the step the worker runs on its outcome cannot be committed.
    let suspended!: () => void;
    const wasSuspended = new Promise<void>((resolve) => (suspended = resolve));
    runtime.registerActivity(async (ctx: ActivityContext, n: number) => {
      if (n === 1) {
        await runtime.client.suspendWorkflow(ctx.instanceId);
        suspended();
      }
      return n + 1;
    }, 'suspend_then_add');
    runtime.registerWorkflow(async (ctx: WorkflowContext, n: number) => {
      const a = await ctx.callActivity<number>('suspend_then_add', n);
      const b = await ctx.callActivity<number>('suspend_then_add', a);
      return ctx.callActivity<number>('suspend_then_add', b);
    }, 'suspending');
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow('suspending', 1);
      await wasSuspended;
      await runtime.client.resumeWorkflow(id);
      const state = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
      expect(state.status).toBe(WorkflowStatus.COMPLETED);
      expect(state.output).toBe(4);
      // The first step, and the sidecar's own step after the resume; the rest went with the outcomes.
      expect(received.filter((i) => i.workflowRequest).length).toBeGreaterThanOrEqual(2);
      const history = await runtime.client.getWorkflowHistory(id);
      expect(history.filter((e) => e.type === 'TaskScheduled')).toHaveLength(3);
      expect(history.filter((e) => e.type === 'TaskCompleted')).toHaveLength(3);
    } finally {
      await runtime.stop();
      spy.mockRestore();
    }
  });

  it("Weft's worker drops an execution two overlapping steps of one instance left (fan-out, 2 activity slots)", async () => {
    // Two activities finish together: the sidecar's engine sends the fused step of one and a step for the
    // other's outcome at once; only one commits, and the worker must not keep the other's execution (a
    // reproduction hung here: the workflow never saw one of its results).
    const runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ port: server.port, logger: silent }),
      workflows: [],
      activities: [],
      maxConcurrentActivities: 2,
      logger: silent,
    });
    let running = 0;
    let bothRunning: () => void = () => {};
    let gate = Promise.resolve();
    runtime.registerActivity(async (_ctx: ActivityContext, n: number) => {
      running += 1;
      if (running === 2) bothRunning();
      await gate;
      running -= 1;
      return n;
    }, 'gated_leaf');
    runtime.registerWorkflow(async (ctx: WorkflowContext, count: number) => {
      const parts = await ctx.whenAll(
        Array.from({ length: count }, (_, i) => ctx.callActivity<number>('gated_leaf', i)),
      );
      return parts.reduce((a, b) => a + b, 0);
    }, 'gated_fan_out');
    await runtime.start();
    try {
      for (let round = 0; round < 15; round++) {
        let open: () => void = () => {};
        gate = new Promise<void>((resolve) => (open = resolve));
        const twoRunning = new Promise<void>((resolve) => (bothRunning = resolve));
        const id = await runtime.client.scheduleNewWorkflow('gated_fan_out', 12);
        await twoRunning;
        open();
        const state = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 20_000 });
        expect([state.status, state.output]).toEqual([WorkflowStatus.COMPLETED, 66]);
      }
    } finally {
      await runtime.stop();
    }
  });
});

import { DaprSidecarBackend, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';
import { resolveSidecarAddress } from '../../src/backends/dapr';
import { SidecarConnection } from '../../src/backends/dapr/client/sidecar-connection';
import { STATEFUL_HISTORY_CAPABILITY } from '../../src/backends/dapr/protocol/capabilities';
import type { WireWorkItem } from '../../src/backends/dapr/protocol/wire-types';
import { itemQueue } from './support/item-queue';
import { useSidecarServer } from './support/in-process-sidecar';

jest.setTimeout(60_000);

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * WORKER_CAPABILITY_STATEFUL_HISTORY, as durabletask-go's stateful-history streams (backend/executor_stateful.go):
 * a worker that advertises it gets each step's history as a delta after the events it was sent before
 * (`cachedHistory.eventCount`); official SDKs, which advertise nothing, still get the whole history.
 *
 * The reference (durabletask-go v0.14.0 at /tmp/durabletask-go-sidecar, driven by hand the way `runByHand` does,
 * 2026-11-30) answered the same: with the capability, steps 1–3 carried 0, 3 and 3 past events, the third with
 * `cachedHistory: { eventCount: 3 }` (history 9 events); without it, 0, 3 and 6 past events and no cachedHistory.
 */
describe('weft sidecar: stateful history', () => {
  const server = useSidecarServer('weft-stateful-history-');

  /** Drives one instance of "two sequential activities" by hand; returns each workflow item it got. */
  async function runByHand(capabilities: number[], instanceId: string): Promise<WireWorkItem[]> {
    const connection = new SidecarConnection(resolveSidecarAddress({ port: server.port }, {}));
    const queue = itemQueue(connection, capabilities);
    try {
      await connection.call('StartInstance', { instanceId, name: 'by_hand', input: { value: '1' } });
      const steps: WireWorkItem[] = [];
      for (let step = 0; ; step++) {
        const item = await queue.next();
        if (item.activityRequest) {
          await connection.call('CompleteActivityTask', {
            instanceId,
            taskId: item.activityRequest.taskId,
            result: { value: String(step) },
            completionToken: item.completionToken,
          });
          continue;
        }
        steps.push(item);
        const actions =
          steps.length < 3
            ? [{ id: steps.length - 1, scheduleTask: { name: 'act', input: { value: '0' } } }]
            : [{ id: -1, completeWorkflow: { workflowStatus: 1, result: { value: '"done"' } } }];
        await connection.call('CompleteWorkflowTask', {
          instanceId,
          actions,
          completionToken: item.completionToken,
        });
        if (steps.length === 3) return steps;
      }
    } finally {
      queue.close();
      connection.close();
    }
  }

  it('sends a stateful worker only the events after those it was sent before, saying how many', async () => {
    const steps = await runByHand([STATEFUL_HISTORY_CAPABILITY], 'stateful-1');
    const connection = new SidecarConnection(resolveSidecarAddress({ port: server.port }, {}));
    const { events = [] } = await connection.call('GetInstanceHistory', { instanceId: 'stateful-1' });
    connection.close();
    const [first, second, third] = steps.map((s) => s.workflowRequest ?? {});
    // First and second steps: nothing was sent before the first; the second gets everything.
    expect(first.cachedHistory).toBeUndefined();
    expect(first.pastEvents ?? []).toHaveLength(0);
    expect(second.cachedHistory).toBeUndefined();
    const secondPast = second.pastEvents ?? [];
    expect(secondPast.length).toBeGreaterThan(0);
    // Third: the events of the second step's history are left out, the rest is the stored history's next part.
    expect(third.cachedHistory?.eventCount).toBe(secondPast.length);
    const thirdPast = third.pastEvents ?? [];
    expect(thirdPast.length).toBeGreaterThan(0);
    expect(thirdPast).toEqual(events.slice(secondPast.length, secondPast.length + thirdPast.length));
  });

  it('sends a worker without the capability (the official SDKs) the whole history every step', async () => {
    const steps = await runByHand([], 'stateless-1');
    const third = steps[2].workflowRequest ?? {};
    expect(third.cachedHistory).toBeUndefined();
    const second = steps[1].workflowRequest ?? {};
    expect((third.pastEvents ?? []).slice(0, (second.pastEvents ?? []).length)).toEqual(second.pastEvents);
  });

  it("Weft's worker that no longer holds an instance reads the left-out history back (GetInstanceHistory)", async () => {
    // No execution cache: every step of the stateful worker misses and replays from the history it rebuilds.
    const runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ port: server.port, logger: silent }),
      workflows: [],
      activities: [],
      logger: silent,
      executionCacheSize: 0,
    });
    runtime.registerActivity(async (_ctx: ActivityContext, n: number) => n * 2, 'double');
    runtime.registerWorkflow(async (ctx: WorkflowContext, n: number) => {
      let value = n;
      for (let i = 0; i < 4; i++) value = await ctx.callActivity<number>('double', value);
      return value;
    }, 'four_doubles');
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow('four_doubles', 3);
      const state = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
      expect(state.status).toBe(WorkflowStatus.COMPLETED);
      expect(state.output).toBe(48);
    } finally {
      await runtime.stop();
    }
  });
});

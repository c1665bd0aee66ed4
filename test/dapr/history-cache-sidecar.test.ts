import { resolveSidecarAddress } from '../../src/backends/dapr';
import { SidecarConnection } from '../../src/backends/dapr/client/sidecar-connection';
import { itemQueue } from './support/item-queue';
import { useSidecarServer } from './support/in-process-sidecar';

jest.setTimeout(60_000);

/**
 * The sidecar's history cache seen from a worker (issue 10): every step's `pastEvents` is exactly the
 * instance's committed history (what `GetInstanceHistory` reads from the file at that moment), whether the
 * sidecar read it whole or only the events committed since the previous step, through a continue-as-new
 * (a new history of the same instance) and a worker that disconnects with a step in flight.
 */
describe('weft sidecar: history cache', () => {
  const server = useSidecarServer('weft-history-cache-');

  it("sends each step the committed history, across steps, a continue-as-new and a worker's reconnect", async () => {
    const instanceId = 'cached-history-1';
    const connection = new SidecarConnection(resolveSidecarAddress({ port: server.port }, {}));
    let queue = itemQueue(connection);
    const pastLengths: number[] = [];
    let dropped = false;
    try {
      await connection.call('StartInstance', { instanceId, name: 'by_hand', input: { value: '0' } });
      for (let steps = 0; ;) {
        const item = await queue.next();
        if (item.activityRequest) {
          await connection.call('CompleteActivityTask', {
            instanceId,
            taskId: item.activityRequest.taskId,
            result: { value: '1' },
            completionToken: item.completionToken,
          });
          continue;
        }
        const past = item.workflowRequest?.pastEvents ?? [];
        const { events = [] } = await connection.call('GetInstanceHistory', { instanceId });
        expect(past).toEqual(events);
        if (steps === 2 && !dropped) {
          // Disconnect with the step in flight: it is abandoned and comes again on the next stream.
          dropped = true;
          queue.close();
          queue = itemQueue(connection);
          continue;
        }
        pastLengths.push(past.length);
        steps += 1;
        // Execution 1: three activities, then continue-as-new; execution 2: three activities, then done.
        const execution = pastLengths.length <= 4 ? 1 : 2;
        const inExecution = execution === 1 ? steps : steps - 4;
        let action: Record<string, unknown>;
        if (inExecution <= 3) action = { id: inExecution - 1, scheduleTask: { name: 'act' } };
        else if (execution === 1)
          action = { id: -1, completeWorkflow: { workflowStatus: 2, result: { value: '1' } } };
        else action = { id: -1, completeWorkflow: { workflowStatus: 1, result: { value: '"done"' } } };
        await connection.call('CompleteWorkflowTask', {
          instanceId,
          actions: [action],
          completionToken: item.completionToken,
        });
        if (execution === 2 && inExecution === 4) break;
      }
    } finally {
      queue.close();
      connection.close();
    }
    expect(dropped).toBe(true);
    // Each execution's history grows step by step, and the second starts again from nothing.
    expect(pastLengths[0]).toBe(0);
    expect(pastLengths[4]).toBe(0);
    for (const i of [1, 2, 3, 5, 6, 7]) expect(pastLengths[i]).toBeGreaterThan(pastLengths[i - 1]);
  });
});

import { WorkflowStatus } from 'weft-workflows';
import { resolveSidecarAddress } from '../../src/backends/dapr';
import { SidecarConnection } from '../../src/backends/dapr/client/sidecar-connection';
import { GrpcStatus } from '../../src/backends/dapr/grpc-status';
import type {
  WireTaskCompletion,
  WireTaskCompletionResult,
} from '../../src/backends/dapr/protocol/wire-types';
import { useSidecarServer } from './support/in-process-sidecar';
import { itemQueue } from './support/item-queue';
import { threePlusOneRuntime } from './support/three-plus-one';

jest.setTimeout(60_000);

/** Sends completions on one CompleteTasks stream and collects the answers until `count` arrived. */
async function exchange(
  connection: SidecarConnection,
  completions: WireTaskCompletion[],
): Promise<{ results: WireTaskCompletionResult[]; error?: { code: number; details: string } }> {
  const stream = connection.openCompletions();
  const results: WireTaskCompletionResult[] = [];
  return new Promise((resolve) => {
    stream.on('data', (result: WireTaskCompletionResult) => {
      results.push(result);
      if (results.length === completions.length) {
        stream.end();
        resolve({ results });
      }
    });
    stream.on('error', (error: { code: number; details: string }) => resolve({ results, error }));
    for (const completion of completions) stream.write(connection.encodeCompletion(completion));
  });
}

/**
 * The CompleteTasks stream (Weft extension): a worker's completions as messages of one stream, each answered
 * with the status its call (CompleteWorkflowTask, CompleteActivityTask) would have ended with.
 */
describe('weft sidecar: CompleteTasks', () => {
  const server = useSidecarServer('weft-complete-tasks-', { apiToken: 'secret' });

  const connect = (apiToken?: string) =>
    new SidecarConnection(resolveSidecarAddress({ port: server.port, apiToken }, {}));

  it('answers each completion by its sequence number with the status its call would have', async () => {
    const connection = connect('secret');
    try {
      const { results, error } = await exchange(connection, [
        { sequence: 7, workflowResponse: { instanceId: 'nobody', completionToken: 'no-such-token' } },
        { sequence: 8, activityResponse: { instanceId: 'nobody', taskId: 3 } },
        { sequence: 9 },
        { sequence: 10, workflowResponse: { instanceId: 'x'.repeat(5000) } },
      ]);
      expect(error).toBeUndefined();
      expect(results.map((r) => [Number(r.sequence), r.code])).toEqual([
        [7, GrpcStatus.FAILED_PRECONDITION],
        [8, GrpcStatus.FAILED_PRECONDITION],
        [9, GrpcStatus.INVALID_ARGUMENT],
        [10, GrpcStatus.INVALID_ARGUMENT],
      ]);
      expect(results[0].message).toMatch(/No workflow step with completion token 'no-such-token'/);
      expect(results[1].message).toMatch(/No activity of instance 'nobody' with task id 3/);
      expect(results[2].errorCode).toBe('VALIDATION');
      expect(results[3].message).toMatch(/instanceId has 5000 characters/);
    } finally {
      connection.close();
    }
  });

  it('refuses a stream without the API token', async () => {
    const connection = connect();
    try {
      const { error } = await exchange(connection, [{ sequence: 1, activityResponse: { instanceId: 'a' } }]);
      expect(error?.code).toBe(GrpcStatus.UNAUTHENTICATED);
    } finally {
      connection.close();
    }
  });

  it("carries every completion of Weft's worker: no Complete call is made", async () => {
    // Every unary call of Weft's client and worker, by method name.
    const calls: string[] = [];
    const original = SidecarConnection.prototype.call;
    const spy = jest.spyOn(SidecarConnection.prototype, 'call').mockImplementation(function (
      this: SidecarConnection,
      ...args: Parameters<SidecarConnection['call']>
    ) {
      calls.push(args[0]);
      return original.apply(this, args);
    });
    const runtime = threePlusOneRuntime(server.port, 'secret');
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow('three_plus_one', 1);
      const state = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
      expect(state.status).toBe(WorkflowStatus.COMPLETED);
      expect(state.output).toBe(4);
      expect(calls).toContain('StartInstance');
      expect(calls.filter((c) => c.startsWith('Complete'))).toEqual([]);
    } finally {
      await runtime.stop();
      spy.mockRestore();
    }
  });

  it('answers taken completions that may wait (deferAnswer) together, and a refused one at once', async () => {
    const connection = connect('secret');
    const queue = itemQueue(connection);
    const stream = connection.openCompletions();
    const results: WireTaskCompletionResult[] = [];
    let resultArrived: () => void = () => {};
    stream.on('data', (result: WireTaskCompletionResult) => {
      results.push(result);
      resultArrived();
    });
    const nextResult = () =>
      new Promise<void>((resolve) => {
        resultArrived = resolve;
      });
    try {
      const tokens: string[] = [];
      for (const instanceId of ['deferred-1', 'deferred-2']) {
        await connection.call('StartInstance', { instanceId, name: 'by_hand' });
        tokens.push((await queue.next()).completionToken ?? '');
      }
      // A refused completion is answered at once, on its own, even while taken ones wait.
      let arrived = nextResult();
      stream.write(
        connection.encodeCompletion({
          sequence: 1,
          deferAnswer: true,
          workflowResponse: { instanceId: 'nobody', completionToken: 'no-such-token' },
        }),
      );
      for (const [i, instanceId] of ['deferred-1', 'deferred-2'].entries()) {
        stream.write(
          connection.encodeCompletion({
            sequence: 2 + i,
            deferAnswer: true,
            workflowResponse: {
              instanceId,
              actions: [{ id: -1, completeWorkflow: { workflowStatus: 1 } }],
              completionToken: tokens[i],
            },
          }),
        );
      }
      await arrived;
      expect([Number(results[0].sequence), results[0].code]).toEqual([1, GrpcStatus.FAILED_PRECONDITION]);
      while (results.length < 2) {
        arrived = nextResult();
        await arrived;
      }
      // Both taken completions in one answer.
      expect(results).toHaveLength(2);
      const taken = [Number(results[1].sequence), ...(results[1].alsoTaken ?? []).map(Number)];
      expect(results[1].code ?? 0).toBe(0);
      expect(taken.sort()).toEqual([2, 3]);
      for (const instanceId of ['deferred-1', 'deferred-2']) {
        const done = await connection.call('WaitForInstanceCompletion', { instanceId });
        expect(done.workflowState?.workflowStatus).toBe(1);
      }
    } finally {
      stream.end();
      queue.close();
      connection.close();
    }
  });
});

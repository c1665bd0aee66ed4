import type { ClientDuplexStream } from '@grpc/grpc-js';
import { WorkflowStatus } from 'weft-workflows';
import { resolveSidecarAddress } from '../../src/backends/dapr';
import { SidecarConnection } from '../../src/backends/dapr/client/sidecar-connection';
import { GrpcStatus } from '../../src/backends/dapr/grpc-status';
import type {
  WireTaskCompletionResult,
  WireWorkflowResponse,
} from '../../src/backends/dapr/protocol/wire-types';
import { useSidecarServer } from './support/in-process-sidecar';
import { itemQueue } from './support/item-queue';
import { threePlusOneRuntime } from './support/three-plus-one';

jest.setTimeout(60_000);

/** `WORKFLOW_RUNTIME_STATUS_COMPLETED` on the wire. */
const COMPLETED = 1;

/** Resolves when the stream has ended (a cancel ends it with an error on the client side). */
function whenClosed(stream: ClientDuplexStream<Buffer, WireTaskCompletionResult>): Promise<void> {
  return new Promise((resolve) => {
    stream.once('error', () => resolve());
    stream.once('end', () => resolve());
  });
}

/**
 * A `CompleteTasks` stream that breaks while the sidecar holds answers back (`deferAnswer`): the worker sends
 * what was not answered again as calls. The sidecar took those completions already; the calls are answered OK
 * and apply nothing a second time, and Weft's worker logs no warning.
 *
 * The sidecar holds answers for a minute here (in `weft sidecar`, 10 ms or until the next work item for the
 * worker), so each break below comes after the completions were taken and before their answers.
 */
describe('weft sidecar: a CompleteTasks stream that breaks while answers are held', () => {
  const server = useSidecarServer('weft-complete-tasks-break-', { deferAnswerMs: 60_000 });

  it('answers a taken completion sent again as a call OK, and applies it once', async () => {
    const connection = new SidecarConnection(resolveSidecarAddress({ port: server.port }, {}));
    const queue = itemQueue(connection);
    try {
      await connection.call('StartInstance', { instanceId: 'held-answer', name: 'by_hand' });
      const item = await queue.next();
      const response: WireWorkflowResponse = {
        instanceId: 'held-answer',
        actions: [{ id: -1, completeWorkflow: { workflowStatus: COMPLETED } }],
        completionToken: item.completionToken,
      };
      const stream = connection.openCompletions();
      const answers: WireTaskCompletionResult[] = [];
      stream.on('data', (result: WireTaskCompletionResult) => answers.push(result));
      const closed = whenClosed(stream);
      stream.write(
        connection.encodeCompletion({ sequence: 1, deferAnswer: true, workflowResponse: response }),
      );
      // Taken: the instance completed, and its answer is held.
      const done = await connection.call('WaitForInstanceCompletion', { instanceId: 'held-answer' });
      expect(done.workflowState?.workflowStatus).toBe(COMPLETED);
      // A real break: the client resets the stream (HTTP/2 RST_STREAM) before the answer came.
      stream.cancel();
      await closed;
      expect(answers).toEqual([]);

      // Sent again as a call, as Weft's worker does: already applied, so OK.
      await expect(connection.call('CompleteWorkflowTask', response)).resolves.toEqual({});
      const { events = [] } = await connection.call('GetInstanceHistory', { instanceId: 'held-answer' });
      expect(events.filter((e) => e.executionCompleted)).toHaveLength(1);

      // A completion taken by a call (as the official SDKs send them) sent again is still refused, as
      // durabletask-go refuses it.
      await connection.call('StartInstance', { instanceId: 'by-call', name: 'by_hand' });
      const second = await queue.next();
      const byCall = { ...response, instanceId: 'by-call', completionToken: second.completionToken };
      await connection.call('CompleteWorkflowTask', byCall);
      await expect(connection.call('CompleteWorkflowTask', byCall)).rejects.toMatchObject({
        code: GrpcStatus.FAILED_PRECONDITION,
      });
    } finally {
      queue.close();
      connection.close();
    }
  });

  it("Weft's worker resends the held completions, logs no warning, and the workflow's history is applied once", async () => {
    const warnings: string[] = [];
    const record = (...args: unknown[]) => warnings.push(args.map(String).join(' '));
    const logger = { debug() {}, info() {}, warn: record, error: record };
    const runtime = threePlusOneRuntime(server.port, undefined, logger);

    // The worker's CompleteTasks stream, and its completions sent again as calls.
    const streams: ClientDuplexStream<Buffer, WireTaskCompletionResult>[] = [];
    const openCompletions = SidecarConnection.prototype.openCompletions;
    const openSpy = jest.spyOn(SidecarConnection.prototype, 'openCompletions').mockImplementation(function (
      this: SidecarConnection,
    ) {
      const stream = openCompletions.call(this);
      streams.push(stream);
      stream.on('data', (result: WireTaskCompletionResult) => {
        answered += 1 + (result.alsoTaken?.length ?? 0);
      });
      return stream;
    });
    let streamed = 0;
    let answered = 0;
    const encodeCompletion = SidecarConnection.prototype.encodeCompletion;
    const encodeSpy = jest
      .spyOn(SidecarConnection.prototype, 'encodeCompletion')
      .mockImplementation(function (this: SidecarConnection, completion) {
        streamed += 1;
        return encodeCompletion.call(this, completion);
      });
    const resent: Promise<unknown>[] = [];
    /** How many completions the break left unanswered (known once it happened). */
    let unanswered = Infinity;
    let allResent: () => void = () => {};
    const everyResend = new Promise<void>((resolve) => {
      allResent = resolve;
    });
    const call = SidecarConnection.prototype.call;
    const callSpy = jest.spyOn(SidecarConnection.prototype, 'call').mockImplementation(function (
      this: SidecarConnection,
      ...args: Parameters<SidecarConnection['call']>
    ) {
      const result = call.apply(this, args);
      if (args[0].startsWith('Complete')) {
        resent.push(result);
        if (resent.length === unanswered) allResent();
      }
      return result;
    });
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow('three_plus_one', 1);
      const state = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
      expect(state.status).toBe(WorkflowStatus.COMPLETED);
      expect(state.output).toBe(4);
      // Every completion went on the one stream. Answers go with the next work item on the connection, so
      // at least the last one (the step that completed the workflow, after which no item came) is held.
      expect(streams).toHaveLength(1);
      expect(streamed).toBeGreaterThanOrEqual(3);
      const closed = whenClosed(streams[0]);
      streams[0].cancel();
      await closed;
      unanswered = streamed - answered;
      expect(unanswered).toBeGreaterThanOrEqual(1);
      if (resent.length === unanswered) allResent();
      await everyResend;
      const outcomes = await Promise.allSettled(resent);
      expect(outcomes.map((o) => o.status)).toEqual(resent.map(() => 'fulfilled'));
      expect(warnings).toEqual([]);
      const history = await runtime.client.getWorkflowHistory(id);
      expect(history.filter((e) => e.type === 'TaskCompleted')).toHaveLength(3);
      expect(history.filter((e) => e.type === 'ExecutionCompleted')).toHaveLength(1);
    } finally {
      await runtime.stop();
      openSpy.mockRestore();
      encodeSpy.mockRestore();
      callSpy.mockRestore();
    }
  });

  // Last: it leaves its instance with an activity no worker of this file runs.
  it('sends a held answer with the next work item written on the same connection', async () => {
    const connection = new SidecarConnection(resolveSidecarAddress({ port: server.port }, {}));
    const queue = itemQueue(connection);
    const stream = connection.openCompletions();
    try {
      await connection.call('StartInstance', { instanceId: 'answer-rides', name: 'by_hand' });
      const step = await queue.next();
      const answered = new Promise<WireTaskCompletionResult>((resolve) => stream.once('data', resolve));
      stream.write(
        connection.encodeCompletion({
          sequence: 4,
          deferAnswer: true,
          workflowResponse: {
            instanceId: 'answer-rides',
            actions: [{ id: 0, scheduleTask: { name: 'act' } }],
            completionToken: step.completionToken,
          },
        }),
      );
      // The step's activity is the next item on this connection; the answer held for a minute goes with it.
      const activity = await queue.next();
      expect(activity.activityRequest?.taskId).toBe(0);
      const answer = await answered;
      expect([Number(answer.sequence), answer.code ?? 0]).toEqual([4, 0]);
    } finally {
      stream.end();
      queue.close();
      connection.close();
    }
  }, 30_000);
});

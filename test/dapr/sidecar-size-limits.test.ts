import 'reflect-metadata';
import { join } from 'node:path';
import {
  Activity,
  ActivityBase,
  SqliteBackend,
  Workflow,
  WorkflowBase,
  WorkflowRuntime,
  WorkflowStatus,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';
import { DaprSidecarBackend, startSidecarServer } from '../../src/backends/dapr';
import type { SidecarServer } from '../../src/backends/dapr';
import { tempDir } from './support/sidecar-process';

jest.setTimeout(60_000);

const KIB = 1024;

@Activity({ name: 'size_blob' })
class Blob extends ActivityBase<number, string> {
  async run(_ctx: unknown, kib: number): Promise<string> {
    return 'b'.repeat(kib * KIB);
  }
}

@Activity({ name: 'size_echo_length' })
class EchoLength extends ActivityBase<string, number> {
  async run(_ctx: unknown, text: string): Promise<number> {
    return text.length;
  }
}

/** Collects 60 KiB results until its history is far over any small limit. */
@Workflow({ name: 'size_growing_history' })
class GrowingHistory extends WorkflowBase<void, number> {
  async run(ctx: WorkflowContext): Promise<number> {
    let total = 0;
    for (let i = 0; i < 20; i++) total += (await ctx.callActivity<string>(Blob, 60)).length;
    return total;
  }
}

/** One step that schedules three 100 KiB inputs: a ~300 KiB completion. */
@Workflow({ name: 'size_wide_step' })
class WideStep extends WorkflowBase<void, number[]> {
  async run(ctx: WorkflowContext): Promise<number[]> {
    const big = 'w'.repeat(100 * KIB);
    return ctx.whenAll([1, 2, 3].map(() => ctx.callActivity<number>(EchoLength, big)));
  }
}

/** An activity result of 300 KiB: under the 2 MiB payload limit, over the sidecar's receive limit here. */
@Workflow({ name: 'size_big_result' })
class BigResult extends WorkflowBase<void, number> {
  async run(ctx: WorkflowContext): Promise<number> {
    return (await ctx.callActivity<string>(Blob, 300)).length;
  }
}

/**
 * Items 7 of "Long-lived workflows" through `weft sidecar`: a message over a gRPC limit, in either direction
 * of the stream, ends the instance FAILED with a reason naming the size and the limit, instead of the loop
 * reported (dapr/dapr#7218-style RESOURCE_EXHAUSTED: the item was re-sent on every reconnect and the
 * instance stayed RUNNING). Real gRPC on 127.0.0.1, real SQLite file, Weft's worker on DaprSidecarBackend.
 *
 * The reference (durabletask-go, read at /tmp/durabletask-go-sidecar: `backend/executor.go`) serves with
 * `grpc.NewServer()` defaults (4 MiB received, no send limit) and, when `stream.Send` of a work item fails,
 * tears the stream down and re-dispatches its pending items to the next stream: the same item again, so a
 * worker that cannot receive it loops. Weft measures the item before writing it instead.
 */
describe('weft sidecar: messages over the gRPC limits end the instance with a reason', () => {
  const tmp = tempDir('weft-size-limits-');
  let server: SidecarServer;
  let runtime: WorkflowRuntime;
  const warnings: string[] = [];
  const logger = {
    debug: () => {},
    info: () => {},
    warn: (m: string) => warnings.push(m),
    error: (m: string) => warnings.push(m),
  };

  beforeAll(async () => {
    server = await startSidecarServer({
      backend: new SqliteBackend({ path: join(tmp.dir, 'sidecar.db'), logger }),
      port: 0,
      sendMessageBytes: 256 * KIB,
      receiveMessageBytes: 256 * KIB,
      logger,
    });
    runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ host: '127.0.0.1', port: server.port, logger }),
      workflows: [GrowingHistory, WideStep, BigResult],
      activities: [Blob, EchoLength],
      logger,
    });
    await runtime.start();
  });

  afterAll(async () => {
    await runtime?.stop();
    await server?.stop();
    tmp.remove();
  });

  it('fails an instance whose work item (its history) is over the send limit, without re-sending it', async () => {
    const id = await runtime.client.scheduleNewWorkflow(GrowingHistory);
    const state = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
    expect(state.status).toBe(WorkflowStatus.FAILED);
    expect(state.failureDetails?.errorType).toBe('SizeLimitExceededError');
    expect(state.failureDetails?.message).toMatch(
      new RegExp(
        `The workflow work item of '${id}' \\(a history of \\d+ events\\) is \\d+ bytes, over the limit of 262144 bytes`,
      ),
    );
    // The stream never broke: the item was refused before it was written.
    expect(warnings.filter((w) => /work item stream failed|RESOURCE_EXHAUSTED/.test(w))).toEqual([]);
  });

  it("fails the instance when a worker's step completion is over the sidecar's receive limit", async () => {
    const id = await runtime.client.scheduleNewWorkflow(WideStep);
    const state = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
    expect(state.status).toBe(WorkflowStatus.FAILED);
    expect(state.failureDetails?.errorType).toBe('SizeLimitExceededError');
    expect(state.failureDetails?.message).toMatch(
      /The completion of a step of .* \(3 actions, \d+ bytes as JSON\) is over a message limit/,
    );
    expect(state.failureDetails?.message).toMatch(/larger than max \(\d+ vs\.? 262144\)/);
  });

  it("fails the activity (and so the instance) when its result is over the sidecar's receive limit", async () => {
    const id = await runtime.client.scheduleNewWorkflow(BigResult);
    const state = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
    expect(state.status).toBe(WorkflowStatus.FAILED);
    expect(state.failureDetails?.message).toMatch(
      /The result of activity 'size_blob' .* is \d+ bytes of JSON, over a message limit/,
    );
  });
});

describe('weft sidecar: a history over maxHistoryBytes ends the instance with a reason', () => {
  const tmp = tempDir('weft-history-limit-');
  let server: SidecarServer;
  let runtime: WorkflowRuntime;
  const warnings: string[] = [];
  const logger = {
    debug: () => {},
    info: () => {},
    warn: (m: string) => warnings.push(m),
    error: (m: string) => warnings.push(m),
  };

  beforeAll(async () => {
    server = await startSidecarServer({
      backend: new SqliteBackend({ path: join(tmp.dir, 'sidecar.db'), maxHistoryBytes: 128 * KIB, logger }),
      port: 0,
      logger,
    });
    runtime = new WorkflowRuntime({
      backend: new DaprSidecarBackend({ host: '127.0.0.1', port: server.port, logger }),
      workflows: [GrowingHistory],
      activities: [Blob],
      logger,
    });
    await runtime.start();
  });

  afterAll(async () => {
    await runtime?.stop();
    await server?.stop();
    tmp.remove();
  });

  it('fails the instance at the step that would pass the limit, and the worker takes no more of it', async () => {
    const id = await runtime.client.scheduleNewWorkflow(GrowingHistory);
    const state = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
    expect(state.status).toBe(WorkflowStatus.FAILED);
    expect(state.failureDetails?.errorType).toBe('SizeLimitExceededError');
    expect(state.failureDetails?.message).toMatch(/over the limit of 131072 bytes \(maxHistoryBytes/);
    const history = await runtime.client.getWorkflowHistory(id);
    // 60 KiB results: the step consuming the third passes 128 KiB. It records what it consumed and ends
    // the instance; the fourth activity it asked for is not scheduled.
    expect(history.filter((e) => e.type === 'TaskCompleted')).toHaveLength(3);
    expect(history.filter((e) => e.type === 'TaskScheduled')).toHaveLength(3);
    expect(history[history.length - 1]?.type).toBe('ExecutionCompleted');
    expect(warnings.filter((w) => /work item stream failed|RESOURCE_EXHAUSTED/.test(w))).toEqual([]);
  });
});

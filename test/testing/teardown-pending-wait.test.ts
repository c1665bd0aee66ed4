import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  SqliteBackend,
  StorageError,
  Workflow,
  WorkflowBase,
  WorkflowRuntime,
  WorkflowTestEnvironment,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

@Workflow({ name: 'waits_for_approval' })
class WaitsForApproval extends WorkflowBase<void, string> {
  async run(ctx: WorkflowContext): Promise<string> {
    return ctx.waitForExternalEvent<string>('approval');
  }
}

/** What a promise settled with (rejections as their error), without an unhandled rejection meanwhile. */
function settled<T>(promise: Promise<T>): Promise<T | unknown> {
  return promise.then(
    (value) => value,
    (err: unknown) => err,
  );
}

/**
 * Closing a backend ends the completion waits still pending on it with a StorageError that says so. Before,
 * the wait read a closed database: it answered WorkflowNotFoundError ("no instance with id … exists") for an
 * instance that did exist, and on a file its poll timer lived on after the close.
 */
describe('closing with a completion wait pending', () => {
  it('the test environment’s teardown ends the wait with StorageError naming the instance', async () => {
    const env = await WorkflowTestEnvironment.create({ workflows: [WaitsForApproval] });
    const id = await env.client.scheduleNewWorkflow(WaitsForApproval);
    await env.client.waitForWorkflowStart(id);
    const outcome = settled(env.client.waitForWorkflowCompletion(id));
    await env.teardown();
    const err = await outcome;
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toContain(`closed while waiting for workflow instance '${id}'`);
  });

  it('a runtime on a file stopped under a wait ends it the same way', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weft-close-wait-'));
    try {
      const runtime = new WorkflowRuntime({
        backend: new SqliteBackend({ path: join(dir, 'weft.db') }),
        workflows: [WaitsForApproval],
        activities: [],
      });
      await runtime.start();
      const id = await runtime.client.scheduleNewWorkflow(WaitsForApproval);
      await runtime.client.waitForWorkflowStart(id);
      const outcome = settled(runtime.client.waitForWorkflowCompletion(id));
      await runtime.stop();
      expect(await outcome).toBeInstanceOf(StorageError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

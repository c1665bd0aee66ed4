/**
 * A real STALLED instance for the tests of what shows one (CLI, HTTP, dashboard): a versioned workflow starts
 * on a deploy that has v1, then a deploy that ships only v2 takes its next step, so the engine stalls it
 * (VERSION_NOT_AVAILABLE), as samples/versioning's bad deploy.
 */
import 'reflect-metadata';
import { SqliteBackend, Workflow, WorkflowBase, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

/** The event the v1 instance waits for. */
export const GO_EVENT = 'go';

/** The first deployed version: checks a patch, then waits for {@link GO_EVENT}. */
@Workflow({ name: 'invoice', version: 'v1' })
export class InvoiceV1 extends WorkflowBase<void, string> {
  async run(ctx: WorkflowContext): Promise<string> {
    const rounding = ctx.isPatched('round-totals');
    await ctx.waitForExternalEvent(GO_EVENT);
    return rounding ? 'v1 rounded' : 'v1';
  }
}

/** The second version, the one a bad deploy ships alone. */
@Workflow({ name: 'invoice', version: 'v2', latest: true })
export class InvoiceV2 extends WorkflowBase<void, string> {
  async run(): Promise<string> {
    return 'v2';
  }
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Starts `instanceId` on v1 (a first runtime on `path`, stopped after), then starts a runtime with only v2,
 * raises {@link GO_EVENT} and waits until the engine is idle: the instance is STALLED. The caller stops the
 * returned runtime; a runtime with both versions on the same file continues the instance.
 *
 * @param path - the SQLite file (created)
 * @param instanceId - the instance to stall
 */
export async function stallOnBadDeploy(
  path: string,
  instanceId: string,
): Promise<{ runtime: WorkflowRuntime; backend: SqliteBackend }> {
  const deploy = (workflows: (typeof InvoiceV1 | typeof InvoiceV2)[]) => {
    const backend = new SqliteBackend({ path, logger: quiet });
    return { backend, runtime: new WorkflowRuntime({ backend, workflows, logger: quiet }) };
  };
  const first = deploy([InvoiceV1]);
  await first.runtime.start();
  await first.runtime.client.scheduleNewWorkflow('invoice', undefined, { instanceId });
  await first.runtime.client.waitForWorkflowStart(instanceId);
  await first.backend.whenIdle();
  await first.runtime.stop();
  const bad = deploy([InvoiceV2]);
  await bad.runtime.start();
  await bad.runtime.client.raiseEvent(instanceId, GO_EVENT);
  await bad.backend.whenIdle();
  const state = await bad.runtime.client.getWorkflowState(instanceId);
  if (state?.status !== WorkflowStatus.STALLED) throw new Error(`expected STALLED, got ${state?.status}`);
  return bad;
}

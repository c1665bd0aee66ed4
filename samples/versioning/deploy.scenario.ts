/**
 * A deploy with instances in flight, on one SQLite file: three "deploys" of the same app, one after the
 * other, as separate runtimes (a real deploy would be separate processes).
 */
import { SqliteBackend, WorkflowRuntime } from 'weft-workflows';
import type { WorkflowState } from 'weft-workflows';
import { APPROVAL_EVENT, ChargePayment, OrderV1, OrderV2, ReserveInventory } from './versioning.workflows';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/** What the scenario saw. */
export interface DeployOutcome {
  /** order-3 after a deploy that dropped v1 too early. */
  stalled: WorkflowState;
  /** Every order at the end, by id. */
  finished: Record<string, WorkflowState>;
}

async function deploy(
  path: string,
  workflows: (typeof OrderV1 | typeof OrderV2)[],
): Promise<{ runtime: WorkflowRuntime; backend: SqliteBackend }> {
  const backend = new SqliteBackend({ path, logger: quiet });
  const runtime = new WorkflowRuntime({
    backend,
    workflows,
    activities: [ReserveInventory, ChargePayment],
    logger: quiet,
  });
  await runtime.start();
  return { runtime, backend };
}

/**
 * Runs the scenario on the database at `path`.
 *
 * @param path - a SQLite file (created)
 * @param log - where to print what happens
 */
export async function runDeployScenario(path: string, log: (line: string) => void): Promise<DeployOutcome> {
  const order = { item: 'paperclips', quantity: 3 };

  // Deploy 1: only v1 exists. Two orders start and wait for approval.
  let { runtime, backend } = await deploy(path, [OrderV1]);
  for (const instanceId of ['order-1', 'order-3']) {
    await runtime.client.scheduleNewWorkflow('order', order, { instanceId });
    await runtime.client.waitForWorkflowStart(instanceId);
  }
  await backend.whenIdle();
  log(
    `deploy 1 (v1): order-1, order-3 waiting for approval on ${(await runtime.client.getWorkflowState('order-1'))?.version}`,
  );
  await runtime.stop();

  // A bad deploy: v1 removed while v1 instances are in flight. order-3's next step cannot run: STALLED.
  ({ runtime, backend } = await deploy(path, [OrderV2]));
  await runtime.client.raiseEvent('order-3', APPROVAL_EVENT, { approved: true });
  await backend.whenIdle();
  const stalled = (await runtime.client.getWorkflowState('order-3')) as WorkflowState;
  log(`bad deploy (v2 only): order-3 is ${stalled.status} (${stalled.stalledReason})`);
  await runtime.stop();

  // Deploy 2: both versions. In-flight v1 instances finish on v1 (order-3 continues); new ones run v2.
  ({ runtime, backend } = await deploy(path, [OrderV1, OrderV2]));
  await runtime.client.scheduleNewWorkflow('order', order, { instanceId: 'order-2' });
  await runtime.client.raiseEvent('order-1', APPROVAL_EVENT, { approved: true });
  await runtime.client.raiseEvent('order-2', APPROVAL_EVENT, { approved: true });
  const finished: Record<string, WorkflowState> = {};
  for (const id of ['order-1', 'order-2', 'order-3']) {
    const state = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 30_000 });
    finished[id] = state;
    log(`deploy 2 (v1 + v2): ${id} ${state.status} on ${state.version}: ${JSON.stringify(state.output)}`);
  }
  await runtime.stop();
  return { stalled, finished };
}

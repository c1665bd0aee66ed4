import { DaprSidecarBackend, WorkflowRuntime } from 'weft-workflows';
import type { ActivityContext, Logger, WorkflowContext } from 'weft-workflows';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * A runtime on `DaprSidecarBackend` (not started) with the three-step workflow `three_plus_one`: three
 * sequential `plus_one` activities, so input 1 gives 4.
 *
 * @param port - the sidecar's port on 127.0.0.1
 * @param apiToken - the sidecar's API token, if it wants one
 * @param logger - the runtime's and backend's logger (default: silent)
 */
export function threePlusOneRuntime(
  port: number,
  apiToken?: string,
  logger: Logger = silent,
): WorkflowRuntime {
  const runtime = new WorkflowRuntime({
    backend: new DaprSidecarBackend({ port, apiToken, logger }),
    workflows: [],
    activities: [],
    logger,
  });
  runtime.registerActivity(async (_ctx: ActivityContext, n: number) => n + 1, 'plus_one');
  runtime.registerWorkflow(async (ctx: WorkflowContext, n: number) => {
    const a = await ctx.callActivity<number>('plus_one', n);
    const b = await ctx.callActivity<number>('plus_one', a);
    return ctx.callActivity<number>('plus_one', b);
  }, 'three_plus_one');
  return runtime;
}

import { Activity, ActivityBase, Workflow, WorkflowBase } from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';

/** Lets a test hold an activity mid-run: `started` resolves when it begins; `release()` lets it finish. */
export const slowGate = (() => {
  let markStarted: () => void = () => {};
  let release: () => void = () => {};
  const started = new Promise<void>((r) => (markStarted = r));
  const released = new Promise<void>((r) => (release = r));
  return { started, released, runs: 0, markStarted: () => markStarted(), release: () => release() };
})();

/** An activity that waits for {@link slowGate}. */
@Activity()
export class SlowActivity extends ActivityBase<string, string> {
  async run(_ctx: ActivityContext, input: string): Promise<string> {
    slowGate.runs += 1;
    slowGate.markStarted();
    await slowGate.released;
    return `done ${input}`;
  }
}

/** Calls {@link SlowActivity} once. */
@Workflow()
export class SlowWorkflow extends WorkflowBase<string, string> {
  async run(ctx: WorkflowContext, input: string): Promise<string> {
    return ctx.callActivity<string>(SlowActivity, input);
  }
}

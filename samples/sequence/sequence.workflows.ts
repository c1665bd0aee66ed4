/**
 * The seed's JavaScript `sequence` sample, ported twice: as the original generator function registered
 * with `runtime.registerWorkflow(fn)` / `registerActivity(fn)`, and as decorated classes.
 */
import { Activity, ActivityBase, Workflow, WorkflowBase } from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';

/** The cities the sequence greets, in order. */
export const CITIES = ['Tokyo', 'Seattle', 'London'] as const;

/** The activity of the original: greets one city. */
export const hello = async (_ctx: ActivityContext, name: string): Promise<string> => `Hello ${name}!`;

/**
 * The original workflow, an async generator: each `yield` waits for an activity and gives its result.
 * Registered as `sequence`.
 */
export const sequence = async function* (ctx: WorkflowContext): AsyncGenerator<unknown, string[], string> {
  const cities: string[] = [];
  const result1 = yield ctx.callActivity(hello, 'Tokyo');
  cities.push(result1);
  const result2 = yield ctx.callActivity(hello, 'Seattle');
  cities.push(result2);
  const result3 = yield ctx.callActivity(hello, 'London');
  cities.push(result3);
  return cities;
};

/** The class port of `hello`. */
@Activity({ name: 'HelloActivity' })
export class HelloActivity extends ActivityBase<string, string> {
  async run(_ctx: ActivityContext, name: string): Promise<string> {
    return `Hello ${name}!`;
  }
}

/** The class port of `sequence`, served over HTTP at `POST /sequences`. */
@Workflow({
  name: 'SequenceWorkflow',
  http: { path: '/sequences', summary: 'Greet Tokyo, Seattle and London in turn' },
})
export class SequenceWorkflow extends WorkflowBase<void, string[]> {
  async run(ctx: WorkflowContext): Promise<string[]> {
    const greetings: string[] = [];
    for (const city of CITIES) greetings.push(await ctx.callActivity<string>(HelloActivity, city));
    return greetings;
  }
}

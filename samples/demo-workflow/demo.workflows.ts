/**
 * The seed's Java demo workflow, ported: an activity whose work comes from an injected service, then
 * the events `TestEvent` and `event1`..`event3`, each waited for with a timeout.
 */
import 'reflect-metadata';
import { injectable } from 'tsyringe';
import { Activity, ActivityBase, Workflow, WorkflowBase } from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';

/** How long the workflow waits for `TestEvent`. */
export const TEST_EVENT_TIMEOUT_MS = 10_000;
/** How long the workflow waits for each of `event1`..`event3`. */
export const PARALLEL_EVENT_TIMEOUT_MS = 5_000;
/** The events waited for in parallel. */
export const PARALLEL_EVENTS = ['event1', 'event2', 'event3'] as const;

/** The service the activity gets injected. */
@injectable()
export class GreetingService {
  /** Appends the activity's signature to the input. */
  greet(input: string): string {
    return `${input} World!, from Activity`;
  }
}

/** The Java sample's activity, with its dependency injected. */
@Activity()
export class DemoWorkflowActivity extends ActivityBase<string, string> {
  constructor(private readonly greetings: GreetingService) {
    super();
  }

  async run(ctx: ActivityContext, input: string): Promise<string> {
    return this.greetings.greet(input);
  }
}

/** What the workflow saw. */
export interface DemoResult {
  activityOutput: string;
  testEvent: 'received' | 'timed out';
  events: Record<string, unknown>;
}

/** The Java sample's workflow, served at `POST /demo`. */
@Workflow({ http: { path: '/demo', summary: 'Run the Java demo workflow; the body is a string' } })
export class DemoWorkflow extends WorkflowBase<string, DemoResult> {
  async run(ctx: WorkflowContext, input: string): Promise<DemoResult> {
    ctx.logger.info(`Starting Workflow: ${ctx.name}`);
    ctx.logger.info(`Instance ID: ${ctx.instanceId}`);
    ctx.logger.info(`Current Orchestration Time: ${ctx.currentUtcDateTime.toISOString()}`);
    const activityOutput = await ctx.callActivity<string>(DemoWorkflowActivity, input);
    ctx.logger.info(`Activity returned: ${activityOutput}`);
    ctx.setCustomStatus('Waiting for TestEvent');

    ctx.logger.info("Waiting for event: 'TestEvent'...");
    const testEvent = ctx.waitForExternalEvent('TestEvent');
    const testTimedOut =
      (await ctx.whenAny([testEvent, ctx.createTimer(TEST_EVENT_TIMEOUT_MS)])) !== testEvent;
    ctx.logger.info(testTimedOut ? 'Timed out' : 'Received TestEvent');
    ctx.setCustomStatus('Waiting for event1, event2, event3');

    ctx.logger.info('Parallel Execution - Waiting for all tasks to finish...');
    const waits = PARALLEL_EVENTS.map((name) => {
      const event = ctx.waitForExternalEvent(name);
      return { name, event, first: ctx.whenAny([event, ctx.createTimer(PARALLEL_EVENT_TIMEOUT_MS)]) };
    });
    const winners = await ctx.whenAll(waits.map((w) => w.first));
    const events: Record<string, unknown> = {};
    waits.forEach((w, i) => {
      events[w.name] = winners[i] === w.event ? w.event.result : 'timed out';
    });
    ctx.logger.info('All tasks finished!');
    ctx.setCustomStatus('Finished');
    return { activityOutput, testEvent: testTimedOut ? 'timed out' : 'received', events };
  }
}

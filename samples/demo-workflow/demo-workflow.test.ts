import { WorkflowTestEnvironment } from 'weft-workflows';
import { startHttpHarness } from '../../test/http/support/http-harness';
import type { HttpHarness } from '../../test/http/support/http-harness';
import { DemoWorkflow, DemoWorkflowActivity, GreetingService } from './demo.workflows';
import { runDemoScenario } from './demo.scenario';
import { container } from 'tsyringe';

const silent = { debug() {}, info() {}, warn() {}, error() {} };

describe('demo-workflow sample (seed: dapr/java-sdk DemoWorkflow) over HTTP', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness({ workflows: [DemoWorkflow], activities: [DemoWorkflowActivity] });
  });
  afterAll(() => h.close());

  it('runs the injected activity, then receives TestEvent and event1..event3', async () => {
    const outcome = await runDemoScenario(h.url, 'Hello', () => {});
    expect(outcome.status).toBe('COMPLETED');
    expect(outcome.result).toEqual({
      activityOutput: 'Hello World!, from Activity',
      testEvent: 'received',
      events: { event1: 'event1 payload', event2: 'event2 payload', event3: 'event3 payload' },
    });
  });
});

describe('demo-workflow sample: timeouts (virtual clock)', () => {
  it('times out TestEvent after 10 s and each missing event after 5 s, keeping the ones that came', async () => {
    const child = container.createChildContainer();
    child.register(GreetingService, { useValue: { greet: (s: string) => `${s} from a replaced service` } });
    const env = await WorkflowTestEnvironment.create({
      workflows: [DemoWorkflow],
      activities: [DemoWorkflowActivity],
      container: child,
      logger: silent,
    });
    try {
      const id = await env.client.scheduleNewWorkflow(DemoWorkflow, 'Hi');
      await env.client.raiseEvent(id, 'event2', 'only this one');
      const state = await env.client.waitForWorkflowCompletion(id);
      expect(state.output).toEqual({
        activityOutput: 'Hi from a replaced service',
        testEvent: 'timed out',
        events: { event1: 'timed out', event2: 'only this one', event3: 'timed out' },
      });
      expect(env.currentTime.getTime() - state.createdAt.getTime()).toBeGreaterThanOrEqual(15_000);
    } finally {
      await env.teardown();
    }
  });
});

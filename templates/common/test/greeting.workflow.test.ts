import 'reflect-metadata';
import { container } from 'tsyringe';
import { WorkflowStatus, WorkflowTestEnvironment } from 'weft-workflows';
import { SendGreetingActivity } from '../src/activities/send-greeting.activity';
import { GreetingService } from '../src/services/greeting-service';
import { GreetingWorkflow } from '../src/workflows/greeting.workflow';

/** A fake service: records what would have been sent. */
class FakeGreetingService {
  readonly names: string[] = [];
  async send(name: string): Promise<string> {
    this.names.push(name);
    return `fake hello ${name}`;
  }
}

describe('GreetingWorkflow', () => {
  let env: WorkflowTestEnvironment;
  let fake: FakeGreetingService;

  beforeEach(async () => {
    fake = new FakeGreetingService();
    const scope = container.createChildContainer();
    scope.register(GreetingService, { useValue: fake as unknown as GreetingService });
    env = await WorkflowTestEnvironment.create({
      workflows: [GreetingWorkflow],
      activities: [SendGreetingActivity],
      container: scope,
    });
  });

  afterEach(async () => {
    await env.teardown();
  });

  it('greets everyone, waits a day (virtual time), and returns what was sent', async () => {
    const start = env.currentTime.getTime();
    const id = await env.client.scheduleNewWorkflow(GreetingWorkflow, { names: ['Ada', 'Grace'] });
    const state = await env.client.waitForWorkflowCompletion(id);
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toEqual(['fake hello Ada', 'fake hello Grace']);
    expect(fake.names.sort()).toEqual(['Ada', 'Grace']);
    expect(env.currentTime.getTime() - start).toBeGreaterThanOrEqual(24 * 60 * 60 * 1000);
  });
});

import 'reflect-metadata';
import { container, injectable } from 'tsyringe';
import {
  Activity,
  ActivityBase,
  RegistrationError,
  SqliteBackend,
  Workflow,
  WorkflowBase,
  WorkflowRuntime,
  WorkflowTestEnvironment,
} from 'weft-workflows';
import type { ActivityContext, WorkflowContext } from 'weft-workflows';

@injectable()
class Greeter {
  greet(name: string): string {
    return `Hello ${name}!`;
  }
}

@Activity({ name: 'greet' })
class Greet extends ActivityBase<string, string> {
  constructor(private readonly greeter: Greeter) {
    super();
  }
  async run(_ctx: ActivityContext, name: string): Promise<string> {
    return this.greeter.greet(name);
  }
}

class Shout extends ActivityBase<string, string> {
  async run(_ctx: ActivityContext, text: string): Promise<string> {
    return text.toUpperCase();
  }
}
// The decorator called as a plain function records the same metadata as @Activity().
Activity({ name: 'shout' })(Shout);

@Workflow()
class GreetAll extends WorkflowBase<string[], string[]> {
  async run(ctx: WorkflowContext, names: string[]): Promise<string[]> {
    const greetings = await ctx.whenAll(names.map((n) => ctx.callActivity<string>(Greet, n)));
    return [...greetings, await ctx.callActivity<string>(Shout, 'bye')];
  }
}

describe('registry and dependency injection', () => {
  it('uses the class name by default, the decorator as a function, and injects constructor dependencies', async () => {
    const env = await WorkflowTestEnvironment.create({ workflows: [GreetAll], activities: [Greet, Shout] });
    try {
      expect([...env.runtime.registry.workflows.keys()]).toEqual(['GreetAll']);
      expect([...env.runtime.registry.activities.keys()]).toEqual(['greet', 'shout']);
      const id = await env.client.scheduleNewWorkflow('GreetAll', ['Tokyo', 'London']);
      expect((await env.client.waitForWorkflowCompletion(id)).output).toEqual([
        'Hello Tokyo!',
        'Hello London!',
        'BYE',
      ]);
    } finally {
      await env.teardown();
    }
  });

  it('lets tests replace an activity or its dependencies through the container', async () => {
    const scope = container.createChildContainer();
    scope.register(Greeter, { useValue: { greet: (n: string) => `Fake hello ${n}` } });
    const env = await WorkflowTestEnvironment.create({
      workflows: [GreetAll],
      activities: [Greet, Shout],
      container: scope,
    });
    try {
      const id = await env.client.scheduleNewWorkflow(GreetAll, ['Seattle']);
      expect((await env.client.waitForWorkflowCompletion(id)).output).toEqual(['Fake hello Seattle', 'BYE']);
    } finally {
      await env.teardown();
    }
  });

  it('serves every decorated class when no lists are given', () => {
    const runtime = new WorkflowRuntime({ backend: undefined });
    expect(runtime.registry.workflows.has('GreetAll')).toBe(true);
    expect(runtime.registry.activities.has('greet')).toBe(true);
  });

  it('fails at start-up on two registrations with one name, naming both classes', () => {
    @Workflow({ name: 'same' })
    class FirstOne extends WorkflowBase {
      async run(): Promise<unknown> {
        return 1;
      }
    }
    @Workflow({ name: 'same' })
    class SecondOne extends WorkflowBase {
      async run(): Promise<unknown> {
        return 2;
      }
    }
    const runtime = new WorkflowRuntime({ workflows: [FirstOne, SecondOne], activities: [] });
    expect(() => runtime.registry).toThrow(RegistrationError);
    expect(() => new WorkflowRuntime({ workflows: [FirstOne, SecondOne], activities: [] }).registry).toThrow(
      /Two workflows are registered as 'same': FirstOne and SecondOne/,
    );
  });

  it('refuses a class without run() and registration after start', async () => {
    class NoRun {}
    expect(() => new WorkflowRuntime({ workflows: [NoRun], activities: [] }).registry).toThrow(
      /has no run\(ctx, input\) method/,
    );
    const env = await WorkflowTestEnvironment.create({ workflows: [GreetAll], activities: [Greet] });
    try {
      expect(() => env.runtime.registerWorkflow(async function late() {})).toThrow(RegistrationError);
    } finally {
      await env.teardown();
    }
  });

  it('runs function and generator registrations (ports of Dapr JS code)', async () => {
    const runtime = new WorkflowRuntime({
      backend: new SqliteBackend({ path: ':memory:' }),
      workflows: [],
      activities: [],
    });
    runtime.registerActivity(async (_ctx: ActivityContext, city: string) => `Hello ${city}!`, 'hello');
    runtime.registerWorkflow(function* sequence(ctx: WorkflowContext): Generator<unknown, string[], string> {
      const cities: string[] = [];
      cities.push(yield ctx.callActivity('hello', 'Tokyo'));
      cities.push(yield ctx.callActivity('hello', 'Seattle'));
      cities.push(yield ctx.callActivity('hello', 'London'));
      return cities;
    } as never);
    await runtime.start();
    try {
      const id = await runtime.client.scheduleNewWorkflow('sequence');
      const state = await runtime.client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
      expect(state.output).toEqual(['Hello Tokyo!', 'Hello Seattle!', 'Hello London!']);
    } finally {
      await runtime.stop();
    }
  });
});

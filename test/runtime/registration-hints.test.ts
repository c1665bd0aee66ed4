/**
 * What a new user sees when a class was left out of the registry (forgot the decorator, or left it out of the
 * runtime's `workflows` / `activities` lists): the error names the class, the registered names and the fix.
 */
import 'reflect-metadata';
import { inject, injectable } from 'tsyringe';
import {
  Activity,
  ActivityBase,
  Workflow,
  WorkflowBase,
  WorkflowNotFoundError,
  WorkflowStatus,
  WorkflowTestEnvironment,
} from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

/** An activity without `@Activity()` and not given to the runtime. */
class Forgotten extends ActivityBase<number, number> {
  async run(_ctx: unknown, n: number): Promise<number> {
    return n;
  }
}

@Activity({ name: 'listed' })
class Listed extends ActivityBase<number, number> {
  async run(_ctx: unknown, n: number): Promise<number> {
    return n;
  }
}

@Workflow({ name: 'calls_forgotten' })
class CallsForgotten extends WorkflowBase<number, number> {
  async run(ctx: WorkflowContext, n: number): Promise<number> {
    return ctx.callActivity<number>(Forgotten, n);
  }
}

/** A workflow without `@Workflow()` and not given to the runtime. */
class ForgottenWorkflow extends WorkflowBase<number, number> {
  async run(_ctx: WorkflowContext, n: number): Promise<number> {
    return n;
  }
}

/** A registered activity whose constructor dependency nobody registered in the container. */
interface EmailSender {
  send(message: string): Promise<void>;
}
@Activity({ name: 'send_email' })
@injectable()
class SendEmail extends ActivityBase<string, string> {
  constructor(@inject('EmailSender') private readonly sender: EmailSender) {
    super();
  }
  async run(_ctx: unknown, message: string): Promise<string> {
    await this.sender.send(message);
    return 'sent';
  }
}

@Workflow({ name: 'mailer' })
class Mailer extends WorkflowBase<string, string> {
  async run(ctx: WorkflowContext, message: string): Promise<string> {
    return ctx.callActivity<string>(SendEmail, message);
  }
}

/**
 * An activity with a constructor parameter but no type metadata for it: what a project compiled without
 * `emitDecoratorMetadata` (or a class with no decorator at all) gives tsyringe.
 */
class NoMetadata extends ActivityBase<string, string> {
  constructor(private readonly prefix: string) {
    super();
  }
  async run(_ctx: unknown, name: string): Promise<string> {
    return `${this.prefix}${name}`;
  }
}

@Workflow({ name: 'calls_no_metadata' })
class CallsNoMetadata extends WorkflowBase<string, string> {
  async run(ctx: WorkflowContext, name: string): Promise<string> {
    return ctx.callActivity<string>(NoMetadata, name);
  }
}

let env: WorkflowTestEnvironment;
beforeEach(async () => {
  env = await WorkflowTestEnvironment.create({
    workflows: [CallsForgotten, Mailer, CallsNoMetadata],
    activities: [Listed, SendEmail, NoMetadata],
  });
});
afterEach(() => env.teardown());

it('a workflow class the runtime does not serve: WorkflowNotFoundError saying how to register it', async () => {
  const attempt = env.client.scheduleNewWorkflow(ForgottenWorkflow, 1);
  await expect(attempt).rejects.toThrow(WorkflowNotFoundError);
  await expect(env.client.scheduleNewWorkflow(ForgottenWorkflow, 1)).rejects.toThrow(
    "No workflow named 'ForgottenWorkflow' is registered. Registered: calls_forgotten, mailer, calls_no_metadata. Decorate the class with " +
      "@Workflow() and, when the runtime is given a 'workflows' list, include it there (a function: " +
      'runtime.registerWorkflow(fn, name)).',
  );
  expect((await env.client.listWorkflows()).items).toEqual([]);
});

it('an activity class the runtime does not serve: the instance fails saying how to register it', async () => {
  const id = await env.client.scheduleNewWorkflow(CallsForgotten, 1);
  const state = await env.client.waitForWorkflowCompletion(id);
  expect(state.status).toBe(WorkflowStatus.FAILED);
  expect(state.failureDetails?.message).toBe(
    "Activity 'Forgotten' failed: No activity named 'Forgotten' is registered. Registered: listed, send_email, NoMetadata. Decorate the " +
      "class with @Activity() and, when the runtime is given an 'activities' list, include it there (a function: " +
      'runtime.registerActivity(fn, name)).',
  );
});

// dapr/dotnet-sdk#1775 (an activity whose DI activation fails is reported as not registered) and #1118 (the
// workflow hangs): here the instance fails with the container's own reason, naming the missing token.
it('an activity whose constructor dependency is not registered fails with the injection error', async () => {
  const id = await env.client.scheduleNewWorkflow(Mailer, 'hello');
  const state = await env.client.waitForWorkflowCompletion(id);
  expect(state.status).toBe(WorkflowStatus.FAILED);
  expect(state.failureDetails?.message).toMatch(
    /^Activity 'send_email' failed: Cannot inject the dependency "sender" at position #0 of "SendEmail" constructor/,
  );
  expect(state.failureDetails?.message).toContain('unregistered dependency token: "EmailSender"');
  expect(state.failureDetails?.message).not.toMatch(/is registered/);
});

// tsyringe alone says `TypeInfo not known for "NoMetadata"`; the usual cause is the tsconfig.
it('an activity whose constructor types were not emitted fails saying which compiler options to set', async () => {
  const id = await env.client.scheduleNewWorkflow(CallsNoMetadata, 'Ada');
  const state = await env.client.waitForWorkflowCompletion(id);
  expect(state.status).toBe(WorkflowStatus.FAILED);
  expect(state.failureDetails?.message).toBe(
    "Activity 'NoMetadata' failed: Cannot create class 'NoMetadata': its constructor takes parameters and " +
      'tsyringe has no types for them (TypeInfo not known for "NoMetadata"). TypeScript emits them for a decorated ' +
      'class when tsconfig.json sets "experimentalDecorators": true and "emitDecoratorMetadata": true; or ' +
      'register the class in the container with a factory.',
  );
});

/**
 * `WorkflowClient.rerunWorkflowFromEvent` on the embedded engine (real SQLite file): which activities run
 * again, what is copied, input replacement, and the errors.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import 'reflect-metadata';
import { container, singleton } from 'tsyringe';
import {
  Activity,
  ActivityBase,
  SqliteBackend,
  ValidationError,
  Workflow,
  WorkflowAlreadyExistsError,
  WorkflowBase,
  WorkflowNotFoundError,
  WorkflowNotTerminalError,
  WorkflowRuntime,
  WorkflowStatus,
} from 'weft-workflows';
import type { ActivityContext, WorkflowClient, WorkflowContext, WorkflowHistoryEvent } from 'weft-workflows';

/** Every activity execution, in order: `step:input`. */
@singleton()
class Ledger {
  readonly runs: string[] = [];
}

@Activity({ name: 'rerun_step' })
class StepAct extends ActivityBase<string, string> {
  constructor(private readonly ledger: Ledger) {
    super();
  }
  async run(_ctx: ActivityContext, input: string): Promise<string> {
    this.ledger.runs.push(input);
    return `done ${input}`;
  }
}

@Workflow({ name: 'rerun_sequence_wf' })
class SequenceWf extends WorkflowBase<string, string[]> {
  async run(ctx: WorkflowContext, input: string): Promise<string[]> {
    const a = await ctx.callActivity<string>(StepAct, `a:${input}`);
    const b = await ctx.callActivity<string>(StepAct, `b:${input}`);
    const c = await ctx.callActivity<string>(StepAct, `c:${input}`);
    return [a, b, c];
  }
}

@Workflow({ name: 'rerun_child_wf' })
class ChildWf extends WorkflowBase<string, string> {
  async run(ctx: WorkflowContext, input: string): Promise<string> {
    return ctx.callActivity<string>(StepAct, `child:${input}`);
  }
}

@Workflow({ name: 'rerun_parent_wf' })
class ParentWf extends WorkflowBase<string, string[]> {
  async run(ctx: WorkflowContext, input: string): Promise<string[]> {
    const a = await ctx.callActivity<string>(StepAct, `p:${input}`);
    const child = await ctx.callChildWorkflow<string>(ChildWf, input);
    await ctx.createTimer(10);
    return [a, child];
  }
}

@Workflow({ name: 'rerun_fan_out_wf' })
class FanOutWf extends WorkflowBase<string, string[]> {
  async run(ctx: WorkflowContext, input: string): Promise<string[]> {
    const results = await ctx.whenAll(
      [1, 2, 3].map((n) => ctx.callActivity<string>(StepAct, `f${n}:${input}`)),
    );
    const last = await ctx.callActivity<string>(StepAct, `last:${input}`);
    return [...results, last];
  }
}

let dir: string;
let runtime: WorkflowRuntime;
let client: WorkflowClient;
let ledger: Ledger;
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'weft-rerun-'));
  runtime = new WorkflowRuntime({
    backend: new SqliteBackend({ path: join(dir, 'weft.db'), pollIntervalMs: 20, logger: quiet }),
    workflows: [SequenceWf, ChildWf, ParentWf, FanOutWf],
    activities: [StepAct],
    logger: quiet,
  });
  await runtime.start();
  client = runtime.client;
  ledger = container.resolve(Ledger);
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const runToEnd = async (name: string, input: string, instanceId: string): Promise<WorkflowHistoryEvent[]> => {
  await client.scheduleNewWorkflow(name, input, { instanceId });
  await client.waitForWorkflowCompletion(instanceId, { timeoutMs: 20_000 });
  return client.getWorkflowHistory(instanceId);
};
const scheduled = (history: WorkflowHistoryEvent[], input: string): WorkflowHistoryEvent => {
  const event = history.find((e) => e.type === 'TaskScheduled' && e.input === input);
  if (!event) throw new Error(`no TaskScheduled with input ${input}`);
  return event;
};
const drain = (): string[] => ledger.runs.splice(0);

it('runs the chosen activity and everything after it again, not what came before', async () => {
  const history = await runToEnd('rerun_sequence_wf', 'x', 'seq-src');
  expect(drain()).toEqual(['a:x', 'b:x', 'c:x']);
  const id = await client.rerunWorkflowFromEvent('seq-src', scheduled(history, 'b:x').eventId, {
    newInstanceId: 'seq-new',
  });
  expect(id).toBe('seq-new');
  const state = await client.waitForWorkflowCompletion('seq-new', { timeoutMs: 20_000 });
  expect(state.status).toBe(WorkflowStatus.COMPLETED);
  expect(state.output).toEqual(['done a:x', 'done b:x', 'done c:x']);
  expect(drain()).toEqual(['b:x', 'c:x']);
  // The source is untouched; the new history starts with the source's events before the rerun point.
  expect((await client.getWorkflowState('seq-src'))?.status).toBe(WorkflowStatus.COMPLETED);
  const copied = await client.getWorkflowHistory('seq-new');
  const cut = history.findIndex((e) => e.type === 'TaskCompleted');
  expect(copied.slice(0, cut).map((e) => [e.type, e.eventId, e.input])).toEqual(
    history.slice(0, cut).map((e) => [e.type, e.eventId, e.input]),
  );
});

it('reruns from the first activity: everything runs again', async () => {
  const history = await client.getWorkflowHistory('seq-src');
  const id = await client.rerunWorkflowFromEvent('seq-src', scheduled(history, 'a:x').eventId);
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  await client.waitForWorkflowCompletion(id, { timeoutMs: 20_000 });
  expect(drain()).toEqual(['a:x', 'b:x', 'c:x']);
});

it('replaces the input: steps before the rerun point keep their recorded results', async () => {
  const history = await client.getWorkflowHistory('seq-src');
  await client.rerunWorkflowFromEvent('seq-src', scheduled(history, 'c:x').eventId, {
    newInstanceId: 'seq-input',
    input: 'y',
  });
  const state = await client.waitForWorkflowCompletion('seq-input', { timeoutMs: 20_000 });
  expect(drain()).toEqual(['c:y']);
  expect(state.input).toBe('y');
  expect(state.output).toEqual(['done a:x', 'done b:x', 'done c:y']);
});

it('reruns from a child workflow: the child runs again, the activity before it does not', async () => {
  const history = await runToEnd('rerun_parent_wf', 'k', 'par-src');
  drain();
  const child = history.find((e) => e.type === 'ChildWorkflowInstanceCreated');
  const id = await client.rerunWorkflowFromEvent('par-src', child!.eventId);
  const state = await client.waitForWorkflowCompletion(id, { timeoutMs: 20_000 });
  expect(state.output).toEqual(['done p:k', 'done child:k']);
  expect(drain()).toEqual(['child:k']);
});

it('reruns from one activity of a fan-out: the whole step that scheduled it runs again', async () => {
  const history = await runToEnd('rerun_fan_out_wf', 'z', 'fan-src');
  expect(drain().sort()).toEqual(['f1:z', 'f2:z', 'f3:z', 'last:z']);
  const id = await client.rerunWorkflowFromEvent('fan-src', scheduled(history, 'f2:z').eventId);
  const state = await client.waitForWorkflowCompletion(id, { timeoutMs: 20_000 });
  expect(state.output).toEqual(['done f1:z', 'done f2:z', 'done f3:z', 'done last:z']);
  expect(drain().sort()).toEqual(['f1:z', 'f2:z', 'f3:z', 'last:z']);
});

it('may reuse the id of a finished instance, which it replaces', async () => {
  const history = await client.getWorkflowHistory('seq-src');
  await client.rerunWorkflowFromEvent('seq-src', scheduled(history, 'c:x').eventId, {
    newInstanceId: 'seq-new',
  });
  const state = await client.waitForWorkflowCompletion('seq-new', { timeoutMs: 20_000 });
  expect(state.status).toBe(WorkflowStatus.COMPLETED);
  expect(drain()).toEqual(['c:x']);
});

describe('errors', () => {
  it('refuses an event that is not an activity or child-workflow scheduling event', async () => {
    const history = await client.getWorkflowHistory('par-src');
    const timer = history.find((e) => e.type === 'TimerCreated')!;
    await expect(client.rerunWorkflowFromEvent('par-src', timer.eventId)).rejects.toThrow(ValidationError);
    await expect(client.rerunWorkflowFromEvent('par-src', timer.eventId)).rejects.toThrow(
      /is a TimerCreated/,
    );
    await expect(client.rerunWorkflowFromEvent('par-src', 42)).rejects.toThrow(
      /no activity or child workflow event with id 42/,
    );
    await expect(client.rerunWorkflowFromEvent('par-src', -1)).rejects.toThrow(ValidationError);
  });

  it('refuses an unknown source, a source that has not finished, and an id in use', async () => {
    await expect(client.rerunWorkflowFromEvent('nope', 0)).rejects.toThrow(WorkflowNotFoundError);
    await client.scheduleNewWorkflow('rerun_sequence_wf', 'later', {
      instanceId: 'not-started',
      startAt: new Date(Date.now() + 3_600_000),
    });
    await expect(client.rerunWorkflowFromEvent('not-started', 0)).rejects.toThrow(WorkflowNotTerminalError);
    await expect(
      client.rerunWorkflowFromEvent('seq-src', 0, { newInstanceId: 'not-started' }),
    ).rejects.toThrow(WorkflowAlreadyExistsError);
    expect((await client.getWorkflowState('not-started'))?.status).toBe(WorkflowStatus.PENDING);
    await expect(client.rerunWorkflowFromEvent('seq-src', 0, { newInstanceId: '' })).rejects.toThrow(
      ValidationError,
    );
    await expect(client.rerunWorkflowFromEvent('seq-src', 0, { newInstanceId: 'seq-src' })).rejects.toThrow(
      /is the source itself/,
    );
    expect((await client.getWorkflowState('seq-src'))?.status).toBe(WorkflowStatus.COMPLETED);
  });
});

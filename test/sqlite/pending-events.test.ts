import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import {
  Activity,
  ActivityBase,
  ErrorCodes,
  LIMITS,
  SqliteBackend,
  TooManyPendingEventsError,
  ValidationError,
  Workflow,
  WorkflowBase,
  WorkflowRuntime,
  WorkflowStatus,
} from 'weft-workflows';
import type { SqliteBackendOptions, WorkflowContext } from 'weft-workflows';

jest.setTimeout(60_000);

/** Waits for `count` events named 'item' and returns their data in order. */
@Workflow({ name: 'pending_collect' })
class Collect extends WorkflowBase<number, unknown[]> {
  async run(ctx: WorkflowContext, count: number): Promise<unknown[]> {
    const items: unknown[] = [];
    for (let i = 0; i < count; i++) items.push(await ctx.waitForExternalEvent<unknown>('item'));
    return items;
  }
}

/** Lets a test hold an activity until it says so, and know when it started. */
class Latch {
  started!: Promise<void>;
  release!: () => void;
  private onStart!: () => void;
  private gate!: Promise<void>;
  constructor() {
    this.reset();
  }
  reset(): void {
    this.started = new Promise((r) => (this.onStart = r));
    this.gate = new Promise((r) => (this.release = r));
  }
  async pass(): Promise<void> {
    this.onStart();
    await this.gate;
  }
}
const latch = new Latch();

@Activity({ name: 'pending_gate' })
class Gate extends ActivityBase<void, string> {
  async run(): Promise<string> {
    await latch.pass();
    return 'opened';
  }
}

/** An activity (held by the test), then two 'item' events. */
@Workflow({ name: 'pending_gated' })
class Gated extends WorkflowBase<void, unknown[]> {
  async run(ctx: WorkflowContext): Promise<unknown[]> {
    const opened = await ctx.callActivity<string>(Gate);
    const a = await ctx.waitForExternalEvent<unknown>('item');
    const b = await ctx.waitForExternalEvent<unknown>('item');
    return [opened, a, b];
  }
}

/** The EventRaised messages waiting in an instance's inbox, read from the file. */
function inboxEvents(path: string, instanceId: string): number {
  const db = new Database(path, { readonly: true });
  try {
    const row = db
      .prepare(`SELECT COUNT(*) AS n FROM inbox WHERE instance_id = ? AND type = 'EventRaised'`)
      .get(instanceId) as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

/**
 * The embedded engine bounds the external events waiting in one instance's inbox (count and bytes): a
 * client's raise past a limit is refused with TooManyPendingEventsError and writes nothing; system messages
 * (activity outcomes, timers, control requests) always get in; raising works again once the events are
 * consumed.
 */
describe('SqliteBackend pending-event limits', () => {
  let dir: string;
  let path: string;
  let runtime: WorkflowRuntime | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'weft-pending-events-'));
    path = join(dir, 'weft.db');
  });
  afterEach(async () => {
    latch.release(); // a test that failed early must not leave the activity held (stop waits for it)
    await runtime?.stop();
    runtime = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  async function start(options: SqliteBackendOptions = {}): Promise<WorkflowRuntime> {
    runtime = new WorkflowRuntime({
      backend: new SqliteBackend({ path, ...options }),
      workflows: [Collect, Gated],
      activities: [Gate],
    });
    await runtime.start();
    return runtime;
  }

  it('refuses the event past maxPendingEvents of a suspended instance, writes nothing, and accepts again once consumed', async () => {
    const { client } = await start({ maxPendingEvents: 3 });
    const id = await client.scheduleNewWorkflow(Collect, 5);
    await client.waitForWorkflowStart(id, { timeoutMs: 10_000 });
    await client.suspendWorkflow(id);
    for (const n of [1, 2, 3]) await client.raiseEvent(id, 'item', n);

    const refused = await client.raiseEvent(id, 'item', 4).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(TooManyPendingEventsError);
    expect(refused).toMatchObject({
      code: ErrorCodes.TOO_MANY_PENDING_EVENTS,
      instanceId: id,
      pendingEvents: 3,
      maxPendingEvents: 3,
      maxPendingEventBytes: LIMITS.pendingEventBytes,
    });
    expect((refused as Error).message).toMatch(/3 unconsumed events waiting, the limit is 3/);
    expect(inboxEvents(path, id)).toBe(3);
    // The limit is per instance: another instance still takes events.
    const other = await client.scheduleNewWorkflow(Collect, 1);
    await client.raiseEvent(other, 'item', 'other');
    expect((await client.waitForWorkflowCompletion(other, { timeoutMs: 10_000 })).output).toEqual(['other']);

    // A control request is never refused, full inbox or not; the step it lets run consumes the three.
    await client.resumeWorkflow(id);
    await waitUntil(() => inboxEvents(path, id) === 0);
    await client.raiseEvent(id, 'item', 5);
    await client.raiseEvent(id, 'item', 6);
    const state = await client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toEqual([1, 2, 3, 5, 6]);
  });

  it('refuses an event that would pass maxPendingEventBytes, and one larger than the limit on its own', async () => {
    const { client } = await start({ maxPendingEventBytes: 1000 });
    const id = await client.scheduleNewWorkflow(Collect, 2);
    await client.waitForWorkflowStart(id, { timeoutMs: 10_000 });
    await client.suspendWorkflow(id);
    await client.raiseEvent(id, 'item', 'a'.repeat(500));

    const second = await client.raiseEvent(id, 'item', 'b'.repeat(500)).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(TooManyPendingEventsError);
    const err = second as TooManyPendingEventsError;
    expect(err).toMatchObject({ instanceId: id, pendingEvents: 1, maxPendingEventBytes: 1000 });
    expect(err.pendingBytes).toBeGreaterThan(500);
    expect(err.pendingBytes + err.eventBytes).toBeGreaterThan(1000);
    expect(err.message).toMatch(/would pass the limit of 1000 bytes/);

    const alone = await client.raiseEvent(id, 'item', 'c'.repeat(2000)).catch((e: unknown) => e);
    expect(alone).toBeInstanceOf(TooManyPendingEventsError);
    expect(inboxEvents(path, id)).toBe(1);

    await client.resumeWorkflow(id);
    await waitUntil(() => inboxEvents(path, id) === 0);
    await client.raiseEvent(id, 'item', 'd');
    const state = await client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
    expect(state.output).toEqual(['a'.repeat(500), 'd']);
  });

  it('by default allows 16 MiB of waiting events: the ninth 2 MB event is refused', async () => {
    const { client } = await start();
    const id = await client.scheduleNewWorkflow(Collect, 9);
    await client.waitForWorkflowStart(id, { timeoutMs: 10_000 });
    await client.suspendWorkflow(id);
    const big = 'x'.repeat(2_000_000);
    for (let i = 0; i < 8; i++) await client.raiseEvent(id, 'item', big);
    const ninth = await client.raiseEvent(id, 'item', big).catch((e: unknown) => e);
    expect(ninth).toMatchObject({
      code: ErrorCodes.TOO_MANY_PENDING_EVENTS,
      pendingEvents: 8,
      maxPendingEvents: LIMITS.pendingEvents,
      maxPendingEventBytes: 16 * 1024 * 1024,
    });
    expect(inboxEvents(path, id)).toBe(8);
    await client.terminateWorkflow(id);
    expect((await client.getWorkflowState(id))?.status).toBe(WorkflowStatus.TERMINATED);
  });

  it('never refuses system messages: an activity outcome and a resume land while the inbox is full of events', async () => {
    latch.reset();
    const { client } = await start({ maxPendingEvents: 2 });
    const id = await client.scheduleNewWorkflow(Gated);
    await latch.started;
    await client.suspendWorkflow(id);
    await client.raiseEvent(id, 'item', 'one');
    await client.raiseEvent(id, 'item', 'two');
    await expect(client.raiseEvent(id, 'item', 'three')).rejects.toBeInstanceOf(TooManyPendingEventsError);

    latch.release(); // its outcome goes into the full inbox
    await waitUntil(() => inboxMessages(path, id, 'TaskCompleted') === 1);
    await client.resumeWorkflow(id);
    const state = await client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toEqual(['opened', 'one', 'two']);
  });

  it('refuses a limit that is not a whole number ≥ 1 when the backend is made', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => new SqliteBackend({ path, maxPendingEvents: bad })).toThrow(ValidationError);
      expect(() => new SqliteBackend({ path, maxPendingEventBytes: bad })).toThrow(/maxPendingEventBytes/);
    }
  });

  it('applies no limit with Infinity', async () => {
    const { client } = await start({ maxPendingEvents: Infinity, maxPendingEventBytes: Infinity });
    const id = await client.scheduleNewWorkflow(Collect, 1);
    await client.waitForWorkflowStart(id, { timeoutMs: 10_000 });
    await client.suspendWorkflow(id);
    await Promise.all(Array.from({ length: 300 }, (_, i) => client.raiseEvent(id, 'item', i)));
    expect(inboxEvents(path, id)).toBe(300);
    await client.terminateWorkflow(id);
  });

  it('counts exactly within one group commit: of 10 raises sent together with a limit of 4, 4 get in', async () => {
    const { client } = await start({ maxPendingEvents: 4 });
    const id = await client.scheduleNewWorkflow(Collect, 4);
    await client.waitForWorkflowStart(id, { timeoutMs: 10_000 });
    await client.suspendWorkflow(id);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => client.raiseEvent(id, 'item', i)),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(4);
    for (const o of outcomes.filter((x) => x.status === 'rejected'))
      expect((o as PromiseRejectedResult).reason).toBeInstanceOf(TooManyPendingEventsError);
    expect(inboxEvents(path, id)).toBe(4);
    await client.resumeWorkflow(id);
    const state = await client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
    expect(state.output).toEqual([0, 1, 2, 3]);
  });

  it('adds the events index to a file written by an earlier schema, and applies the limit there', async () => {
    {
      const { client } = await start();
      await client.scheduleNewWorkflow(Collect, 1);
      await runtime?.stop();
      runtime = undefined;
    }
    const db = new Database(path);
    db.exec(`DROP INDEX inbox_events_by_instance`);
    db.pragma('user_version = 9');
    db.close();
    const { client } = await start({ maxPendingEvents: 1 });
    const id = await client.scheduleNewWorkflow(Collect, 2);
    await client.waitForWorkflowStart(id, { timeoutMs: 10_000 });
    await client.suspendWorkflow(id);
    await client.raiseEvent(id, 'item', 1);
    await expect(client.raiseEvent(id, 'item', 2)).rejects.toBeInstanceOf(TooManyPendingEventsError);
    const check = new Database(path, { readonly: true });
    const index = check
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'inbox_events_by_instance'`)
      .get();
    check.close();
    expect(index).toBeDefined();
  });
});

/** Messages of one type waiting in an instance's inbox. */
function inboxMessages(path: string, instanceId: string, type: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return (
      db
        .prepare(`SELECT COUNT(*) AS n FROM inbox WHERE instance_id = ? AND type = ?`)
        .get(instanceId, type) as {
        n: number;
      }
    ).n;
  } finally {
    db.close();
  }
}

/** Polls a condition of the file (another connection's commits), yielding to the event loop between reads. */
async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setImmediate(r));
  }
}

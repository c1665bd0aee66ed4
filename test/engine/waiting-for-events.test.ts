/**
 * `WorkflowState.waitingForEvents` (a Weft extension): the embedded engine records, after each step, the
 * external events the code still waits for, so a wait without a timeout (nothing in history) can be named.
 * Real SQLite file, real runtime. The gap reported elsewhere: durabletask cannot tell what a yielded
 * orchestration waits for (Azure/durabletask#801), Dapr's dev dashboard cannot show it (diagridio/dev-dashboard#91),
 * and Ballerina's Temporal waits left no trace until it published the live wait set for single, alternate and
 * sequential waits (ballerina-platform/ballerina-library#8938): the cases below.
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteBackend, Workflow, WorkflowBase, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { WorkflowClient, WorkflowContext } from 'weft-workflows';

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** Waits for `approval` (no timeout), then for `ship`. */
@Workflow({ name: 'approve_then_ship' })
class ApproveThenShip extends WorkflowBase<void, unknown> {
  async run(ctx: WorkflowContext) {
    const approval = await ctx.waitForExternalEvent('approval');
    ctx.setCustomStatus('approved');
    await ctx.waitForExternalEvent('ship');
    return approval;
  }
}

/** Races `approve` against `reject`; the loser is let go, then it waits for `ship`. */
@Workflow({ name: 'decide_then_ship' })
class DecideThenShip extends WorkflowBase<void, unknown> {
  async run(ctx: WorkflowContext) {
    const approve = ctx.waitForExternalEvent('approve');
    const reject = ctx.waitForExternalEvent('reject');
    const winner = await ctx.whenAny([approve, reject]);
    ctx.setCustomStatus(winner === approve ? 'approved' : 'rejected');
    await ctx.waitForExternalEvent('ship');
    return 'shipped';
  }
}

let dir: string;
let path: string;
let runtime: WorkflowRuntime;
let client: WorkflowClient;

/** Waits for a condition on the instance's state, turn by turn (no timers). */
async function stateWhen(id: string, check: (s: { customStatus?: unknown }) => boolean) {
  for (;;) {
    const state = await client.getWorkflowState(id);
    if (state && check(state)) return state;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'weft-waiting-'));
  path = join(dir, 'w.db');
  runtime = new WorkflowRuntime({
    backend: new SqliteBackend({ path, logger: quiet }),
    workflows: [ApproveThenShip, DecideThenShip],
    logger: quiet,
  });
  await runtime.start();
  client = runtime.client;
});

afterAll(async () => {
  await runtime?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('waitingForEvents', () => {
  it('names a wait without a timeout, moves on after the event, and is gone once finished', async () => {
    const id = await client.scheduleNewWorkflow(ApproveThenShip, undefined, { instanceId: 'wait-1' });
    const started = await client.waitForWorkflowStart(id, { timeoutMs: 10_000 });
    expect(started.waitingForEvents).toEqual(['approval']);
    // Nothing in history names it: the wait has no timer.
    const history = await client.getWorkflowHistory(id);
    expect(history.some((e) => e.type === 'TimerCreated')).toBe(false);
    // Persisted on the instance row, as JSON.
    const db = new Database(path, { readonly: true });
    try {
      const row = db.prepare('SELECT waiting_for_events FROM instances WHERE instance_id = ?').get(id);
      expect(row).toEqual({ waiting_for_events: '["approval"]' });
    } finally {
      db.close();
    }

    // Event names match case-insensitively, as the wait itself does.
    await client.raiseEvent(id, 'APPROVAL', 'yes');
    const approved = await stateWhen(id, (s) => s.customStatus === 'approved');
    expect(approved.waitingForEvents).toEqual(['ship']);

    await client.raiseEvent(id, 'ship');
    const done = await client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
    expect(done.status).toBe(WorkflowStatus.COMPLETED);
    expect(done.waitingForEvents).toBeUndefined();
  });

  it('lists both sides of a whenAny, then not the wait that lost', async () => {
    const id = await client.scheduleNewWorkflow(DecideThenShip, undefined, { instanceId: 'wait-2' });
    const started = await client.waitForWorkflowStart(id, { timeoutMs: 10_000 });
    expect(started.waitingForEvents).toEqual(['approve', 'reject']);

    await client.raiseEvent(id, 'approve');
    const decided = await stateWhen(id, (s) => s.customStatus === 'approved');
    expect(decided.waitingForEvents).toEqual(['ship']);

    await client.raiseEvent(id, 'ship');
    const done = await client.waitForWorkflowCompletion(id, { timeoutMs: 10_000 });
    expect(done.output).toBe('shipped');
    expect(done.waitingForEvents).toBeUndefined();
  });
});

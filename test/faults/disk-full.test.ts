import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WorkflowContext } from 'weft-workflows';
import { SqliteBackend, StorageError, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import { fillDisk, freeDisk, RecordingLogger } from './support';

/**
 * A full disk (simulated with SQLite's per-connection `max_page_count`: writes needing a new page fail
 * with SQLITE_FULL, as on a full file system). Before: SQLite rolled the failing batch back itself, the
 * commit queue's own ROLLBACK then threw "cannot rollback - no transaction is active" outside any
 * request and the process ended; an activity whose outcome could not be stored was abandoned and re-run
 * in a tight loop. Now: callers get StorageError (cause SQLITE_FULL), the runtime reports degraded, work
 * waits with back-off keeping computed outcomes, and resumes by itself once space returns.
 *
 * The crash is the one xonsh/xonsh#4116 fixed in its SQLite history backend (the process exited on a full
 * disk; now it reports and carries on).
 */
describe('disk full', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-full-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fails a start with StorageError (cause SQLITE_FULL) and keeps the process and the other calls alive', async () => {
    const backend = new SqliteBackend({ path: join(dir, 'weft.db') });
    await backend.open();
    try {
      fillDisk(backend);
      const big = JSON.stringify('x'.repeat(20_000));
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) =>
          backend.createInstance({ instanceId: `i${i}`, name: 'wf', input: big }),
        ),
      );
      for (const r of results) {
        expect(r.status).toBe('rejected');
        const err = (r as PromiseRejectedResult).reason as StorageError;
        expect(err).toBeInstanceOf(StorageError);
        expect(err.code).toBe('STORAGE');
        expect((err.cause as { code?: string }).code).toBe('SQLITE_FULL');
      }
      expect(backend.health()).toMatchObject({ status: 'degraded', cause: 'SQLITE_FULL' });
      freeDisk(backend);
      await backend.createInstance({ instanceId: 'after', name: 'wf', input: big });
      expect(backend.health()).toEqual({ status: 'ok' });
      expect((await backend.getInstance('after', false))?.status).toBe(WorkflowStatus.PENDING);
      for (let i = 0; i < 5; i++) expect(await backend.getInstance(`i${i}`, false)).toBeUndefined();
    } finally {
      await backend.close();
    }
  });

  it('keeps outcomes it cannot store, runs no activity twice, reports degraded and resumes when space returns', async () => {
    const logger = new RecordingLogger();
    const backend = new SqliteBackend({
      path: join(dir, 'weft.db'),
      logger,
      storageRetryMs: { initialMs: 5, maxMs: 40 },
    });
    const runtime = new WorkflowRuntime({ backend, logger, workflows: [], activities: [] });
    const runs = new Map<string, number>();
    let openGate: () => void = () => {};
    const gate = new Promise<void>((r) => (openGate = r));
    runtime.registerWorkflow(async function order(ctx: WorkflowContext, input: { id: string }) {
      const charged = await ctx.callActivity<string>('charge', input);
      const shipped = await ctx.callActivity<string>('ship', input);
      return [charged, shipped];
    });
    runtime.registerActivity(async function charge(ctx, input: { id: string }) {
      runs.set(`${ctx.instanceId}/charge`, (runs.get(`${ctx.instanceId}/charge`) ?? 0) + 1);
      if (input.id.startsWith('held')) await gate;
      return `charged ${input.id}`;
    });
    runtime.registerActivity(async function ship(ctx, input: { id: string }) {
      runs.set(`${ctx.instanceId}/ship`, (runs.get(`${ctx.instanceId}/ship`) ?? 0) + 1);
      return `shipped ${input.id}`;
    });
    await runtime.start();
    try {
      const client = runtime.client;
      const held = ['held-1', 'held-2', 'held-3'];
      for (const id of held) await client.scheduleNewWorkflow('order', { id }, { instanceId: id });
      await Promise.all(held.map((id) => client.waitForWorkflowStart(id)));

      fillDisk(backend);
      // Starts are acknowledged until the file has no room left; the first refusal is a StorageError.
      // Smaller and smaller starts use up what room is left in the file's pages (a start that runs its
      // first step eagerly writes more than one that does not, and is refused sooner).
      const acknowledged: string[] = [];
      let i = 0;
      for (const pad of [2000, 200, 0]) {
        let refusal: unknown;
        while (i < 400 && refusal === undefined) {
          const id = `during-${i++}`;
          await client
            .scheduleNewWorkflow('order', { id, pad: 'p'.repeat(pad) }, { instanceId: id })
            .then(() => acknowledged.push(id))
            .catch((err: unknown) => (refusal = err));
        }
        expect(refusal).toBeInstanceOf(StorageError);
      }

      // The held activities finish now; their outcomes cannot be stored.
      openGate();
      await logger.next(/storage is failing/);
      expect(runtime.health()).toMatchObject({ status: 'degraded', cause: 'SQLITE_FULL' });
      expect(runtime.isRunning).toBe(true);

      freeDisk(backend);
      const ids = [...held, ...acknowledged];
      const states = await Promise.all(
        ids.map((id) => client.waitForWorkflowCompletion(id, { timeoutMs: 20_000 })),
      );
      for (const s of states) expect(s?.status).toBe(WorkflowStatus.COMPLETED);
      expect(states[0]?.output).toEqual(['charged held-1', 'shipped held-1']);
      // No activity ran twice: an outcome that could not be stored was kept and its commit retried.
      for (const id of held) expect(runs.get(`${id}/charge`)).toBe(1);
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
      await logger.next(/storage works again/);
      expect(runtime.health()).toEqual({ status: 'ok' });
    } finally {
      await runtime.stop();
    }
  });
});

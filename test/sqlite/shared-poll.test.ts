import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteBackend, WorkflowClient, WorkflowRuntime, WorkflowStatus } from 'weft-workflows';
import type { WorkflowContext } from 'weft-workflows';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Waits on instances that another connection runs (another backend on the file, as another process would)
 * are answered by one poll shared by all waits: it asks the file whether anyone else committed, then each
 * wait reads its own instance. Every wait must be answered, whichever poll saw its instance finish.
 */
describe('waits on work done by another connection', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'weft-shared-poll-'))));
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers every wait from the one shared poll', async () => {
    const path = join(dir, 'weft.db');
    const worker = new WorkflowRuntime({
      backend: new SqliteBackend({ path, logger: quiet }),
      workflows: [],
      activities: [],
      logger: quiet,
    });
    worker.registerActivity(async (_ctx: unknown, n: number) => n * 2, 'double');
    worker.registerWorkflow(async (ctx: WorkflowContext, n: number) => {
      await ctx.waitForExternalEvent('go');
      return ctx.callActivity<number>('double', n);
    }, 'doubles');
    await worker.start();
    const waiter = new SqliteBackend({ path, logger: quiet });
    const client = new WorkflowClient({ backend: waiter });
    try {
      const ids = await Promise.all(
        Array.from({ length: 12 }, (_, n) =>
          client.scheduleNewWorkflow('doubles', n, { instanceId: `w${n}` }),
        ),
      );
      const answers = Promise.all(
        ids.map((id) => client.waitForWorkflowCompletion(id, { timeoutMs: 20_000 })),
      );
      await Promise.all(ids.map((id) => worker.client.raiseEvent(id, 'go')));
      const states = await answers;
      expect(states.map((s) => s.status)).toEqual(ids.map(() => WorkflowStatus.COMPLETED));
      expect(states.map((s) => s.output)).toEqual(ids.map((_, n) => n * 2));
    } finally {
      await waiter.close();
      await worker.stop();
    }
  });
});

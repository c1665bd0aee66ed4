import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { SqliteBackend, WorkflowClient, WorkflowStatus } from 'weft-workflows';
import type { WorkflowHistoryEvent } from 'weft-workflows';
import { startProcess, stopProcess } from '../support/processes';

const WORKER = join(__dirname, '..', 'fixtures', 'engine-worker.js');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Exactly one scheduling and one completion per step, in order: no step was applied twice. */
function expectCleanChain(history: WorkflowHistoryEvent[], steps: number): void {
  const scheduled = history.filter((e) => e.type === 'TaskScheduled').map((e) => e.eventId);
  const completed = history.filter((e) => e.type === 'TaskCompleted').map((e) => e.taskScheduledId);
  expect(scheduled).toEqual([...Array(steps).keys()]);
  expect(completed).toEqual([...Array(steps).keys()]);
  expect(history.filter((e) => e.type === 'ExecutionStarted')).toHaveLength(1);
  expect(history.filter((e) => e.type === 'ExecutionCompleted')).toHaveLength(1);
}

describe('several processes and crashes on one database file', () => {
  let dir: string;
  let db: string;
  let client: WorkflowClient;
  let backend: SqliteBackend;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-proc-'));
    db = join(dir, 'weft.db');
    backend = new SqliteBackend({ path: db });
    client = new WorkflowClient({ backend });
    await backend.open();
  });

  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => stopProcess(c, 'SIGKILL')));
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('two worker processes on one file both make progress and complete every workflow exactly once', async () => {
    children.push(
      await startProcess(WORKER, [db, '15000', '5', '4']),
      await startProcess(WORKER, [db, '15000', '5', '4']),
    );
    const ids: string[] = [];
    for (let i = 0; i < 40; i++)
      ids.push(await client.scheduleNewWorkflow('chain', 4, { instanceId: `wf-${i}` }));
    const pids = new Set<number>();
    for (const id of ids) {
      const state = await client.waitForWorkflowCompletion(id, { timeoutMs: 60_000 });
      expect(state.status).toBe(WorkflowStatus.COMPLETED);
      for (const r of state.output as { pid: number }[]) pids.add(r.pid);
      expectCleanChain(await client.getWorkflowHistory(id), 4);
    }
    expect(pids).toEqual(new Set(children.map((c) => c.pid)));
  }, 90_000);

  it('a worker killed with SIGKILL mid-run is restarted on the same file; nothing is lost or applied twice', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++)
      ids.push(await client.scheduleNewWorkflow('chain', 5, { instanceId: `crash-${i}` }));
    const first = await startProcess(WORKER, [db, '1000', '30']);
    children.push(first);
    // Let it get part of the way: kill it as soon as it is seen mid-run (each workflow takes 5 activities of
    // 30 ms, so some are still unfinished then; a fixed pause after this let a fast engine finish them all).
    for (;;) {
      const done = (await client.listWorkflows({ status: WorkflowStatus.COMPLETED })).items.length;
      const running = (await client.listWorkflows({ status: WorkflowStatus.RUNNING })).items.length;
      if (running > 0 && done < ids.length) break;
      await sleep(20);
    }
    await stopProcess(first, 'SIGKILL');
    const unfinished = (
      await client.listWorkflows({ status: [WorkflowStatus.RUNNING, WorkflowStatus.PENDING] })
    ).items;
    expect(unfinished.length).toBeGreaterThan(0);

    children.push(await startProcess(WORKER, [db, '1000', '30']));
    for (const id of ids) {
      const state = await client.waitForWorkflowCompletion(id, { timeoutMs: 60_000 });
      expect(state.status).toBe(WorkflowStatus.COMPLETED);
      expect((state.output as { step: number }[]).map((r) => r.step)).toEqual([0, 1, 2, 3, 4]);
      expectCleanChain(await client.getWorkflowHistory(id), 5);
    }
  }, 90_000);
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteBackend, WorkflowStatus } from 'weft-workflows';
import type { HistoryEvent, WorkItemProcessor, WorkflowWorkItem } from 'weft-workflows';

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * A stall decided on the fast path (an activity's outcome and the step that consumes it in one commit):
 * the outcome exists only in the preview there, so it must reach the inbox and be held back with the
 * stalled step's events, then be consumed exactly once when a worker with the code retries.
 */
describe('STALLED instances on the SQLite engine', () => {
  let dir: string;
  let backend: SqliteBackend;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-stalls-'));
    backend = new SqliteBackend({ path: join(dir, 'weft.db'), logger: quiet });
    await backend.open();
  });
  afterEach(async () => {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds an activity outcome back when the step consuming it stalls, and consumes it once on retry', async () => {
    let hasCode = false;
    const seenByStalledSteps: string[][] = [];
    const has = (item: WorkflowWorkItem, type: HistoryEvent['type']) =>
      item.newEvents.some((e) => e.type === type);
    // A processor scripted by hand, over the public Backend contract: a step after the activity cannot run
    // until the code "arrives".
    const processor: WorkItemProcessor = {
      processWorkflow: async (item) => {
        if (has(item, 'ExecutionStarted')) {
          return {
            actions: [{ type: 'ScheduleTask', id: 0, name: 'reserve', taskExecutionId: 't0', attempt: 1 }],
          };
        }
        if (!hasCode) {
          seenByStalledSteps.push(item.newEvents.map((e) => e.type));
          return {
            actions: [],
            stalled: { reason: 'VERSION_NOT_AVAILABLE', description: "No version 'v2' of 'order'." },
          };
        }
        const done = item.newEvents.find((e) => e.type === 'TaskCompleted');
        return {
          actions: [
            {
              type: 'CompleteWorkflow',
              id: 1,
              workflowStatus: WorkflowStatus.COMPLETED,
              result: done?.type === 'TaskCompleted' ? done.result : 'missing',
            },
          ],
          version: { name: 'v2' },
        };
      },
      processActivity: async () => ({ result: '"reserved"' }),
    };
    const worker = backend.startWorker(processor, { maxConcurrentWorkflows: 4, maxConcurrentActivities: 4 });
    try {
      await backend.createInstance({ instanceId: 'o1', name: 'order' });
      await backend.waitForInstance('o1', 'start', 10_000);
      await backend.whenIdle();
      let state = await backend.getInstance('o1', false);
      expect(state?.status).toBe(WorkflowStatus.STALLED);
      expect(state?.stalledReason).toBe('VERSION_NOT_AVAILABLE');
      // The stalled steps saw the outcome (on the fast path's preview, then from the inbox).
      expect(seenByStalledSteps.length).toBeGreaterThanOrEqual(1);
      expect(seenByStalledSteps.every((types) => types.includes('TaskCompleted'))).toBe(true);
      let history = (await backend.getHistory('o1')) ?? [];
      expect(history.filter((e) => e.type === 'TaskCompleted')).toHaveLength(0);
      expect(history.filter((e) => e.type === 'ExecutionStalled')).toHaveLength(1);

      hasCode = true;
      await backend.retryStalled();
      state = await backend.waitForInstance('o1', 'completion', 10_000);
      expect(state.status).toBe(WorkflowStatus.COMPLETED);
      expect(state.output).toBe('"reserved"');
      expect(state.version).toBe('v2');
      expect(state.stalledReason).toBeUndefined();
      history = (await backend.getHistory('o1')) ?? [];
      expect(history.filter((e) => e.type === 'TaskCompleted')).toHaveLength(1);
      expect(history.filter((e) => e.type === 'ExecutionStalled')).toHaveLength(1);
      const lastStart = history.filter((e) => e.type === 'WorkflowStarted').at(-1);
      expect(lastStart).toMatchObject({ version: { name: 'v2' } });
    } finally {
      await worker.stop();
    }
  });
});

/**
 * Control operations on a STALLED instance (merge of the control branch with stalls): a terminate ends it
 * with the events its stall held back in history; a suspend shows SUSPENDED at once, keeps those events
 * with the suspend, and the step after the resume tries the code again.
 */
describe('suspend and terminate of a STALLED instance', () => {
  let dir: string;
  let backend: SqliteBackend;
  let hasCode: boolean;
  let worker: { stop(): Promise<void> };
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'weft-stall-control-'));
    backend = new SqliteBackend({ path: join(dir, 'weft.db'), logger: quiet });
    await backend.open();
    hasCode = false;
    const processor: WorkItemProcessor = {
      processWorkflow: async (item) => {
        if (item.newEvents.some((e) => e.type === 'ExecutionStarted'))
          return {
            actions: [{ type: 'ScheduleTask', id: 0, name: 'reserve', taskExecutionId: 't0', attempt: 1 }],
          };
        if (!hasCode)
          return { actions: [], stalled: { reason: 'VERSION_NOT_AVAILABLE', description: 'no v2' } };
        // The held-back outcome comes back as a new event of the step that runs.
        const done = item.newEvents.find((e) => e.type === 'TaskCompleted');
        return {
          actions: [
            {
              type: 'CompleteWorkflow',
              id: 1,
              workflowStatus: WorkflowStatus.COMPLETED,
              result: done?.type === 'TaskCompleted' ? done.result : 'missing',
            },
          ],
        };
      },
      processActivity: async () => ({ result: '"reserved"' }),
    };
    worker = backend.startWorker(processor, { maxConcurrentWorkflows: 4, maxConcurrentActivities: 4 });
    await backend.createInstance({ instanceId: 's1', name: 'order' });
    await backend.waitForInstance('s1', 'start', 10_000);
    await backend.whenIdle();
    expect((await backend.getInstance('s1', false))?.status).toBe(WorkflowStatus.STALLED);
  });
  afterEach(async () => {
    await worker.stop();
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('terminates a STALLED instance, recording the held-back events before the termination', async () => {
    await backend.terminate('s1', '"stop"', true);
    const state = await backend.getInstance('s1', true);
    expect(state?.status).toBe(WorkflowStatus.TERMINATED);
    expect(state?.output).toBe('"stop"');
    expect(state?.stalledReason).toBeUndefined();
    const types = ((await backend.getHistory('s1')) ?? []).map((e) => e.type);
    expect(types.filter((t) => t === 'TaskCompleted')).toHaveLength(1);
    expect(types.indexOf('TaskCompleted')).toBeLessThan(types.indexOf('ExecutionTerminated'));
    expect(types.at(-1)).toBe('ExecutionCompleted');
  });

  it('suspends a STALLED instance; after the resume the step tries the code again with the held-back events', async () => {
    await backend.suspend('s1', 'deploying');
    let state = await backend.getInstance('s1', false);
    expect(state?.status).toBe(WorkflowStatus.SUSPENDED);
    expect(state?.stalledReason).toBeUndefined();
    // A worker with the code arrives while it is suspended: nothing runs until the resume.
    hasCode = true;
    await backend.retryStalled();
    await backend.whenIdle();
    expect((await backend.getInstance('s1', false))?.status).toBe(WorkflowStatus.SUSPENDED);
    await backend.resume('s1');
    state = await backend.waitForInstance('s1', 'completion', 10_000);
    expect(state.status).toBe(WorkflowStatus.COMPLETED);
    expect(state.output).toBe('"reserved"');
    const types = ((await backend.getHistory('s1')) ?? []).map((e) => e.type);
    expect(types.filter((t) => t === 'TaskCompleted')).toHaveLength(1);
    expect(types).toEqual(expect.arrayContaining(['ExecutionSuspended', 'ExecutionResumed']));
  });
});

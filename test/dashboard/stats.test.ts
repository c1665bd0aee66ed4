/** The charts' numbers: throughput per bucket and step latency quantiles, from states and histories. */
import { foldStack, stepLatencies, throughput, WorkflowStatus } from 'weft-workflows';
import type { WorkflowHistoryEvent, WorkflowState } from 'weft-workflows';

const T0 = 1_700_000_000_000;
const state = (created: number, status: WorkflowStatus, updated = created): WorkflowState => ({
  instanceId: `i${created}`,
  name: 'wf',
  status,
  createdAt: new Date(T0 + created),
  lastUpdatedAt: new Date(T0 + updated),
});

it('counts started by creation and completed/failed by when they finished, ignoring what is outside the window', () => {
  const buckets = throughput(
    [
      state(0, WorkflowStatus.COMPLETED, 150),
      state(50, WorkflowStatus.FAILED, 250),
      state(120, WorkflowStatus.RUNNING),
      state(-10, WorkflowStatus.COMPLETED, 20),
      state(310, WorkflowStatus.COMPLETED, 320),
    ],
    T0,
    T0 + 300,
    3,
  );
  expect(buckets).toEqual([
    { start: T0, started: 2, completed: 1, failed: 0 },
    { start: T0 + 100, started: 1, completed: 1, failed: 0 },
    { start: T0 + 200, started: 0, completed: 0, failed: 1 },
  ]);
});

it('measures each activity attempt from scheduled to finished, per name, slowest p95 first', () => {
  const ev = (ms: number, type: string, fields: Record<string, unknown> = {}): WorkflowHistoryEvent =>
    ({ eventId: -1, type, timestamp: new Date(T0 + ms), ...fields }) as WorkflowHistoryEvent;
  const run = (fast: number, slow: number, fails: boolean): WorkflowHistoryEvent[] => [
    ev(0, 'TaskScheduled', { eventId: 0, name: 'fast' }),
    ev(fast, 'TaskCompleted', { taskScheduledId: 0 }),
    ev(fast, 'TaskScheduled', { eventId: 1, name: 'slow' }),
    ev(fast + slow, fails ? 'TaskFailed' : 'TaskCompleted', { taskScheduledId: 1 }),
    ev(fast + slow, 'TaskScheduled', { eventId: 2, name: 'never-finishes' }),
  ];
  const steps = stepLatencies([run(10, 100, false), run(20, 300, true), run(30, 200, false)]);
  expect(steps).toEqual([
    { name: 'slow', count: 3, failures: 1, p50: 200, p95: 300, max: 300 },
    { name: 'fast', count: 3, failures: 0, p50: 20, p95: 30, max: 30 },
  ]);
});

it("folds Weft's and Node's stack frames away from the user's", () => {
  const stack = [
    'Error: card declined',
    '    at ChargeAct.run (/app/src/activities/charge.ts:12:11)',
    '    at invoke (/opt/weft/src/runtime/workflow-runtime.ts:200:5)',
    '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    '    at helper (/app/node_modules/some-lib/index.js:3:1)',
    '    at validate (/app/src/activities/validate.ts:4:2)',
  ].join('\n');
  expect(foldStack(stack, ['/opt/weft/src/runtime'])).toEqual({
    head: 'Error: card declined',
    userFrames: [
      'at ChargeAct.run (/app/src/activities/charge.ts:12:11)',
      'at validate (/app/src/activities/validate.ts:4:2)',
    ],
    internalFrames: [
      'at invoke (/opt/weft/src/runtime/workflow-runtime.ts:200:5)',
      'at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      'at helper (/app/node_modules/some-lib/index.js:3:1)',
    ],
  });
});

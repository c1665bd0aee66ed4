import 'reflect-metadata';
import { container } from 'tsyringe';
import { startHttpHarness } from '../../test/http/support/http-harness';
import type { HttpHarness } from '../../test/http/support/http-harness';
import { BusinessCounters, FailActivity, TestActivity, TestWorkflow } from './business.workflows';
import { runBusinessScenario } from './business.scenario';

describe('business-workflow sample (seed: dapr/go-sdk examples/workflow) over HTTP', () => {
  let h: HttpHarness;
  const counters = new BusinessCounters();
  beforeAll(async () => {
    const child = container.createChildContainer();
    child.registerInstance(BusinessCounters, counters);
    h = await startHttpHarness({
      workflows: [TestWorkflow],
      activities: [TestActivity, FailActivity],
      container: child,
    });
  });
  afterAll(() => h.close());

  it('checks what the Go program checks: suspend, resume, event, retries, purge, restart, terminate, purge', async () => {
    const lines: string[] = [];
    const report = await runBusinessScenario(
      h.url,
      () => counters,
      (l) => lines.push(l),
    );
    expect(report).toEqual({
      statusAfterSuspend: 'SUSPENDED',
      statusAfterResume: 'RUNNING',
      stageAfterEvent: 2,
      failActivityTries: 3,
      finalStatus: 'COMPLETED',
      output: 'Stage: 2',
      purgedStatusCode: 404,
      restartedStatus: 'RUNNING',
      terminatedStatus: 'TERMINATED',
      secondPurgeStatusCode: 204,
    });
    expect(lines).toContain('fail activity executions: 3');
  });

  it('retries FailActivity at 100 ms then 200 ms (x2, capped at 1 s), as recorded in history', async () => {
    const start = await fetch(`${h.url}/workflows/TestWorkflow?instanceId=retry-check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '1',
    });
    expect(start.status).toBe(202);
    await fetch(`${h.url}/workflows/retry-check/events/businessEvent`, { method: 'POST' });
    const done = (await (await fetch(`${h.url}/workflows/retry-check?wait=10s`)).json()) as {
      status: string;
    };
    expect(done.status).toBe('COMPLETED');
    const { events } = (await (await fetch(`${h.url}/workflows/retry-check/history`)).json()) as {
      events: {
        type: string;
        name?: string;
        fireAt?: number;
        timestamp: string;
        origin?: { kind: string };
      }[];
    };
    const failScheduled = events.filter((e) => e.type === 'TaskScheduled' && e.name === 'FailActivity');
    expect(failScheduled).toHaveLength(3);
    // A retry timer fires its delay after the workflow step that saw the failure (its WorkflowStarted time).
    const delays: number[] = [];
    events.forEach((e, i) => {
      if (e.type !== 'TimerCreated' || e.origin?.kind !== 'activityRetry') return;
      const step = events
        .slice(0, i)
        .reverse()
        .find((p) => p.type === 'WorkflowStarted');
      delays.push(e.fireAt! - Date.parse(step!.timestamp));
    });
    expect(delays).toEqual([100, 200]);
  });
});

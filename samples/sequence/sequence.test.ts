import { startHttpHarness } from '../../test/http/support/http-harness';
import type { HttpHarness } from '../../test/http/support/http-harness';
import { HelloActivity, SequenceWorkflow, hello, sequence } from './sequence.workflows';
import { runSequence } from './sequence.scenario';

const expected = ['Hello Tokyo!', 'Hello Seattle!', 'Hello London!'];

describe('sequence sample (seed: dapr/js-sdk activity-sequence) over HTTP', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness({ workflows: [SequenceWorkflow], activities: [HelloActivity] }, (runtime) =>
      runtime.registerWorkflow(sequence).registerActivity(hello),
    );
  });
  afterAll(() => h.close());

  it('runs the original async generator function registered with registerWorkflow(fn)', async () => {
    const lines: string[] = [];
    expect(await runSequence(h.url, 'sequence', (l) => lines.push(l))).toEqual(expected);
    expect(lines[1]).toBe(`Orchestration completed! Result: ${JSON.stringify(expected)}`);
  });

  it('runs the class port with the same result', async () => {
    expect(await runSequence(h.url, 'SequenceWorkflow', () => {})).toEqual(expected);
  });

  it('serves the class on its own route, POST /sequences and GET /sequences/:id', async () => {
    const started = await fetch(`${h.url}/sequences`, { method: 'POST' });
    expect(started.status).toBe(202);
    const { instanceId } = (await started.json()) as { instanceId: string };
    expect(started.headers.get('location')).toBe(`/sequences/${instanceId}`);
    const done = await fetch(`${h.url}/sequences/${instanceId}?wait=30s`);
    expect(await done.json()).toEqual({ details: null, status: 'COMPLETED', result: expected });
  });

  it('records the three activity calls in order in the history', async () => {
    const started = await fetch(`${h.url}/workflows/sequence`, { method: 'POST' });
    const { instanceId } = (await started.json()) as { instanceId: string };
    await fetch(`${h.url}/workflows/${instanceId}?wait=30s`);
    const history = (await (await fetch(`${h.url}/workflows/${instanceId}/history`)).json()) as {
      events: { type: string; name?: string; input?: unknown }[];
    };
    const scheduled = history.events.filter((e) => e.type === 'TaskScheduled');
    expect(scheduled.map((e) => [e.name, e.input])).toEqual([
      ['hello', 'Tokyo'],
      ['hello', 'Seattle'],
      ['hello', 'London'],
    ]);
  });
});

describe('sequence sample: the async generator replays from history', () => {
  it('gives the same result when every step replays (no execution cache)', async () => {
    const h = await startHttpHarness(
      { workflows: [SequenceWorkflow], activities: [HelloActivity], executionCacheSize: 0 },
      (runtime) => runtime.registerWorkflow(sequence).registerActivity(hello),
    );
    try {
      expect(await runSequence(h.url, 'sequence', () => {})).toEqual(expected);
    } finally {
      await h.close();
    }
  });
});

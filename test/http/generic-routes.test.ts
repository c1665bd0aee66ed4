import { startHttpHarness } from './support/http-harness';
import type { HttpHarness } from './support/http-harness';
import { request } from './support/http-client';
import { EchoWorkflow, WaitForGoWorkflow } from './support/test-workflows';

describe('generated router: generic /workflows routes over real HTTP', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness({ workflows: [EchoWorkflow, WaitForGoWorkflow], activities: [] });
  });
  afterAll(() => h.close());

  const start = (name: string, json?: unknown, id?: string) =>
    request(`${h.url}/workflows/${name}${id === undefined ? '' : `?instanceId=${encodeURIComponent(id)}`}`, {
      method: 'POST',
      json,
    });

  it('POST /workflows/:name answers 202 with { instanceId } and a Location that reads the instance', async () => {
    const input = { text: 'héllo 東京 🚀', n: 0, empty: '', no: false, nothing: null };
    const res = await start('Echo', input);
    expect(res.status).toBe(202);
    const { instanceId } = res.body;
    expect(typeof instanceId).toBe('string');
    expect(res.headers.get('location')).toBe(`/workflows/${instanceId}`);
    const state = await request(`${h.url}${res.headers.get('location')}?wait=10s`);
    expect(state.status).toBe(200);
    expect(state.body).toMatchObject({ instanceId, name: 'Echo', status: 'COMPLETED', input, output: input });
  });

  it('accepts any JSON value as input, and no body as no input', async () => {
    for (const input of ['just a string', 0, false, null, [1, 2]]) {
      const { body } = await start('Echo', input === null ? null : input);
      const state = await request(`${h.url}/workflows/${body.instanceId}?wait=10s`);
      expect(state.body.output).toEqual(input);
    }
    const none = await request(`${h.url}/workflows/Echo`, { method: 'POST' });
    expect(none.status).toBe(202);
    const state = await request(`${h.url}/workflows/${none.body.instanceId}?wait=10s`);
    expect(state.body.status).toBe('COMPLETED');
    expect('output' in state.body).toBe(false);
  });

  it('uses ?instanceId=, including unicode ids, and encodes them in Location', async () => {
    const id = 'заказ/東京 #1 🚀';
    const res = await start('Echo', 'x', id);
    expect(res.status).toBe(202);
    expect(res.body.instanceId).toBe(id);
    expect(res.headers.get('location')).toBe(`/workflows/${encodeURIComponent(id)}`);
    const state = await request(`${h.url}/workflows/${encodeURIComponent(id)}?wait=10s`);
    expect(state.body).toMatchObject({ instanceId: id, output: 'x' });
  });

  it('accepts a 1024-character id and refuses a 1025-character one with 400 VALIDATION', async () => {
    const ok = await start('Echo', 1, 'a'.repeat(1024));
    expect(ok.status).toBe(202);
    const tooLong = await start('Echo', 1, 'b'.repeat(1025));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('VALIDATION');
    expect((await request(`${h.url}/workflows/${'b'.repeat(1025)}`)).status).toBe(404);
  });

  it('refuses an instanceId given twice', async () => {
    const res = await request(`${h.url}/workflows/Echo?instanceId=a&instanceId=b`, {
      method: 'POST',
      json: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
  });

  it('answers 404 WORKFLOW_NOT_FOUND for an unknown workflow or instance, on every route', async () => {
    const unknownWorkflow = await start('NoSuchWorkflow', {});
    expect(unknownWorkflow.status).toBe(404);
    expect(unknownWorkflow.body.error).toEqual({
      code: 'WORKFLOW_NOT_FOUND',
      message: expect.stringContaining('NoSuchWorkflow'),
    });
    const id = 'missing-instance';
    const calls = [
      request(`${h.url}/workflows/${id}`),
      request(`${h.url}/workflows/${id}?wait=1s`),
      request(`${h.url}/workflows/${id}/history`),
      request(`${h.url}/workflows/${id}/events/go`, { method: 'POST', json: 1 }),
      request(`${h.url}/workflows/${id}/suspend`, { method: 'POST' }),
      request(`${h.url}/workflows/${id}/resume`, { method: 'POST' }),
      request(`${h.url}/workflows/${id}/terminate`, { method: 'POST' }),
      request(`${h.url}/workflows/${id}`, { method: 'DELETE' }),
    ];
    for (const res of await Promise.all(calls)) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('WORKFLOW_NOT_FOUND');
    }
  });

  it('lets exactly one of many concurrent starts of one id win (202), the others get 409', async () => {
    const id = 'concurrent-start';
    const answers = await Promise.all(Array.from({ length: 12 }, () => start('WaitForGo', 'x', id)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(11);
    expect(answers.find((a) => a.status === 409)?.body.error.code).toBe('WORKFLOW_ALREADY_EXISTS');
    await request(`${h.url}/workflows/${id}/terminate`, { method: 'POST' });
  });

  it('raises events, suspends (keeping events), resumes and completes', async () => {
    const { body } = await start('WaitForGo', { order: 7 });
    const id = body.instanceId as string;
    const suspended = await request(`${h.url}/workflows/${id}/suspend?reason=check`, { method: 'POST' });
    expect(suspended.status).toBe(202);
    // The answer comes once the state shows it: no polling.
    expect((await request(`${h.url}/workflows/${id}`)).body.status).toBe('SUSPENDED');
    const raised = await request(`${h.url}/workflows/${id}/events/go`, { method: 'POST', json: { ok: 'ü' } });
    expect(raised).toMatchObject({ status: 202, body: { instanceId: id, eventName: 'go' } });
    expect((await request(`${h.url}/workflows/${id}?wait=200ms`)).body.status).toBe('SUSPENDED');
    expect((await request(`${h.url}/workflows/${id}/resume`, { method: 'POST' })).status).toBe(202);
    const done = await request(`${h.url}/workflows/${id}?wait=10s`);
    expect(done.body).toMatchObject({
      status: 'COMPLETED',
      output: { input: { order: 7 }, event: { ok: 'ü' } },
    });
    const history = await request(`${h.url}/workflows/${id}/history`);
    const types = (history.body.events as { type: string }[]).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['ExecutionSuspended', 'ExecutionResumed', 'EventRaised']));
  });

  it('answers 409 WORKFLOW_NOT_RUNNING for event, suspend, resume and terminate on a finished instance', async () => {
    const { body } = await start('Echo', 1);
    const id = body.instanceId as string;
    await request(`${h.url}/workflows/${id}?wait=10s`);
    for (const path of ['events/go', 'suspend', 'resume', 'terminate']) {
      const res = await request(`${h.url}/workflows/${id}/${path}`, { method: 'POST' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('WORKFLOW_NOT_RUNNING');
    }
  });

  it('purges only finished instances: 409 WORKFLOW_NOT_TERMINAL while running, 204 after, then 404', async () => {
    const { body } = await start('WaitForGo', 1);
    const id = body.instanceId as string;
    const running = await request(`${h.url}/workflows/${id}`, { method: 'DELETE' });
    expect(running.status).toBe(409);
    expect(running.body.error.code).toBe('WORKFLOW_NOT_TERMINAL');
    const terminated = await request(`${h.url}/workflows/${id}/terminate`, {
      method: 'POST',
      json: { why: 'test' },
    });
    expect(terminated.status).toBe(202);
    const state = await request(`${h.url}/workflows/${id}`);
    expect(state.body).toMatchObject({ status: 'TERMINATED', output: { why: 'test' } });
    const purged = await request(`${h.url}/workflows/${id}`, { method: 'DELETE' });
    expect(purged.status).toBe(204);
    expect((await request(`${h.url}/workflows/${id}`)).status).toBe(404);
  });

  it('answers the current state when ?wait= ends before the instance finishes', async () => {
    const { body } = await start('WaitForGo', 1);
    const res = await request(`${h.url}/workflows/${body.instanceId}?wait=200ms`);
    expect(res.status).toBe(200);
    expect(['PENDING', 'RUNNING']).toContain(res.body.status);
    await request(`${h.url}/workflows/${body.instanceId}/terminate`, { method: 'POST' });
  });

  it('refuses a malformed ?wait= with 400 (any length is allowed: 2d, infinity)', async () => {
    const { body } = await start('Echo', 1);
    for (const wait of ['soon', '-1s', '2y', '1e3']) {
      const res = await request(`${h.url}/workflows/${body.instanceId}?wait=${wait}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
  });

  it('can leave payloads out of GET', async () => {
    const { body } = await start('Echo', { big: 'x' });
    const res = await request(`${h.url}/workflows/${body.instanceId}?wait=10s&includePayloads=false`);
    expect(res.body.status).toBe('COMPLETED');
    expect(res.body.input).toBeUndefined();
    expect(res.body.output).toBeUndefined();
  });

  it('lists with filters and pages with a continuation token', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const { body } = await start('Echo', i, `list-${i}`);
      ids.push(body.instanceId as string);
    }
    for (const id of ids) await request(`${h.url}/workflows/${id}?wait=10s`);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await request(
        `${h.url}/workflows?name=Echo&status=COMPLETED&pageSize=2${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`,
      );
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      for (const item of page.body.items) {
        expect(item).toMatchObject({ name: 'Echo', status: 'COMPLETED' });
        seen.push(item.instanceId);
      }
      token = page.body.continuationToken;
    } while (token);
    expect(seen).toEqual(expect.arrayContaining(ids));
    const none = await request(`${h.url}/workflows?name=Echo&createdTo=2000-01-01T00:00:00Z`);
    expect(none.body.items).toEqual([]);
    const running = await request(`${h.url}/workflows?status=running,suspended&name=Echo`);
    expect(running.body.items).toEqual([]);
  });

  it('refuses bad list filters with 400 VALIDATION', async () => {
    for (const query of [
      'status=SLEEPING',
      'pageSize=0',
      'pageSize=1001',
      'pageSize=abc',
      'createdFrom=yesterday',
      'continuationToken=forged',
    ]) {
      const res = await request(`${h.url}/workflows?${query}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION');
    }
  });
});

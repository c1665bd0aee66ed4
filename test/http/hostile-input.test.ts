import { request as httpRequest } from 'node:http';
import type { IncomingMessage } from 'node:http';
import { LIMITS, ValidationError } from 'weft-workflows';
import { startHttpHarness } from './support/http-harness';
import type { HttpHarness } from './support/http-harness';
import { request } from './support/http-client';
import { BookTicketWorkflow, EchoWorkflow, WaitForGoWorkflow } from './support/test-workflows';

/** `{"title":"x","seats":1,"extra":[[[…]]]}` nested `depth` arrays deep. */
function deepArrays(depth: number): string {
  return `{"title":"x","seats":1,"extra":${'['.repeat(depth)}${']'.repeat(depth)}}`;
}

/** `{"a":{"a":…}}` nested `depth` objects deep. */
function deepObjects(depth: number): string {
  return `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

/** Sends the headers (and `first`), then resolves with the answer while the request is still open. */
function answerBeforeBodyEnds(
  url: string,
  headers: Record<string, string>,
  first: Buffer,
): Promise<{ res: IncomingMessage; body: string; abort(): void }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ res, body, abort: () => req.destroy() }));
    });
    req.on('error', reject);
    req.write(first);
  });
}

describe('hostile input over HTTP: nesting, size and undeclared properties', () => {
  let h: HttpHarness;
  let strict: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness({
      workflows: [EchoWorkflow, WaitForGoWorkflow, BookTicketWorkflow],
      activities: [],
    });
    strict = await startHttpHarness({ workflows: [BookTicketWorkflow], activities: [] }, undefined, {
      router: { unknownProperties: 'reject' },
    });
  });
  afterAll(async () => {
    await h?.close();
    await strict?.close();
  });

  const count = async (url = h.url) =>
    ((await request(`${url}/workflows?pageSize=1000`)).body.items as unknown[]).length;
  const post = (path: string, body: string, url = h.url) =>
    request(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });

  it('answers 1,300-deep arrays and objects with 400 on DTO routes, logs nothing and stores nothing', async () => {
    const before = await count();
    for (const path of ['/tickets', '/workflows/BookTicket', '/workflows/Echo']) {
      for (const body of [deepArrays(1300), deepObjects(1300)]) {
        const res = await post(path, body);
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body)).toMatch(/more than 64 levels deep/);
      }
    }
    expect(h.loggedErrors).toEqual([]);
    expect(await count()).toBe(before);
  });

  it('accepts a body nested exactly to the limit', async () => {
    const res = await post(
      '/workflows/Echo',
      `${'['.repeat(LIMITS.jsonDepth)}${']'.repeat(LIMITS.jsonDepth)}`,
    );
    expect(res.status).toBe(202);
  });

  it('names the nesting limit (not "not JSON-serialisable") for 100,000-deep event and terminate bodies', async () => {
    const started = await post('/workflows/WaitForGo', '{}');
    const id = started.body.instanceId as string;
    for (const path of [`/workflows/${id}/events/go`, `/workflows/${id}/terminate`]) {
      const res = await post(path, deepArrays(100_000));
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/levels deep, over the limit of 64/);
      expect(res.body.error.message).not.toMatch(/serialisable/);
    }
    expect((await request(`${h.url}/workflows/${id}`)).body.status).toBe('RUNNING');
  });

  it('answers a huge Content-Length with 413 before the body is sent', async () => {
    const { res, body, abort } = await answerBeforeBodyEnds(
      `${h.url}/workflows/Echo`,
      { 'content-type': 'application/json', 'content-length': String(1024 ** 3) },
      Buffer.from('{"a":"'),
    );
    abort();
    expect(res.statusCode).toBe(413);
    expect(res.headers.connection).toBe('close');
    expect(JSON.parse(body).error.message).toMatch(/1073741824 bytes, over the limit of 2097152 bytes/);
  });

  it('answers a chunked body with 413 as soon as it passes the limit', async () => {
    const { res, body, abort } = await answerBeforeBodyEnds(
      `${h.url}/workflows/Echo`,
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      Buffer.alloc(LIMITS.payloadBytes + 1024, 0x20),
    );
    abort();
    expect(res.statusCode).toBe(413);
    expect(JSON.parse(body).error.message).toMatch(/more than 2097152 bytes/);
  });

  it('strips properties a DTO does not declare before the input is stored', async () => {
    const res = await post('/tickets', JSON.stringify({ title: 'Gig', seats: 2, isAdmin: true }));
    expect(res.status).toBe(202);
    const state = await request(`${h.url}/tickets/${res.body.instanceId}`);
    expect(state.body.details).toEqual({ title: 'Gig', seats: 2 });
    const generic = await post(
      '/workflows/BookTicket',
      JSON.stringify({ title: 'Gig', seats: 2, address: { city: 'Oslo', isAdmin: true }, isAdmin: true }),
    );
    const stored = await request(`${h.url}/workflows/${generic.body.instanceId}`);
    expect(stored.body.input).toEqual({ title: 'Gig', seats: 2, address: { city: 'Oslo' } });
  });

  it("refuses undeclared properties with 400 under unknownProperties: 'reject'", async () => {
    const before = await count(strict.url);
    const res = await post('/tickets', JSON.stringify({ title: 'Gig', seats: 2, isAdmin: true }), strict.url);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        property: 'isAdmin',
        constraints: { whitelistValidation: 'property isAdmin should not exist' },
      }),
    ]);
    expect(await count(strict.url)).toBe(before);
  });

  it('makes the client refuse deep values, long names and long ids naming the limit', async () => {
    const client = h.runtime.client;
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    await expect(client.scheduleNewWorkflow('Echo', deep)).rejects.toThrow(/over the limit of 64/);
    await expect(client.scheduleNewWorkflow('x'.repeat(2000))).rejects.toThrow(
      /at most 1024 characters; got 2000/,
    );
    const longId = client.scheduleNewWorkflow('Echo', 1, { instanceId: 'i'.repeat(100_000) });
    await expect(longId).rejects.toBeInstanceOf(ValidationError);
    await expect(longId).rejects.toThrow(/got 100000 \('i{32}…' \(100000 characters\)\)/);
    await expect(client.raiseEvent('any', 'e'.repeat(1025))).rejects.toThrow(/event name may have/);
  });
});

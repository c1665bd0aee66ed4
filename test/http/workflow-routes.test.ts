import {
  createWorkflowRouter,
  RegistrationError,
  SqliteBackend,
  Workflow,
  WorkflowBase,
  WorkflowRuntime,
} from 'weft-workflows';
import { startHttpHarness } from './support/http-harness';
import type { HttpHarness } from './support/http-harness';
import { request } from './support/http-client';
import { BookTicketWorkflow, EchoWorkflow, ticketExample } from './support/test-workflows';

describe('generated router: per-workflow routes, DTO validation and OpenAPI', () => {
  let h: HttpHarness;
  beforeAll(async () => {
    h = await startHttpHarness({ workflows: [EchoWorkflow, BookTicketWorkflow], activities: [] });
  });
  afterAll(() => h.close());

  it('POST <path> validates, starts and answers 202 with a Location under <path>', async () => {
    const res = await request(`${h.url}/tickets`, { method: 'POST', json: { title: 'Opera', seats: 3 } });
    expect(res.status).toBe(202);
    const id = res.body.instanceId as string;
    expect(res.headers.get('location')).toBe(`/tickets/${id}`);
    const state = await request(`${h.url}/tickets/${id}?wait=10s`);
    expect(state).toMatchObject({
      status: 200,
      body: { details: { title: 'Opera', seats: 3 }, status: 'COMPLETED', result: '3 x Opera' },
    });
  });

  it('answers a missing body with the configured message and the example', async () => {
    for (const init of [{ method: 'POST' }, { method: 'POST', json: {} }, { method: 'POST', json: null }]) {
      const res = await request(`${h.url}/tickets`, init);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        message: 'Ticket data was missing from the request',
        example: ticketExample,
      });
    }
  });

  it('answers an invalid body with 400, every failed constraint and the example, storing nothing', async () => {
    const before = (await request(`${h.url}/workflows?name=BookTicket`)).body.items.length;
    const res = await request(`${h.url}/tickets`, {
      method: 'POST',
      json: { title: '', seats: 11.5, address: { city: 7 } },
    });
    expect(res.status).toBe(400);
    expect(res.body.example).toEqual(ticketExample);
    const byProperty = Object.fromEntries(
      (res.body.errors as { property: string; constraints: Record<string, string> }[]).map((e) => [
        e.property,
        Object.keys(e.constraints).sort(),
      ]),
    );
    expect(byProperty).toEqual({
      title: ['isNotEmpty'],
      seats: ['isInt', 'max'],
      'address.city': ['isString'],
    });
    expect((await request(`${h.url}/workflows?name=BookTicket`)).body.items.length).toBe(before);
  });

  it('validates the same DTO on the generic route, with the generic error shape', async () => {
    const res = await request(`${h.url}/workflows/BookTicket`, { method: 'POST', json: { seats: 0 } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.details.example).toEqual(ticketExample);
    const properties = (res.body.error.details.errors as { property: string }[])
      .map((e) => e.property)
      .sort();
    expect(properties).toEqual(['seats', 'title']);
    const notObject = await request(`${h.url}/workflows/BookTicket`, { method: 'POST', json: 'a string' });
    expect(notObject.status).toBe(400);
    expect(notObject.body.error.message).toMatch(/JSON object matching TicketRequest/);
  });

  it('answers GET <path>/:id for an unknown id, or another workflow, with the configured 404 message', async () => {
    const missing = await request(`${h.url}/tickets/nope-${'🎫'}`);
    expect(missing).toMatchObject({
      status: 404,
      body: { message: "No ticket with ID = 'nope-🎫' was found." },
    });
    const echo = await request(`${h.url}/workflows/Echo`, { method: 'POST', json: 1 });
    const other = await request(`${h.url}/tickets/${echo.body.instanceId}`);
    expect(other.status).toBe(404);
  });

  it('lets the id of a finished instance be reused on the per-workflow route', async () => {
    const first = await request(`${h.url}/tickets?instanceId=t-dup`, { method: 'POST', json: ticketExample });
    expect(first.status).toBe(202);
    await request(`${h.url}/tickets/t-dup?wait=10s`);
    const again = await request(`${h.url}/tickets?instanceId=t-dup`, { method: 'POST', json: ticketExample });
    expect(again.status).toBe(202);
  });

  it('serves GET /openapi.json with every route and the DTO schemas', async () => {
    const res = await request(`${h.url}/openapi.json`);
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/workflows',
        '/workflows/{id}',
        '/workflows/{id}/history',
        '/workflows/{id}/events/{eventName}',
        '/workflows/{id}/suspend',
        '/workflows/{id}/resume',
        '/workflows/{id}/terminate',
        '/tickets',
        '/tickets/{id}',
      ]),
    );
    expect(doc.paths['/workflows/{id}'].delete).toBeDefined();
    // No two path templates differ only in parameter names (OpenAPI forbids it).
    const shapes = Object.keys(doc.paths).map((p) => p.replace(/\{[^}]+\}/g, '{}'));
    expect(new Set(shapes).size).toBe(shapes.length);
    expect(doc.paths['/tickets'].post.requestBody.content['application/json']).toEqual({
      schema: { $ref: '#/components/schemas/TicketRequest' },
      example: ticketExample,
    });
    expect(doc.components.schemas.TicketRequest).toEqual({
      type: 'object',
      properties: {
        title: { type: 'string', minLength: 1 },
        seats: { type: 'integer', minimum: 1, maximum: 10 },
        address: { $ref: '#/components/schemas/ShippingAddress' },
      },
      required: ['title', 'seats'],
    });
    expect(doc.components.schemas.ShippingAddress).toEqual({
      type: 'object',
      properties: { city: { type: 'string', minLength: 1 } },
      required: ['city'],
    });
    expect(doc.paths['/workflows/{id}'].post.parameters[0].schema.enum).toEqual(['Echo', 'BookTicket']);
  });
});

describe('generated router: route declarations that cannot work fail at creation', () => {
  it('refuses two workflows on one path, and paths the generic routes use', () => {
    @Workflow({ name: 'A', http: { path: '/same' } })
    class A extends WorkflowBase<void, void> {
      async run(): Promise<void> {}
    }
    @Workflow({ name: 'B', http: { path: '/same/' } })
    class B extends WorkflowBase<void, void> {
      async run(): Promise<void> {}
    }
    @Workflow({ name: 'C', http: { path: '/workflows/c' } })
    class C extends WorkflowBase<void, void> {
      async run(): Promise<void> {}
    }
    @Workflow({ name: 'D', http: { path: 'orders/:id' } })
    class D extends WorkflowBase<void, void> {
      async run(): Promise<void> {}
    }
    const make = (workflows: (typeof A)[]) =>
      createWorkflowRouter(
        new WorkflowRuntime({ workflows, activities: [], backend: new SqliteBackend({ path: ':memory:' }) }),
      );
    expect(() => make([A, B])).toThrow(RegistrationError);
    expect(() => make([A, B])).toThrow(/'A' and 'B' both declare the HTTP path '\/same'/);
    expect(() => make([C])).toThrow(/which the generated routes use/);
    expect(() => make([D])).toThrow(/write a literal path/);
    expect(() => make([A])).not.toThrow();
  });
});

/**
 * The OpenAPI document lists every query parameter the routes read and every status they answer, so a client
 * generated from it can send `force`, `wait` and `reason` and expects the 504 of a `wait` that passed.
 */
import { startHttpHarness } from './support/http-harness';
import type { HttpHarness } from './support/http-harness';
import { request } from './support/http-client';
import { BookTicketWorkflow, EchoWorkflow } from './support/test-workflows';

let h: HttpHarness;
let doc: {
  paths: Record<
    string,
    Record<string, { parameters?: { name: string; in: string }[]; responses: Record<string, unknown> }>
  >;
};

beforeAll(async () => {
  h = await startHttpHarness({ workflows: [EchoWorkflow, BookTicketWorkflow], activities: [] });
  doc = (await request(`${h.url}/openapi.json`)).body;
});
afterAll(() => h.close());

const queryOf = (path: string, method: string): string[] =>
  (doc.paths[path][method].parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
const statusesOf = (path: string, method: string): string[] => Object.keys(doc.paths[path][method].responses);

it('DELETE /workflows/{id} takes recursive and force', () => {
  expect(queryOf('/workflows/{id}', 'delete').sort()).toEqual(['force', 'recursive']);
});

it('suspend, resume and terminate take wait (and reason or recursive), and may answer 504', () => {
  expect(queryOf('/workflows/{id}/suspend', 'post').sort()).toEqual(['reason', 'wait']);
  expect(queryOf('/workflows/{id}/resume', 'post').sort()).toEqual(['reason', 'wait']);
  expect(queryOf('/workflows/{id}/terminate', 'post').sort()).toEqual(['recursive', 'wait']);
  for (const action of ['suspend', 'resume', 'terminate'])
    expect(statusesOf(`/workflows/{id}/${action}`, 'post')).toContain('504');
});

it('routes that take a body list 413 and 415; a per-workflow read lists the 400 of a bad wait', async () => {
  for (const path of ['/workflows/{id}/events/{eventName}', '/workflows/{id}/terminate'])
    expect(statusesOf(path, 'post')).toEqual(expect.arrayContaining(['413', '415']));
  expect(statusesOf('/tickets/{id}', 'get')).toContain('400');
  const bad = await request(`${h.url}/tickets/nope?wait=soon`);
  expect(bad.status).toBe(400);
});

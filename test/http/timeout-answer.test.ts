/**
 * A `TimeoutError` reaching the HTTP layer is the answer to the caller's own `?wait=` (suspend, resume and
 * terminate answer once the state shows the change, and `?wait=` bounds that): 504 `TIMEOUT` with the error's
 * message (what did not show, and within how long), not the anonymous "the server failed" of an unexpected
 * failure, and nothing logged as a server error.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { jsonErrorHandler, TimeoutError } from 'weft-workflows';

let server: Server;
let base: string;
const logged: unknown[][] = [];

beforeAll(async () => {
  const app = express();
  app.post('/workflows/:id/suspend', () => {
    throw new TimeoutError("The suspend of instance 'w-1' did not show within 1 ms.");
  });
  app.use(jsonErrorHandler({ error: (...args: unknown[]) => logged.push(args) }));
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

it('answers 504 TIMEOUT with the message of the TimeoutError, and logs no server error', async () => {
  const res = await fetch(`${base}/workflows/w-1/suspend?wait=1ms`, { method: 'POST' });
  expect(res.status).toBe(504);
  expect(await res.json()).toEqual({
    error: { code: 'TIMEOUT', message: "The suspend of instance 'w-1' did not show within 1 ms." },
  });
  expect(logged).toEqual([]);
});

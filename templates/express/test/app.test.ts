import 'reflect-metadata';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WorkflowTestEnvironment } from 'weft-workflows';
import { SendGreetingActivity } from '../src/activities/send-greeting.activity';
import { GreetingWorkflow } from '../src/workflows/greeting.workflow';
import { createApp } from '../src/app';

describe('HTTP API', () => {
  let env: WorkflowTestEnvironment;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    env = await WorkflowTestEnvironment.create({
      workflows: [GreetingWorkflow],
      activities: [SendGreetingActivity],
    });
    const app = createApp(env.runtime);
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await env.teardown();
  });

  it('starts a greeting over HTTP and reads its result', async () => {
    const started = await fetch(`${base}/workflows/greeting?instanceId=http-1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ names: ['Ada'] }),
    });
    expect(started.status).toBe(202);
    expect(await started.json()).toEqual({ instanceId: 'http-1' });

    // The workflow rests a day; the test environment skips that time while we wait.
    await env.client.waitForWorkflowCompletion('http-1');
    const state = (await (await fetch(`${base}/workflows/http-1`)).json()) as {
      status: string;
      output: unknown;
    };
    expect(state.status).toBe('COMPLETED');
    expect(state.output).toEqual(['Hello, Ada!']);
  });

  it('answers an unknown route with a JSON 404, as the generated routes answer errors', async () => {
    const response = await fetch(`${base}/no/such/route`);
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { error: { code: string } };
    expect(body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('answers 404 for a workflow that is not registered', async () => {
    const response = await fetch(`${base}/workflows/no_such_workflow`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(404);
  });
});

import { WorkflowTestEnvironment } from 'weft-workflows';
import { container } from 'tsyringe';
import { startHttpHarness } from '../../test/http/support/http-harness';
import type { HttpHarness } from '../../test/http/support/http-harness';
import { pollState, request } from '../../test/http/support/http-client';
import { InventoryService, Notifier } from './inventory.service';
import { OrderProcessingWorkflow } from './order-processing.workflow';
import { orderActivities } from './order.activities';
import { APPROVAL_EVENT, orderExample } from './order.models';

function freshServices() {
  const child = container.createChildContainer();
  const inventory = new InventoryService();
  const notifier = new Notifier();
  notifier.echo = false;
  child.registerInstance(InventoryService, inventory);
  child.registerInstance(Notifier, notifier);
  return { child, inventory, notifier };
}

describe('order-processing sample (seed: dapr/dotnet-sdk order app) over HTTP', () => {
  let h: HttpHarness;
  const services = freshServices();
  beforeAll(async () => {
    h = await startHttpHarness({
      workflows: [OrderProcessingWorkflow],
      activities: orderActivities,
      container: services.child,
    });
  });
  afterAll(() => h.close());

  const placeOrder = async (order: unknown, id?: string) => {
    const res = await request(`${h.url}/orders${id ? `?instanceId=${id}` : ''}`, {
      method: 'POST',
      json: order,
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/orders/${res.body.instanceId}`);
    return res.body.instanceId as string;
  };

  it('processes a small order: { details, status, result }, stock taken, customer notified', async () => {
    const before = services.inventory.find('Paperclips')!.quantity;
    const id = await placeOrder({ name: 'Paperclips', totalCost: 99.95, quantity: 3 });
    const res = await request(`${h.url}/orders/${id}?wait=10s`);
    expect(res).toMatchObject({
      status: 200,
      body: {
        details: { name: 'Paperclips', totalCost: 99.95, quantity: 3 },
        status: 'COMPLETED',
        result: { processed: true },
      },
    });
    expect(services.inventory.find('Paperclips')!.quantity).toBe(before - 3);
    expect(services.notifier.sent).toEqual(
      expect.arrayContaining([
        `Received order ${id} for 3 Paperclips at $99.95`,
        `Order ${id} has completed!`,
      ]),
    );
  });

  it('refuses an order larger than the stock', async () => {
    const id = await placeOrder({ name: 'Computers', totalCost: 5000, quantity: 1000 });
    const res = await request(`${h.url}/orders/${id}?wait=10s`);
    expect(res.body).toMatchObject({ status: 'COMPLETED', result: { processed: false } });
    expect(services.notifier.sent).toContain('Insufficient inventory for Computers');
  });

  it('holds a large order until an incoming-purchase-order approval arrives', async () => {
    const id = await placeOrder({ name: 'Cars', totalCost: 60_000, quantity: 4 }, 'big-order-1');
    const waiting = await pollState<{ status: string; customStatus?: string }>(
      `${h.url}/workflows/${id}`,
      (b) => b.customStatus !== undefined,
    );
    expect(waiting).toMatchObject({ status: 'RUNNING', customStatus: 'Waiting for approval' });
    const approved = await request(`${h.url}/workflows/${id}/events/${APPROVAL_EVENT}`, {
      method: 'POST',
      json: { approved: true, approver: 'manager' },
    });
    expect(approved.status).toBe(202);
    const done = await request(`${h.url}/workflows/${id}?wait=10s`);
    expect(done.body).toMatchObject({
      status: 'COMPLETED',
      output: { processed: true },
      customStatus: 'Approval result: Approved',
    });
  });

  it('cancels a large order the approver rejects', async () => {
    const id = await placeOrder({ name: 'Cars', totalCost: 75_000, quantity: 5 });
    await request(`${h.url}/workflows/${id}/events/${APPROVAL_EVENT}`, {
      method: 'POST',
      json: { approved: false },
    });
    const done = await request(`${h.url}/orders/${id}?wait=10s`);
    expect(done.body).toMatchObject({ status: 'COMPLETED', result: { processed: false } });
    expect(services.notifier.sent).toContain(`Order ${id} was rejected by the approver`);
  });

  it("answers a missing order with the seed's 400 message and example", async () => {
    const res = await request(`${h.url}/orders`, { method: 'POST' });
    expect(res).toMatchObject({
      status: 400,
      body: { message: 'Order data was missing from the request', example: orderExample },
    });
  });

  it('answers an invalid order with every failed constraint', async () => {
    const res = await request(`${h.url}/orders`, {
      method: 'POST',
      json: { name: '', totalCost: 'free', quantity: 0 },
    });
    expect(res.status).toBe(400);
    const properties = (res.body.errors as { property: string }[]).map((e) => e.property).sort();
    expect(properties).toEqual(['name', 'quantity', 'totalCost']);
    expect(res.body.example).toEqual(orderExample);
  });

  it("answers an unknown order id with the seed's 404 message", async () => {
    const res = await request(`${h.url}/orders/no-such-order`);
    expect(res).toMatchObject({
      status: 404,
      body: { message: "No order with ID = 'no-such-order' was found." },
    });
  });
});

describe('order-processing sample: approval timeout (virtual clock)', () => {
  it('cancels a large order when no approval arrives within 30 s', async () => {
    const { child, notifier } = freshServices();
    const env = await WorkflowTestEnvironment.create({
      workflows: [OrderProcessingWorkflow],
      activities: orderActivities,
      container: child,
      logger: { debug() {}, info() {}, warn() {}, error() {} },
    });
    try {
      const id = await env.client.scheduleNewWorkflow(OrderProcessingWorkflow, {
        name: 'Cars',
        totalCost: 90_000,
        quantity: 6,
      });
      const state = await env.client.waitForWorkflowCompletion(id);
      expect(state.output).toEqual({ processed: false });
      expect(state.customStatus).toBe('Approval timed out');
      expect(notifier.sent).toContain(`Cancelling order ${id} because it didn't receive an approval`);
    } finally {
      await env.teardown();
    }
  });
});

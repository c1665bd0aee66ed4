import type { DependencyContainer } from 'tsyringe';
import { SqliteBackend, WorkflowRuntime } from 'weft-workflows';
import { OrderProcessingWorkflow } from './order-processing.workflow';
import { orderActivities } from './order.activities';

/**
 * The sample's runtime: the order workflow and its activities on the embedded engine.
 *
 * @param dbPath - the SQLite file
 * @param container - where the inventory and notifier are resolved from (tests pass a child container)
 */
export function createOrderRuntime(dbPath: string, container?: DependencyContainer): WorkflowRuntime {
  return new WorkflowRuntime({
    backend: new SqliteBackend({ path: dbPath }),
    workflows: [OrderProcessingWorkflow],
    activities: orderActivities,
    container,
  });
}

/**
 * The curl lines printed at start-up.
 *
 * @param url - the server's base URL
 */
export function tryItLines(url: string): string[] {
  return [
    `Order processing sample listening on ${url}`,
    '',
    'Try it:',
    `  # place an order (202, with a Location header)`,
    `  curl -i -X POST ${url}/orders -H 'content-type: application/json' -d '{"name":"Paperclips","totalCost":99.95,"quantity":1}'`,
    `  # read it (add ?wait=5s to wait for it to finish)`,
    `  curl -s '${url}/orders/<id>?wait=5s'`,
    `  # a large order waits for approval (up to 30 s):`,
    `  curl -i -X POST '${url}/orders?instanceId=big-1' -H 'content-type: application/json' -d '{"name":"Cars","totalCost":60000,"quantity":4}'`,
    `  curl -i -X POST ${url}/workflows/big-1/events/incoming-purchase-order -H 'content-type: application/json' -d '{"approved":true}'`,
    `  curl -s '${url}/orders/big-1?wait=5s'`,
    `  # invalid input is refused with every failed constraint:`,
    `  curl -s -X POST ${url}/orders -H 'content-type: application/json' -d '{"name":"","totalCost":-1}'`,
    `  # everything else: list, history, suspend/resume/terminate, purge, and the OpenAPI document`,
    `  curl -s '${url}/workflows?status=COMPLETED&pageSize=10'`,
    `  curl -s ${url}/openapi.json`,
    '',
    'Ctrl-C stops accepting requests, lets in-flight work finish and closes the engine.',
  ];
}

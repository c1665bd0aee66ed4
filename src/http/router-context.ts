import type { Registry } from '../authoring';
import type { WorkflowClient } from '../client';
import type { UnknownPropertyPolicy } from './dto-validation';

/** What the route builders share: the client, the frozen registry and the router's settings. */
export interface RouterContext {
  client: WorkflowClient;
  registry: Registry;
  bodyLimitBytes: number;
  maxWaitMs: number;
  unknownProperties: UnknownPropertyPolicy;
  shutdownSignal?: AbortSignal;
}

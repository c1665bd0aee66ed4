// Original file: proto/orchestrator_service.proto

import type { WorkerCapability as _WorkerCapability, WorkerCapability__Output as _WorkerCapability__Output } from './WorkerCapability';

export interface GetWorkItemsRequest {
  'capabilities'?: (_WorkerCapability)[];
}

export interface GetWorkItemsRequest__Output {
  'capabilities'?: (_WorkerCapability__Output)[];
}

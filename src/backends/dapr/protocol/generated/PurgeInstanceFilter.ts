// Original file: proto/orchestrator_service.proto

import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp';
import type { OrchestrationStatus as _OrchestrationStatus, OrchestrationStatus__Output as _OrchestrationStatus__Output } from './OrchestrationStatus';

export interface PurgeInstanceFilter {
  'createdTimeFrom'?: (_google_protobuf_Timestamp | null);
  'createdTimeTo'?: (_google_protobuf_Timestamp | null);
  'runtimeStatus'?: (_OrchestrationStatus)[];
}

export interface PurgeInstanceFilter__Output {
  'createdTimeFrom'?: (_google_protobuf_Timestamp__Output);
  'createdTimeTo'?: (_google_protobuf_Timestamp__Output);
  'runtimeStatus'?: (_OrchestrationStatus__Output)[];
}

// Original file: proto/orchestrator_service.proto

import type { PurgeInstanceFilter as _PurgeInstanceFilter, PurgeInstanceFilter__Output as _PurgeInstanceFilter__Output } from './PurgeInstanceFilter';

export interface PurgeInstancesRequest {
  'instanceId'?: (string);
  'purgeInstanceFilter'?: (_PurgeInstanceFilter | null);
  'recursive'?: (boolean);
  /**
   * As durabletask-go's (optional there): purge even when a descendant has not finished.
   */
  'force'?: (boolean);
  'request'?: "instanceId"|"purgeInstanceFilter";
}

export interface PurgeInstancesRequest__Output {
  'instanceId'?: (string);
  'purgeInstanceFilter'?: (_PurgeInstanceFilter__Output);
  'recursive'?: (boolean);
  /**
   * As durabletask-go's (optional there): purge even when a descendant has not finished.
   */
  'force'?: (boolean);
  'request'?: "instanceId"|"purgeInstanceFilter";
}

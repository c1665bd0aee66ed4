// Original file: proto/orchestrator_actions.proto

import type { StalledReason as _StalledReason, StalledReason__Output as _StalledReason__Output } from './StalledReason';

/**
 * Weft extensions: a Weft worker stalls for a patch mismatch too, and says why.
 */
export interface WorkflowVersionNotAvailableAction {
  'weftReason'?: (_StalledReason);
  'weftDescription'?: (string);
}

/**
 * Weft extensions: a Weft worker stalls for a patch mismatch too, and says why.
 */
export interface WorkflowVersionNotAvailableAction__Output {
  'weftReason'?: (_StalledReason__Output);
  'weftDescription'?: (string);
}

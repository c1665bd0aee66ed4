// Original file: proto/history_events.proto

import type { StalledReason as _StalledReason, StalledReason__Output as _StalledReason__Output } from './StalledReason';

export interface ExecutionStalledEvent {
  'reason'?: (_StalledReason);
  'description'?: (string);
}

export interface ExecutionStalledEvent__Output {
  'reason'?: (_StalledReason__Output);
  'description'?: (string);
}

// Original file: proto/orchestration.proto

export const HistoryPropagationScope = {
  HISTORY_PROPAGATION_SCOPE_NONE: 0,
  HISTORY_PROPAGATION_SCOPE_OWN_HISTORY: 1,
  HISTORY_PROPAGATION_SCOPE_LINEAGE: 2,
} as const;

export type HistoryPropagationScope =
  | 'HISTORY_PROPAGATION_SCOPE_NONE'
  | 0
  | 'HISTORY_PROPAGATION_SCOPE_OWN_HISTORY'
  | 1
  | 'HISTORY_PROPAGATION_SCOPE_LINEAGE'
  | 2

export type HistoryPropagationScope__Output = typeof HistoryPropagationScope[keyof typeof HistoryPropagationScope]

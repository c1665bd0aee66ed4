// Original file: proto/orchestrator_service.proto

export const WorkerCapability = {
  WORKER_CAPABILITY_UNSPECIFIED: 0,
  WORKER_CAPABILITY_STATEFUL_HISTORY: 2,
} as const;

export type WorkerCapability =
  | 'WORKER_CAPABILITY_UNSPECIFIED'
  | 0
  | 'WORKER_CAPABILITY_STATEFUL_HISTORY'
  | 2

export type WorkerCapability__Output = typeof WorkerCapability[keyof typeof WorkerCapability]

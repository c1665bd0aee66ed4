// Original file: proto/orchestration.proto

export const StalledReason = {
  PATCH_MISMATCH: 0,
  VERSION_NOT_AVAILABLE: 1,
  PAYLOAD_SIZE_EXCEEDED: 2,
} as const;

export type StalledReason =
  | 'PATCH_MISMATCH'
  | 0
  | 'VERSION_NOT_AVAILABLE'
  | 1
  | 'PAYLOAD_SIZE_EXCEEDED'
  | 2

export type StalledReason__Output = typeof StalledReason[keyof typeof StalledReason]

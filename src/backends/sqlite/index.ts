export * from './sqlite-backend';
export type { SqliteBackendOptions } from './sqlite-backend-options';
export type { RetentionPolicy, RetentionSweepOptions } from './retention';
export type { SyncFile } from './wal-sync';
export type { CheckpointerOptions } from './checkpointer';

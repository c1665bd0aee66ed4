export * from './sqlite-backend';
export type { RetentionPolicy, RetentionSweepOptions } from './retention';

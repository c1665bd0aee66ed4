export * from './activity-context';
export * from './base-classes';
export * from './decorators';
export * from './metadata-keys';
export * from './metadata-store';
export * from './registry';

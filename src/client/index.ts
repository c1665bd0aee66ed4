export * from './workflow-client';
export * from './workflow-state';

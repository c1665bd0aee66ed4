export * from './workflow-runtime';
export * from './runtime-health';

export * from './workflow-runtime';

export * from './workflow-task';
export * from './composite-task';
export * from './when-all-task';
export * from './when-any-task';

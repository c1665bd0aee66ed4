export * from './virtual-clock';
export * from './workflow-test-environment';
export * from './replay-history';

export * from './codes';
export * from './weft-error';
export * from './workflow-errors';
export * from './pending-events-error';

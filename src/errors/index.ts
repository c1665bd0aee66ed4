export * from './codes';
export * from './weft-error';
export * from './workflow-errors';

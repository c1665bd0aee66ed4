export * from './sqlite-backend';

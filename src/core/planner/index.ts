export * from './plan-types';
export * from './step-planner';

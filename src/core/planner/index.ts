export * from './plan-types';
export * from './step-planner';
export * from './control-planner';

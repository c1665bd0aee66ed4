export { createDashboardRouter } from './dashboard-router';
export type { DashboardOptions } from './dashboard-router';
export { startDashboardServer } from './dashboard-server';
export type { DashboardServer, DashboardServerOptions } from './dashboard-server';
export { buildTimeline } from './timeline';
export type { Timeline, TimelineBar, TimelineBarKind } from './timeline';
export { pendingWork } from '../client/pending-work';
export type {
  PendingActivity,
  PendingChild,
  PendingEvent,
  PendingTimer,
  PendingWork,
} from '../client/pending-work';
export { failureSummary, foldStack } from './failure-summary';
export type { FailureCause, FailureSummary, FoldedStack } from './failure-summary';
export { stepLatencies, throughput } from './stats';
export type { DashboardStats, StepLatency, ThroughputBucket } from './stats';

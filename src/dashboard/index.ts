export { createDashboardRouter } from './dashboard-router';
export type { DashboardOptions } from './dashboard-router';
export { startDashboardServer } from './dashboard-server';
export type { DashboardServer, DashboardServerOptions } from './dashboard-server';
export { buildTimeline } from './timeline';
export type { Timeline, TimelineBar, TimelineBarKind } from './timeline';

/** The JSON shapes of the dashboard API, as the page script reads them (dates arrive as ISO text). */

export interface FailureDetails {
  errorType: string;
  message: string;
  stackTrace?: string;
}

export interface WorkflowState {
  instanceId: string;
  name: string;
  status: string;
  createdAt: string;
  lastUpdatedAt: string;
  input?: unknown;
  output?: unknown;
  customStatus?: unknown;
  failureDetails?: FailureDetails;
  parentInstanceId?: string;
  /** The workflow version the instance runs (when the engine records versions). */
  version?: string;
  /** Why a STALLED instance stopped: 'PATCH_MISMATCH' or 'VERSION_NOT_AVAILABLE'. */
  stalledReason?: string;
}

export interface HistoryEvent {
  eventId: number;
  type: string;
  timestamp: string;
  name?: string;
  [field: string]: unknown;
}

export interface TimelineBar {
  kind: 'activity' | 'child' | 'timer' | 'retry' | 'wait';
  label: string;
  eventId: number;
  attempt: number;
  start: number;
  end?: number;
  outcome: 'completed' | 'failed' | 'fired' | 'received' | 'open';
}

export interface Timeline {
  bars: TimelineBar[];
  start: number;
  end: number;
}

export interface PendingWork {
  timers: { eventId: number; fireAt: number; kind: 'timer' | 'event-timeout' | 'retry' }[];
  activities: {
    eventId: number;
    name: string;
    attempt: number;
    scheduledAt: number;
    nextRetryAt?: number;
    lastError?: string;
  }[];
  children: { eventId: number; instanceId: string; name: string; createdAt: number; nextRetryAt?: number }[];
  events: { name: string; timeoutAt?: number }[];
}

export interface FoldedStack {
  head: string;
  userFrames: string[];
  internalFrames: string[];
}

export interface FailureCause {
  kind: 'workflow' | 'activity' | 'child';
  name: string;
  instanceId: string;
  errorType: string;
  message: string;
  stack?: FoldedStack;
  attempts?: number;
  eventId?: number;
}

/** What the server derived of an instance's version from its history (see src/dashboard/version-facts.ts). */
export interface VersionFacts {
  version?: string;
  patches: string[];
  stall?: { reason: string; description?: string };
}

export interface InstanceDetail {
  state: WorkflowState;
  versionFacts: VersionFacts;
  terminal: boolean;
  now: number;
  children: { instanceId: string; name: string; eventId: number }[];
  history: HistoryEvent[];
  timeline: Timeline;
  pending: PendingWork;
  failure?: { chain: FailureCause[] };
}

export interface InstancePage {
  items: WorkflowState[];
  continuationToken?: string;
}

export interface Counts {
  counts: Record<string, number>;
  total: number;
  capped: boolean;
}

export interface CatalogEntry {
  name: string;
  inputSchema?: Record<string, unknown>;
  components?: Record<string, unknown>;
  example?: unknown;
}

export interface Meta {
  readOnly: boolean;
  source: string | null;
  workflows: CatalogEntry[];
}

export interface Stats {
  from: number;
  to: number;
  bucketMs: number;
  buckets: { start: number; started: number; completed: number; failed: number }[];
  steps: { name: string; count: number; failures: number; p50: number; p95: number; max: number }[];
  instances: number;
  capped: boolean;
}

/** Every status, in the order the counts show them. */
export const STATUSES = [
  'RUNNING',
  'PENDING',
  'SUSPENDED',
  'STALLED',
  'COMPLETED',
  'FAILED',
  'TERMINATED',
  'CONTINUED_AS_NEW',
  'CANCELED',
];

/** Statuses an instance never leaves on its own. */
export const TERMINAL = ['COMPLETED', 'FAILED', 'TERMINATED', 'CANCELED'];

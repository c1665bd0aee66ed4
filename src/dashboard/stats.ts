import type { WorkflowClient, WorkflowHistoryEvent, WorkflowState } from '../client';
import { forEachInstance } from './instance-search';

/** One time bucket of the throughput chart. */
export interface ThroughputBucket {
  /** Epoch ms the bucket starts. */
  start: number;
  /** Instances created in it. */
  started: number;
  /** Instances that completed in it (by last update). */
  completed: number;
  /** Instances that failed in it (by last update). */
  failed: number;
}

/** Latency of one activity name over the sampled histories, in ms. */
export interface StepLatency {
  name: string;
  count: number;
  failures: number;
  p50: number;
  p95: number;
  max: number;
}

/** What the charts page draws. */
export interface DashboardStats {
  /** Epoch ms of the window. */
  from: number;
  to: number;
  /** Bucket width in ms. */
  bucketMs: number;
  buckets: ThroughputBucket[];
  steps: StepLatency[];
  /** Instances read, and whether the read stopped at its cap. */
  instances: number;
  capped: boolean;
}

/**
 * Buckets instances by when they were created, completed and failed (a finished instance's last update is
 * when it finished).
 *
 * @param states - the instances
 * @param from - window start, epoch ms
 * @param to - window end, epoch ms
 * @param buckets - how many buckets
 */
export function throughput(
  states: readonly WorkflowState[],
  from: number,
  to: number,
  buckets: number,
): ThroughputBucket[] {
  const width = Math.max(1, Math.ceil((to - from) / buckets));
  const out: ThroughputBucket[] = Array.from({ length: buckets }, (_, i) => ({
    start: from + i * width,
    started: 0,
    completed: 0,
    failed: 0,
  }));
  const slot = (t: number): ThroughputBucket | undefined =>
    t < from || t >= to ? undefined : out[Math.min(buckets - 1, Math.floor((t - from) / width))];
  for (const s of states) {
    const created = slot(s.createdAt.getTime());
    if (created) created.started += 1;
    if (s.status === 'COMPLETED' || s.status === 'FAILED') {
      const ended = slot(s.lastUpdatedAt.getTime());
      if (ended) ended[s.status === 'COMPLETED' ? 'completed' : 'failed'] += 1;
    }
  }
  return out;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/**
 * Per activity name: how long attempts took from TaskScheduled to TaskCompleted/TaskFailed (p50, p95,
 * max in ms) and how many failed. Attempts still running are left out.
 *
 * @param histories - histories to sample
 * @returns sorted by p95, slowest first
 */
export function stepLatencies(histories: readonly (readonly WorkflowHistoryEvent[])[]): StepLatency[] {
  const byName = new Map<string, { durations: number[]; failures: number }>();
  for (const history of histories) {
    const scheduled = new Map<number, WorkflowHistoryEvent>();
    for (const e of history) {
      if (e.type === 'TaskScheduled') scheduled.set(e.eventId, e);
      if (e.type !== 'TaskCompleted' && e.type !== 'TaskFailed') continue;
      const s = scheduled.get(e.taskScheduledId as number);
      if (!s) continue;
      const name = String(s.name ?? '');
      const entry = byName.get(name) ?? { durations: [], failures: 0 };
      entry.durations.push(e.timestamp.getTime() - s.timestamp.getTime());
      if (e.type === 'TaskFailed') entry.failures += 1;
      byName.set(name, entry);
    }
  }
  return [...byName.entries()]
    .map(([name, { durations, failures }]) => {
      const sorted = [...durations].sort((a, b) => a - b);
      return {
        name,
        count: sorted.length,
        failures,
        p50: quantile(sorted, 0.5),
        p95: quantile(sorted, 0.95),
        max: sorted[sorted.length - 1] ?? 0,
      };
    })
    .sort((a, b) => b.p95 - a.p95 || a.name.localeCompare(b.name));
}

/** Most instances the charts read; most histories sampled for step latency. */
const STATS_LIMIT = 20_000;
const LATENCY_SAMPLE = 40;

/**
 * Reads the charts' data through the client: instances created or updated in the window (listed by
 * creation, so instances created before `from` and finished in it are missed: an engine-side query by
 * completion time would catch them) and the histories of the latest finished ones for step latency.
 *
 * @param client - the client
 * @param window - `from`/`to` epoch ms, `buckets`, optional workflow `name`
 */
export async function loadStats(
  client: WorkflowClient,
  window: { from: number; to: number; buckets: number; name?: string },
): Promise<DashboardStats> {
  const states: WorkflowState[] = [];
  const { capped } = await forEachInstance(
    client,
    { createdFrom: window.from, createdTo: window.to, name: window.name },
    STATS_LIMIT,
    (s) => states.push(s),
  );
  const sample = states
    .filter((s) => s.status === 'COMPLETED' || s.status === 'FAILED')
    .slice(0, LATENCY_SAMPLE);
  const histories = await Promise.all(
    sample.map((s) => client.getWorkflowHistory(s.instanceId).catch(() => [])),
  );
  const buckets = throughput(states, window.from, window.to, window.buckets);
  return {
    from: window.from,
    to: window.to,
    bucketMs: buckets.length > 1 ? buckets[1].start - buckets[0].start : window.to - window.from,
    buckets,
    steps: stepLatencies(histories),
    instances: states.length,
    capped,
  };
}

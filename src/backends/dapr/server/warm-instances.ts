import type { ConnectedWorker } from './pending-work';

/** Most instances a stateful worker is remembered to hold (a forgotten one costs one full-history send). */
const MAX_WARM_PER_WORKER = 10_000;

/**
 * Which stateful worker holds which instance's history, and how much of it: per worker, the prefix of each
 * instance's committed history it was sent (durabletask-go's `streamState.warm`), and per instance, the worker
 * its next steps go to while it stays connected (instance affinity). Only workers that advertised
 * `WORKER_CAPABILITY_STATEFUL_HISTORY` (a `warm` map) are recorded.
 */
export class WarmInstances {
  private readonly owners = new Map<string, ConnectedWorker>();

  /**
   * The worker that holds the instance's history, if any.
   *
   * @param instanceId - the instance
   */
  owner(instanceId: string): ConnectedWorker | undefined {
    return this.owners.get(instanceId);
  }

  /**
   * How many of the instance's first events the worker holds (0: none), when that many are committed.
   *
   * @param worker - the worker a step goes to
   * @param instanceId - the instance
   * @param committed - the committed history's length
   */
  heldBy(worker: ConnectedWorker, instanceId: string, committed: number): number {
    const warm = worker.warm?.get(instanceId) ?? 0;
    return warm > 0 && warm <= committed ? warm : 0;
  }

  /**
   * Records that a stateful worker holds the instance's first `count` events, and owns its next steps
   * (nothing for a worker without the capability).
   *
   * @param worker - the worker
   * @param instanceId - the instance
   * @param count - how many committed events it holds
   */
  hold(worker: ConnectedWorker, instanceId: string, count: number): void {
    const warm = worker.warm;
    if (!warm) return;
    const previous = this.owners.get(instanceId);
    if (previous && previous !== worker) previous.warm?.delete(instanceId);
    warm.delete(instanceId);
    warm.set(instanceId, count);
    this.owners.set(instanceId, worker);
    if (warm.size > MAX_WARM_PER_WORKER) {
      const oldest = warm.keys().next().value as string;
      warm.delete(oldest);
      if (this.owners.get(oldest) === worker) this.owners.delete(oldest);
    }
  }

  /**
   * No worker holds the instance any more (its execution went past the history, it finished, or its step was
   * abandoned): its next step carries the whole history.
   *
   * @param instanceId - the instance
   */
  forget(instanceId: string): void {
    this.owners.get(instanceId)?.warm?.delete(instanceId);
    this.owners.delete(instanceId);
  }

  /**
   * A worker disconnected: the instances it held have no owner.
   *
   * @param worker - the worker
   */
  dropWorker(worker: ConnectedWorker): void {
    for (const instanceId of worker.warm?.keys() ?? []) {
      if (this.owners.get(instanceId) === worker) this.owners.delete(instanceId);
    }
  }
}

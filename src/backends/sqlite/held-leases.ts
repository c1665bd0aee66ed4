import type { CommitQueue } from './commit-queue';
import type { Inbox } from './inbox';

/**
 * What one worker holds a lease on, renewed on a timer while held and released together on stop. Instances
 * are counted, since a step may hand the instance's next step over under the same lease (the fast paths
 * hold an instance while its step runs); activities are held by row id, counted too (an id is used again
 * once its row is gone, so a claim whose row was deleted under it may share its id with a live one). The leases themselves are taken and
 * released only by {@link Inbox}: this is the worker's ledger of them.
 */
export class HeldLeases {
  private readonly instances = new Map<string, number>();
  private readonly activities = new Map<number, number>();
  private readonly timer: NodeJS.Timeout;

  /**
   * @param commits - the commit queue renewals and releases go through
   * @param inbox - where leases are renewed and released
   * @param ownerId - the worker's lease owner id
   * @param onRenewFailure - told when a renewal could not be committed (the leases then expire by themselves)
   */
  constructor(
    private readonly commits: CommitQueue,
    private readonly inbox: Inbox,
    private readonly ownerId: string,
    private readonly onRenewFailure: (err: unknown) => void,
  ) {
    // A third of the lease: two renewals may fail before a lease expires.
    this.timer = setInterval(() => this.renew(), Math.max(50, Math.floor(inbox.leaseMs / 3)));
    this.timer.unref();
  }

  /** True while a lease on the instance is held (by a claim or a fast path). */
  holdsInstance(instanceId: string): boolean {
    return this.instances.has(instanceId);
  }

  /** Counts one more hold on the instance's lease. */
  holdInstance(instanceId: string): void {
    this.instances.set(instanceId, (this.instances.get(instanceId) ?? 0) + 1);
  }

  /** Drops one hold on the instance's lease (the lease itself is released by the step's commit). */
  releaseInstance(instanceId: string): void {
    const count = (this.instances.get(instanceId) ?? 1) - 1;
    if (count > 0) this.instances.set(instanceId, count);
    else this.instances.delete(instanceId);
  }

  /** Notes the lease on an activity row. */
  holdActivity(id: number): void {
    this.activities.set(id, (this.activities.get(id) ?? 0) + 1);
  }

  /** Forgets the lease on an activity row (its outcome's commit ended it). */
  releaseActivity(id: number): void {
    const count = (this.activities.get(id) ?? 1) - 1;
    if (count > 0) this.activities.set(id, count);
    else this.activities.delete(id);
  }

  /**
   * Stops renewing and releases every lease still held, in one commit, so other workers may take the work at
   * once instead of after the leases expire.
   *
   * @throws {@link StorageError} (rejects) when the release could not be committed
   */
  async releaseAll(): Promise<void> {
    clearInterval(this.timer);
    const instances = [...this.instances.keys()];
    const activities = [...this.activities.keys()];
    this.instances.clear();
    this.activities.clear();
    await this.commits.enqueue(() => this.inbox.releaseLeases(this.ownerId, instances, activities), 'commit');
  }

  private renew(): void {
    if (this.instances.size === 0 && this.activities.size === 0) return;
    const instances = [...this.instances.keys()];
    const activities = [...this.activities.keys()];
    void this.commits
      .enqueue(() => this.inbox.renewLeases(this.ownerId, instances, activities), 'commit')
      .catch(this.onRenewFailure);
  }
}

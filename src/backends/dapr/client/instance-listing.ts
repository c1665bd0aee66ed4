import { randomUUID } from 'node:crypto';
import type { InstancePage, InstanceQuery, InstanceRecord } from '../../../core';

/** How many `GetInstance` calls a listing keeps in flight. */
const LIST_READ_CONCURRENCY = 32;

/** How long (ms) a listing's snapshot serves its later pages. */
const LIST_SNAPSHOT_TTL_MS = 60_000;

/** A listing read once and paged from memory; see {@link InstanceListing.list}. */
interface ListSnapshot {
  id: string;
  filter: string;
  records: InstanceRecord[];
  expiresAt: number;
}

/** What a listing reads through: the sidecar's `ListInstanceIDs` and `GetInstance` calls. */
export interface InstanceListingSource {
  /** Every instance id the sidecar holds (`ListInstanceIDs`). */
  listIds(): Promise<string[]>;
  /** One instance with its payloads, undefined when it no longer exists (`GetInstance`). */
  getInstance(instanceId: string): Promise<InstanceRecord | undefined>;
}

/** The filters of a query (not its paging), as a key. */
function listFilterKey(query: InstanceQuery): string {
  return JSON.stringify([query.status, query.name, query.createdFrom, query.createdTo]);
}

/**
 * Lists instances over the protocol, which only lists ids (`ListInstanceIDs`; no list-with-details RPC): the
 * first page reads every instance with `GetInstance`, {@link LIST_READ_CONCURRENCY} calls in flight, filters
 * and sorts them newest first, and keeps that snapshot for {@link LIST_SNAPSHOT_TTL_MS} (60 s): the
 * continuation token names the snapshot, so later pages are sliced from it instead of reading every instance
 * again. A token of an expired snapshot (or a bare offset) reads afresh.
 */
export class InstanceListing {
  private snapshot: ListSnapshot | undefined;

  /** @param source - the calls the listing reads through */
  constructor(private readonly source: InstanceListingSource) {}

  /**
   * One page of the query's instances, newest first.
   *
   * @param query - filters, page size (default 100) and continuation token
   * @returns the page and the token of the next one (undefined on the last page)
   * @throws what the source's calls throw
   */
  async list(query: InstanceQuery): Promise<InstancePage> {
    const parsed = /^(?:([\w-]+):)?(\d+)$/.exec(query.continuationToken ?? '');
    const offset = parsed ? Number(parsed[2]) : 0;
    let snapshot = this.snapshot;
    if (
      !snapshot ||
      !parsed?.[1] ||
      snapshot.id !== parsed[1] ||
      snapshot.expiresAt < Date.now() ||
      snapshot.filter !== listFilterKey(query)
    ) {
      snapshot = {
        id: randomUUID(),
        filter: listFilterKey(query),
        records: await this.readAll(query),
        expiresAt: Date.now() + LIST_SNAPSHOT_TTL_MS,
      };
      this.snapshot = snapshot;
    }
    const pageSize = query.pageSize ?? 100;
    const items = snapshot.records.slice(offset, offset + pageSize);
    const next = offset + items.length;
    return {
      items,
      continuationToken: next < snapshot.records.length ? `${snapshot.id}:${next}` : undefined,
    };
  }

  /** Reads every listed instance (several calls in flight) and keeps those the query's filters match. */
  private async readAll(query: InstanceQuery): Promise<InstanceRecord[]> {
    const instanceIds = await this.source.listIds();
    const found: (InstanceRecord | undefined)[] = new Array(instanceIds.length);
    let next = 0;
    const reader = async (): Promise<void> => {
      while (next < instanceIds.length) {
        const index = next++;
        found[index] = await this.source.getInstance(instanceIds[index]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(LIST_READ_CONCURRENCY, instanceIds.length) }, reader));
    const records = found.filter((record): record is InstanceRecord => {
      if (!record) return false;
      if (query.status && !query.status.includes(record.status)) return false;
      if (query.name !== undefined && record.name !== query.name) return false;
      if (query.createdFrom !== undefined && record.createdAt < query.createdFrom) return false;
      if (query.createdTo !== undefined && record.createdAt >= query.createdTo) return false;
      return true;
    });
    return records.sort((a, b) => b.createdAt - a.createdAt || (a.instanceId < b.instanceId ? 1 : -1));
  }
}

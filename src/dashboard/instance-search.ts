import type { WorkflowStatus } from '../core';
import type { WorkflowClient, WorkflowState } from '../client';

/** A search of the instance list. */
export interface InstanceSearch {
  /** Only these statuses. */
  status?: WorkflowStatus[];
  /** Text the instance id or workflow name contains (case-insensitive). */
  text?: string;
  /** Instances per page. */
  pageSize: number;
  /** Where the previous page stopped. */
  continuationToken?: string;
}

/** Most instances one search request reads before it hands back what it found. */
const SCAN_LIMIT = 5000;

/**
 * Lists instances newest first, filtered by status and by text in the id or name. Without text this is
 * one page of the client's listing; with text it reads pages until it has `pageSize` matches (a page may
 * then hold a few more) or has read {@link SCAN_LIMIT} instances, and returns the token to go on from.
 *
 * @param client - the client
 * @param search - filters and paging
 */
export async function searchInstances(
  client: WorkflowClient,
  search: InstanceSearch,
): Promise<{ items: WorkflowState[]; continuationToken?: string }> {
  const text = search.text?.trim().toLowerCase();
  if (!text) {
    return client.listWorkflows({
      status: search.status,
      pageSize: search.pageSize,
      continuationToken: search.continuationToken,
    });
  }
  const items: WorkflowState[] = [];
  let token = search.continuationToken;
  let scanned = 0;
  do {
    const page = await client.listWorkflows({
      status: search.status,
      pageSize: Math.max(search.pageSize, 100),
      continuationToken: token,
    });
    scanned += page.items.length;
    items.push(
      ...page.items.filter(
        (s) => s.instanceId.toLowerCase().includes(text) || s.name.toLowerCase().includes(text),
      ),
    );
    token = page.continuationToken;
  } while (token && items.length < search.pageSize && scanned < SCAN_LIMIT);
  return { items, continuationToken: token };
}

import type { WorkflowStatus } from '../core';
import type { WorkflowClient, WorkflowState } from '../client';

/** Filters of the instance list, shared by the list, the counts and the bulk actions. */
export interface InstanceFilter {
  /** Only these statuses (any of them). */
  status?: WorkflowStatus[];
  /** Only this workflow name (exact). */
  name?: string;
  /** Created at or after this epoch ms. */
  createdFrom?: number;
  /** Created before this epoch ms. */
  createdTo?: number;
  /** Text the instance id or workflow name contains (case-insensitive). */
  text?: string;
  /** Only instances without a parent. */
  rootsOnly?: boolean;
}

/** A search of the instance list: filters and paging. */
export interface InstanceSearch extends InstanceFilter {
  /** Instances per page. */
  pageSize: number;
  /** Where the previous page stopped. */
  continuationToken?: string;
}

/** Most instances one search request reads before it hands back what it found. */
export const SCAN_LIMIT = 5000;

/** Instances per call when the dashboard reads many (counts, bulk actions, charts). */
const READ_PAGE = 500;

/** True when the filter needs the dashboard to look at each instance (the client cannot filter so). */
function needsScan(filter: InstanceFilter): boolean {
  return Boolean(filter.text?.trim()) || Boolean(filter.rootsOnly);
}

/** Whether an instance passes the filters the client API cannot apply. */
export function matchesLocally(state: WorkflowState, filter: InstanceFilter): boolean {
  if (filter.rootsOnly && state.parentInstanceId !== undefined) return false;
  const text = filter.text?.trim().toLowerCase();
  if (text && !state.instanceId.toLowerCase().includes(text) && !state.name.toLowerCase().includes(text))
    return false;
  return true;
}

function listOptions(filter: InstanceFilter, pageSize: number, continuationToken?: string) {
  return {
    status: filter.status,
    name: filter.name,
    createdFrom: filter.createdFrom === undefined ? undefined : new Date(filter.createdFrom),
    createdTo: filter.createdTo === undefined ? undefined : new Date(filter.createdTo),
    pageSize,
    continuationToken,
  };
}

/**
 * Lists instances newest first. Status, name and time range go to the client's paged listing; text and
 * "roots only" are applied here, reading pages until `pageSize` matches (a page may then hold a few more)
 * or {@link SCAN_LIMIT} instances were read, with the token to go on from.
 *
 * @param client - the client
 * @param search - filters and paging
 */
export async function searchInstances(
  client: WorkflowClient,
  search: InstanceSearch,
): Promise<{ items: WorkflowState[]; continuationToken?: string }> {
  if (!needsScan(search)) {
    return client.listWorkflows(listOptions(search, search.pageSize, search.continuationToken));
  }
  const items: WorkflowState[] = [];
  let token = search.continuationToken;
  let scanned = 0;
  do {
    const page = await client.listWorkflows(listOptions(search, Math.max(search.pageSize, 100), token));
    scanned += page.items.length;
    items.push(...page.items.filter((s) => matchesLocally(s, search)));
    token = page.continuationToken;
  } while (token && items.length < search.pageSize && scanned < SCAN_LIMIT);
  return { items, continuationToken: token };
}

/**
 * Visits every instance the filter matches, newest first, in pages of {@link READ_PAGE}, stopping after
 * `limit` matches. The client API has no count or bulk query; an engine-side one would replace this scan.
 *
 * @param client - the client
 * @param filter - which instances
 * @param limit - most instances to visit
 * @returns whether the scan stopped at the limit with more to read
 */
export async function forEachInstance(
  client: WorkflowClient,
  filter: InstanceFilter,
  limit: number,
  visit: (state: WorkflowState) => void,
): Promise<{ capped: boolean }> {
  let token: string | undefined;
  let seen = 0;
  do {
    const page = await client.listWorkflows(listOptions(filter, READ_PAGE, token));
    for (const s of page.items) {
      if (!matchesLocally(s, filter)) continue;
      if (seen >= limit) return { capped: true };
      seen += 1;
      visit(s);
    }
    token = page.continuationToken;
  } while (token);
  return { capped: false };
}

/**
 * Counts instances per status under the filter's other fields (its statuses are ignored, so the counts
 * show what clicking a status would give).
 *
 * @param client - the client
 * @param filter - name, time range, text, roots only
 * @param limit - most instances counted; `capped` says the counts stopped there
 */
export async function countByStatus(
  client: WorkflowClient,
  filter: InstanceFilter,
  limit = 10_000,
): Promise<{ counts: Record<string, number>; total: number; capped: boolean }> {
  const counts: Record<string, number> = {};
  let total = 0;
  const { capped } = await forEachInstance(client, { ...filter, status: undefined }, limit, (s) => {
    counts[s.status] = (counts[s.status] ?? 0) + 1;
    total += 1;
  });
  return { counts, total, capped };
}

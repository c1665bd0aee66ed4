import { append, clear, h, instanceUrl, page, statusBadge } from './dom.js';
import { formatDuration, formatTime, oneLine, zoneLabel } from './format.js';
import type { WorkflowState } from './types.js';
import { TERMINAL } from './types.js';

/** A column the instance table sorts by. */
export type SortKey = 'name' | 'instanceId' | 'status' | 'createdAt' | 'completedAt' | 'duration';

/** What the instance table shows, shared with the list page (which loads the items and keeps the rest). */
export interface InstanceTableState {
  /** The page of instances, in the order the server listed them. */
  items: WorkflowState[];
  /** Ids of the checked rows (rows no longer listed are dropped from it when the table is drawn). */
  selected: Set<string>;
  /** The column and direction the page is sorted by in the browser; undefined: the server's order. */
  sort: { key: SortKey; dir: 1 | -1 } | undefined;
}

/** What the table asks of its page. */
export interface InstanceTableEvents {
  /** Draw the table again (a header was clicked to sort, or every row was checked or unchecked). */
  rerender(): void;
  /** One row was checked or unchecked. */
  selectionChanged(): void;
}

/** Run time of an instance so far (terminal: until its last update), in ms. */
const durationOf = (s: WorkflowState, now: number): number =>
  (TERMINAL.includes(s.status) ? Date.parse(s.lastUpdatedAt) : now) - Date.parse(s.createdAt);

function sortValue(s: WorkflowState, key: SortKey, now: number): string | number {
  switch (key) {
    case 'duration':
      return durationOf(s, now);
    case 'completedAt':
      return TERMINAL.includes(s.status) ? Date.parse(s.lastUpdatedAt) : Number.MAX_SAFE_INTEGER;
    case 'createdAt':
      return Date.parse(s.createdAt);
    default:
      return s[key];
  }
}

function sortedItems(state: InstanceTableState, now: number): WorkflowState[] {
  const sort = state.sort;
  if (!sort) return state.items;
  return [...state.items].sort((a, b) => {
    const x = sortValue(a, sort.key, now);
    const y = sortValue(b, sort.key, now);
    return (x < y ? -1 : x > y ? 1 : 0) * sort.dir;
  });
}

/**
 * Draws the instance table: sortable headers (sorting in the browser, within the page), a select-all box and
 * a box per row (unless the dashboard is read-only), and one row per instance with links to it and its parent.
 *
 * @param table - the `<table>` to fill (emptied first)
 * @param state - the items, selection and sort; the selection and sort are changed here on clicks
 * @param events - told when the table must be drawn again or a row's box changed
 */
export function renderInstanceTable(
  table: HTMLElement,
  state: InstanceTableState,
  events: InstanceTableEvents,
): void {
  const now = Date.now();
  const visible = new Set(state.items.map((s) => s.instanceId));
  for (const id of [...state.selected]) if (!visible.has(id)) state.selected.delete(id);
  clear(table);
  const head = (label: string, key?: SortKey): HTMLElement => {
    if (!key) return h('th', null, label);
    const dir = state.sort?.key === key ? (state.sort.dir === 1 ? ' ▲' : ' ▼') : '';
    return h(
      'th',
      {
        class: 'sortable',
        'data-sort': key,
        onclick: () => {
          state.sort = state.sort?.key === key && state.sort.dir === 1 ? { key, dir: -1 } : { key, dir: 1 };
          events.rerender();
        },
      },
      label + dir,
    );
  };
  const all = h('input', {
    type: 'checkbox',
    id: 'select-all',
    'aria-label': 'Select all on this page',
    checked: state.items.length > 0 && state.selected.size === state.items.length,
    onchange: (ev: Event) => {
      const on = (ev.target as HTMLInputElement).checked;
      state.selected = new Set(on ? state.items.map((s) => s.instanceId) : []);
      events.rerender();
    },
  });
  append(
    table,
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        page.readOnly ? null : h('th', { class: 'pick' }, all),
        head('Workflow', 'name'),
        head('Instance ID', 'instanceId'),
        head('Status', 'status'),
        head('Parent'),
        head(`Created (${zoneLabel()})`, 'createdAt'),
        head(`Completed (${zoneLabel()})`, 'completedAt'),
        head('Duration', 'duration'),
        head('Failure'),
        head('Custom status'),
      ),
    ),
  );
  const tbody = h('tbody');
  if (state.items.length === 0)
    append(
      tbody,
      h('tr', null, h('td', { colspan: 10, class: 'muted empty' }, 'No workflow instances match.')),
    );
  for (const s of sortedItems(state, now)) {
    const terminal = TERMINAL.includes(s.status);
    append(
      tbody,
      h(
        'tr',
        { 'data-instance-id': s.instanceId },
        page.readOnly
          ? null
          : h(
              'td',
              { class: 'pick' },
              h('input', {
                type: 'checkbox',
                class: 'select-row',
                'aria-label': `Select ${s.instanceId}`,
                checked: state.selected.has(s.instanceId),
                onchange: (ev: Event) => {
                  if ((ev.target as HTMLInputElement).checked) state.selected.add(s.instanceId);
                  else state.selected.delete(s.instanceId);
                  events.selectionChanged();
                },
              }),
            ),
        h('td', null, s.name),
        h('td', null, h('a', { href: instanceUrl(s.instanceId), class: 'instance-link' }, s.instanceId)),
        h('td', { class: 'status-cell' }, statusBadge(s.status)),
        h(
          'td',
          null,
          s.parentInstanceId
            ? h('a', { href: instanceUrl(s.parentInstanceId), class: 'parent-link' }, s.parentInstanceId)
            : null,
        ),
        h('td', { class: 'nowrap' }, formatTime(s.createdAt)),
        h('td', { class: 'nowrap completed-at' }, terminal ? formatTime(s.lastUpdatedAt) : ''),
        h(
          'td',
          { class: `nowrap duration${terminal ? '' : ' running'}` },
          formatDuration(durationOf(s, now)),
        ),
        h(
          'td',
          { class: 'clip failure-cell', title: s.failureDetails?.message ?? s.stalledReason ?? '' },
          s.failureDetails ? s.failureDetails.message : (s.stalledReason ?? ''),
        ),
        h('td', { class: 'clip' }, oneLine(s.customStatus)),
      ),
    );
  }
  append(table, tbody);
}

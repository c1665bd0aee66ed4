import { api, refreshLoop } from './api.js';
import { renderBulkBar } from './bulk-bar.js';
import { dialogOpen } from './dialog.js';
import { app, append, clear, flash, h, instanceUrl, page, statusBadge } from './dom.js';
import { formatDuration, formatTime, oneLine, zoneLabel } from './format.js';
import type { Counts, InstancePage, Meta, WorkflowState } from './types.js';
import { STATUSES, TERMINAL } from './types.js';

const PAGE_SIZE = 25;
/** How often the counts per status are read again while the filters stay the same, in ms. */
const COUNTS_MS = 10_000;

/** Time ranges of the picker, in ms back from now ('' any time, `custom` from/to fields). */
const RANGES: [string, string][] = [
  ['', 'Any time'],
  ['900000', 'Last 15 minutes'],
  ['3600000', 'Last hour'],
  ['86400000', 'Last 24 hours'],
  ['604800000', 'Last 7 days'],
  ['custom', 'Custom…'],
];

interface ListState {
  statuses: string[];
  name: string;
  range: string;
  from: string;
  to: string;
  search: string;
  rootsOnly: boolean;
  tokens: string[];
  page: number;
  live: boolean;
  sort: { key: SortKey; dir: 1 | -1 } | undefined;
  items: WorkflowState[];
  selected: Set<string>;
}

type SortKey = 'name' | 'instanceId' | 'status' | 'createdAt' | 'completedAt' | 'duration';

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

/** The instance list: counts per status, filters, sortable table, paging, selection and bulk actions. */
export function listPage(meta: Meta): () => void {
  const params = new URLSearchParams(location.search);
  const state: ListState = {
    statuses: (params.get('status') ?? '').split(',').filter((s) => s !== ''),
    name: params.get('name') ?? '',
    range: params.get('range') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    search: params.get('search') ?? '',
    rootsOnly: params.get('roots') === '1',
    tokens: [''],
    page: 0,
    live: true,
    sort: undefined,
    items: [],
    selected: new Set(),
  };

  const countsBar = h('div', { class: 'counts', id: 'counts' });
  const nameSelect = h(
    'select',
    { id: 'name-filter', 'aria-label': 'Workflow' },
    h('option', { value: '' }, 'All workflows'),
    meta.workflows.map((w) => h('option', { value: w.name }, w.name)),
  );
  nameSelect.value = state.name;
  const rangeSelect = h(
    'select',
    { id: 'range-filter', 'aria-label': 'Created' },
    RANGES.map(([v, l]) => h('option', { value: v }, l)),
  );
  rangeSelect.value = state.range;
  const fromInput = h('input', { id: 'created-from', type: 'datetime-local', 'aria-label': 'Created from' });
  const toInput = h('input', { id: 'created-to', type: 'datetime-local', 'aria-label': 'Created to' });
  fromInput.value = state.from;
  toInput.value = state.to;
  const custom = h('span', { class: 'custom-range' }, fromInput, '–', toInput);
  const searchInput = h('input', {
    id: 'search',
    type: 'search',
    placeholder: 'Search id or workflow name',
    value: state.search,
  });
  const rootsBox = h('input', { id: 'roots-only', type: 'checkbox', checked: state.rootsOnly });
  const liveBox = h('input', { id: 'live-refresh', type: 'checkbox', checked: true });
  const refreshed = h('span', { id: 'refreshed', class: 'muted' });
  const table = h('table', { id: 'instances', class: 'grid' });
  const bulkBar = h('div', { class: 'bulk', id: 'bulk' });
  const prev = h('button', { id: 'prev-page', type: 'button' }, '← Newer');
  const next = h('button', { id: 'next-page', type: 'button' }, 'Older →');
  const pageLabel = h('span', { id: 'page-number', class: 'muted' });
  clear(app);
  append(
    app,
    h('div', { id: 'flash', class: 'flash hidden' }),
    countsBar,
    h(
      'div',
      { class: 'toolbar' },
      nameSelect,
      rangeSelect,
      custom,
      searchInput,
      h('label', { class: 'check' }, rootsBox, ' Roots only'),
      h('label', { class: 'check live' }, liveBox, ' Live refresh'),
      refreshed,
    ),
    page.readOnly ? null : bulkBar,
    h('div', { class: 'table-scroll' }, table),
    h('div', { class: 'pager' }, prev, pageLabel, next),
  );
  const flashText = params.get('flash');
  if (flashText) flash(flashText, 'ok');

  function filterQuery(): URLSearchParams {
    const q = new URLSearchParams();
    if (state.statuses.length > 0) q.set('status', state.statuses.join(','));
    if (state.name) q.set('name', state.name);
    if (state.search) q.set('search', state.search);
    if (state.rootsOnly) q.set('rootsOnly', 'true');
    if (state.range === 'custom') {
      if (state.from) q.set('createdFrom', new Date(state.from).toISOString());
      if (state.to) q.set('createdTo', new Date(state.to).toISOString());
    } else if (state.range) {
      q.set('createdFrom', new Date(Date.now() - Number(state.range)).toISOString());
    }
    return q;
  }
  function filterBody(): Record<string, unknown> {
    const body: Record<string, unknown> = {};
    filterQuery().forEach((v, k) => (body[k] = k === 'rootsOnly' ? true : v));
    return body;
  }

  const lastCounts: { key: string; at: number; data?: Counts; busy: boolean } = {
    key: '\u0000',
    at: 0,
    busy: false,
  };
  /**
   * Counting reads every matching instance (slow on a sidecar), so it runs beside the list, never blocking
   * it, one request at a time: again when the filters change, else at most every COUNTS_MS.
   */
  function loadCounts(counted: URLSearchParams): void {
    const key = JSON.stringify([
      state.name,
      state.range,
      state.from,
      state.to,
      state.search,
      state.rootsOnly,
    ]);
    if (lastCounts.data) renderCounts(lastCounts.data);
    if (lastCounts.busy || (key === lastCounts.key && Date.now() - lastCounts.at < COUNTS_MS)) return;
    lastCounts.busy = true;
    api<Counts>(`/counts?${counted.toString()}`)
      .then((c) => {
        lastCounts.data = c;
        lastCounts.key = key;
        lastCounts.at = Date.now();
        renderCounts(c);
      })
      .catch((err: unknown) => flash((err as Error).message, 'error'))
      .finally(() => (lastCounts.busy = false));
  }
  async function load(): Promise<void> {
    const q = filterQuery();
    q.set('pageSize', String(PAGE_SIZE));
    const token = state.tokens[state.page];
    if (token) q.set('continuationToken', token);
    const counted = filterQuery();
    counted.delete('status');
    try {
      const list = await api<InstancePage>(`/instances?${q.toString()}`);
      state.items = list.items;
      state.tokens[state.page + 1] = list.continuationToken ?? '';
      renderRows();
      prev.disabled = state.page === 0;
      next.disabled = !list.continuationToken;
      pageLabel.textContent = `Page ${state.page + 1}`;
      loadCounts(counted);
      refreshed.textContent = `Updated ${new Date().toLocaleTimeString()}`;
    } catch (err) {
      flash((err as Error).message, 'error');
    }
  }

  function renderCounts(c: Counts): void {
    clear(countsBar);
    const chip = (status: string, label: string, n: number): HTMLElement => {
      const on = status === '' ? state.statuses.length === 0 : state.statuses.includes(status);
      return h(
        'button',
        {
          type: 'button',
          class: `count count-${status.toLowerCase() || 'all'}${on ? ' on' : ''}`,
          'data-status': status,
          'aria-pressed': on ? 'true' : 'false',
          title: status === '' ? 'Show every status' : `Show ${status} (click more to add statuses)`,
          onclick: () => {
            if (status === '') state.statuses = [];
            else if (on) state.statuses = state.statuses.filter((s) => s !== status);
            else state.statuses = [...state.statuses, status];
            restart();
          },
        },
        h('span', { class: 'count-label' }, label),
        h('span', { class: 'count-n' }, `${n}${c.capped ? '+' : ''}`),
      );
    };
    append(
      countsBar,
      chip('', 'All', c.total),
      STATUSES.filter((s) => (c.counts[s] ?? 0) > 0 || state.statuses.includes(s)).map((s) =>
        chip(s, s, c.counts[s] ?? 0),
      ),
    );
  }

  function sortedItems(now: number): WorkflowState[] {
    const sort = state.sort;
    if (!sort) return state.items;
    return [...state.items].sort((a, b) => {
      const x = sortValue(a, sort.key, now);
      const y = sortValue(b, sort.key, now);
      return (x < y ? -1 : x > y ? 1 : 0) * sort.dir;
    });
  }

  function renderRows(): void {
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
            renderRows();
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
        renderRows();
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
    for (const s of sortedItems(now)) {
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
                    renderBulk();
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
    renderBulk();
  }

  function renderBulk(): void {
    renderBulkBar(bulkBar, {
      selected: [...state.selected],
      filter: filterBody,
      done: () => {
        state.selected.clear();
        lastCounts.at = 0;
        refresh();
      },
    });
  }

  function restart(): void {
    state.tokens = [''];
    state.page = 0;
    state.selected.clear();
    const q = new URLSearchParams();
    if (state.statuses.length > 0) q.set('status', state.statuses.join(','));
    if (state.name) q.set('name', state.name);
    if (state.range) q.set('range', state.range);
    if (state.range === 'custom' && state.from) q.set('from', state.from);
    if (state.range === 'custom' && state.to) q.set('to', state.to);
    if (state.search) q.set('search', state.search);
    if (state.rootsOnly) q.set('roots', '1');
    history.replaceState(null, '', location.pathname + (q.toString() ? `?${q.toString()}` : ''));
    custom.classList.toggle('hidden', state.range !== 'custom');
    refresh();
  }
  custom.classList.toggle('hidden', state.range !== 'custom');
  nameSelect.addEventListener('change', () => {
    state.name = nameSelect.value;
    restart();
  });
  rangeSelect.addEventListener('change', () => {
    state.range = rangeSelect.value;
    restart();
  });
  fromInput.addEventListener('change', () => {
    state.from = fromInput.value;
    restart();
  });
  toInput.addEventListener('change', () => {
    state.to = toInput.value;
    restart();
  });
  rootsBox.addEventListener('change', () => {
    state.rootsOnly = rootsBox.checked;
    restart();
  });
  let debounce: number | undefined;
  searchInput.addEventListener('input', () => {
    window.clearTimeout(debounce);
    debounce = window.setTimeout(() => {
      state.search = searchInput.value.trim();
      restart();
    }, 250);
  });
  liveBox.addEventListener('change', () => {
    state.live = liveBox.checked;
  });
  prev.addEventListener('click', () => {
    if (state.page > 0) {
      state.page -= 1;
      refresh();
    }
  });
  next.addEventListener('click', () => {
    if (state.tokens[state.page + 1]) {
      state.page += 1;
      refresh();
    }
  });
  const refresh = refreshLoop(load, page.refreshMs, () => state.live && !dialogOpen());
  return () => renderRows();
}

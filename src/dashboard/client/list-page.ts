import { api, refreshLoop } from './api.js';
import { renderBulkBar } from './bulk-bar.js';
import { dialogOpen } from './dialog.js';
import { app, append, clear, flash, h, page } from './dom.js';
import { renderInstanceTable } from './instance-table.js';
import type { InstanceTableState } from './instance-table.js';
import type { Counts, InstancePage, Meta } from './types.js';
import { STATUSES } from './types.js';

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

interface ListState extends InstanceTableState {
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
}

/** The instance list: counts per status, filters, the instance table (`instance-table.ts`), paging, bulk actions. */
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

  function renderRows(): void {
    renderInstanceTable(table, state, { rerender: renderRows, selectionChanged: renderBulk });
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

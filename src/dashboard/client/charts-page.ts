import { api } from './api.js';
import { app, append, clear, h, svg } from './dom.js';
import { formatDuration, formatTime } from './format.js';
import type { Meta, Stats } from './types.js';

const WINDOWS: [string, string][] = [
  ['3600000', 'Last hour'],
  ['21600000', 'Last 6 hours'],
  ['86400000', 'Last 24 hours'],
  ['604800000', 'Last 7 days'],
];

const SERIES: { key: 'started' | 'completed' | 'failed'; label: string }[] = [
  { key: 'started', label: 'started' },
  { key: 'completed', label: 'completed' },
  { key: 'failed', label: 'failed' },
];

/** Grouped bars of started/completed/failed per bucket, as SVG. */
function throughputChart(stats: Stats): Element {
  const W = 1200;
  const H = 220;
  const pad = { l: 40, r: 10, t: 10, b: 30 };
  const max = Math.max(1, ...stats.buckets.flatMap((b) => [b.started, b.completed, b.failed]));
  const slot = (W - pad.l - pad.r) / Math.max(1, stats.buckets.length);
  const barW = Math.max(1, (slot - 2) / 3);
  const y = (v: number): number => H - pad.b - (v / max) * (H - pad.t - pad.b);
  const chart = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'chart',
    id: 'throughput-chart',
    role: 'img',
    'aria-label': 'Workflows started, completed and failed over time',
  });
  for (const t of [0, 0.5, 1]) {
    const v = Math.round(max * t);
    append(
      chart,
      svg('line', { x1: pad.l, x2: W - pad.r, y1: y(v), y2: y(v), class: 'grid-line' }),
      svg('text', { x: pad.l - 6, y: y(v) + 4, class: 'axis', 'text-anchor': 'end' }, String(v)),
    );
  }
  stats.buckets.forEach((b, i) => {
    SERIES.forEach((s, j) => {
      const v = b[s.key];
      if (v === 0) return;
      append(
        chart,
        svg(
          'rect',
          {
            x: pad.l + i * slot + 1 + j * barW,
            y: y(v),
            width: barW,
            height: H - pad.b - y(v),
            class: `series-${s.key}`,
            'data-series': s.key,
            'data-value': v,
          },
          svg('title', null, `${formatTime(b.start)}: ${v} ${s.label}`),
        ),
      );
    });
  });
  const labels = [0, Math.floor(stats.buckets.length / 2), stats.buckets.length - 1];
  for (const i of labels) {
    const b = stats.buckets[i];
    if (b)
      append(
        chart,
        svg(
          'text',
          {
            x: pad.l + i * slot + (i === labels[labels.length - 1] ? slot : 0),
            y: H - 8,
            class: 'axis',
            'text-anchor': i === labels[labels.length - 1] ? 'end' : 'start',
          },
          formatTime(b.start).slice(5, 16),
        ),
      );
  }
  return chart;
}

/** Horizontal bars of p50 and p95 latency per activity. */
function latencyChart(stats: Stats): Element {
  const rowH = 24;
  const W = 1200;
  const labelW = 220;
  const H = Math.max(rowH, stats.steps.length * rowH) + 10;
  const max = Math.max(1, ...stats.steps.map((s) => s.p95));
  const chart = svg('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'chart',
    id: 'latency-chart',
    role: 'img',
    'aria-label': 'Step latency per activity',
  });
  stats.steps.forEach((s, i) => {
    const y = i * rowH + 4;
    const w95 = ((W - labelW - 340) * s.p95) / max;
    const w50 = ((W - labelW - 340) * s.p50) / max;
    append(
      chart,
      svg('text', { x: labelW - 8, y: y + 14, class: 'axis', 'text-anchor': 'end' }, s.name),
      svg(
        'rect',
        { x: labelW, y, width: Math.max(1, w95), height: 16, class: 'p95', 'data-step': s.name },
        svg('title', null, `p95 ${formatDuration(s.p95)}`),
      ),
      svg(
        'rect',
        { x: labelW, y: y + 4, width: Math.max(1, w50), height: 8, class: 'p50' },
        svg('title', null, `p50 ${formatDuration(s.p50)}`),
      ),
      svg(
        'text',
        { x: labelW + Math.max(1, w95) + 6, y: y + 13, class: 'axis' },
        `p50 ${formatDuration(s.p50)} · p95 ${formatDuration(s.p95)} · ${s.count} runs${s.failures ? ` · ${s.failures} failed` : ''}`,
      ),
    );
  });
  return chart;
}

/** Charts from the engine's own data: throughput over time, and step latency from recent histories. */
export function chartsPage(meta: Meta): () => void {
  const windowSelect = h(
    'select',
    { id: 'chart-window', 'aria-label': 'Window' },
    WINDOWS.map(([v, l]) => h('option', { value: v }, l)),
  );
  const nameSelect = h(
    'select',
    { id: 'chart-name', 'aria-label': 'Workflow' },
    h('option', { value: '' }, 'All workflows'),
    meta.workflows.map((w) => h('option', { value: w.name }, w.name)),
  );
  const body = h('div', { id: 'charts' }, h('p', { class: 'muted' }, 'Loading…'));
  clear(app);
  append(
    app,
    h('h1', null, 'Throughput and latency'),
    h('div', { class: 'toolbar' }, windowSelect, nameSelect),
    body,
  );
  let latest: Stats | undefined;
  function draw(stats: Stats): void {
    latest = stats;
    clear(body);
    const totals = SERIES.map((s) => stats.buckets.reduce((n, b) => n + b[s.key], 0));
    append(
      body,
      h(
        'section',
        null,
        h(
          'h2',
          null,
          'Workflows over time ',
          h(
            'span',
            { class: 'muted small', id: 'throughput-totals' },
            SERIES.map((s, i) => `${totals[i]} ${s.label}`).join(' · '),
            stats.capped ? ' (first instances only)' : '',
          ),
        ),
        h(
          'div',
          { class: 'legend' },
          SERIES.map((s) => h('span', { class: `key series-${s.key}` }, s.label)),
        ),
        throughputChart(stats),
      ),
      h(
        'section',
        null,
        h(
          'h2',
          null,
          'Step latency ',
          h('span', { class: 'muted small' }, 'from the latest finished instances'),
        ),
        stats.steps.length > 0
          ? latencyChart(stats)
          : h('p', { class: 'muted' }, 'No finished activities in this window.'),
      ),
    );
  }
  function load(): void {
    const to = Date.now();
    const q = new URLSearchParams({
      from: String(to - Number(windowSelect.value)),
      to: String(to),
      buckets: '30',
    });
    if (nameSelect.value) q.set('name', nameSelect.value);
    api<Stats>(`/stats?${q.toString()}`).then(draw, (err: unknown) => {
      clear(body);
      append(body, h('div', { id: 'flash', class: 'flash error' }, (err as Error).message));
    });
  }
  windowSelect.addEventListener('change', load);
  nameSelect.addEventListener('change', load);
  load();
  return () => {
    if (latest) draw(latest);
  };
}

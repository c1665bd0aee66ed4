/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** The pages of the dashboard. */
export type DashboardPage = 'list' | 'instance' | 'start' | 'charts';

/** What the page shell tells the browser script. */
export interface PageShellOptions {
  /** Where the router is mounted (`req.baseUrl`), '' at the root. */
  basePath: string;
  /** Which page the script renders. */
  page: DashboardPage;
  /** The instance of an instance page. */
  instanceId?: string;
  /** Hide the actions. */
  readOnly: boolean;
  /** Shown in the header and the title. */
  title: string;
  /** The database file or sidecar address, shown in the header. */
  source?: string;
  /** How often pages refresh, in ms. Default 2000. */
  refreshIntervalMs?: number;
}

const NAV: [DashboardPage, string, string][] = [
  ['list', '/', 'Instances'],
  ['start', '/start', 'Start'],
  ['charts', '/charts', 'Charts'],
];

/**
 * The HTML of a dashboard page: a static shell whose script (an ES module) renders the page from the
 * JSON API. Its icon is empty (`data:`), so the browser does not ask the host app for `/favicon.ico`. Every value in it is escaped; payloads never reach the HTML (the script puts them in as text).
 *
 * @param options - base path, page, instance, read-only, title, source
 */
export function renderPageShell(options: PageShellOptions): string {
  const base = escapeHtml(options.basePath);
  const title = escapeHtml(options.title);
  const heading = options.page === 'instance' ? `${escapeHtml(options.instanceId ?? '')} · ${title}` : title;
  const nav = NAV.filter(([kind]) => !(kind === 'start' && options.readOnly))
    .map(
      ([kind, path, label]) =>
        `<a class="nav${kind === options.page ? ' current' : ''}" id="nav-${kind}" href="${base}${path}">${label}</a>`,
    )
    .join('');
  const source = options.source
    ? `<span class="source" id="source" title="What this dashboard shows">${escapeHtml(options.source)}</span>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${base}/assets/dashboard.css">
</head>
<body data-base="${base}" data-page="${options.page}" data-instance-id="${escapeHtml(options.instanceId ?? '')}" data-read-only="${options.readOnly}" data-refresh-ms="${options.refreshIntervalMs ?? 2000}">
<header class="topbar">
<a class="brand" href="${base}/">${title}</a>
<nav>${nav}</nav>
${source}
${options.readOnly ? '<span class="badge read-only" id="read-only-badge">read-only</span>' : ''}
<label class="tz">Times <select id="time-zone" aria-label="Time zone"><option value="utc">UTC</option><option value="local">Local</option></select></label>
</header>
<main id="app"><p class="muted">Loading…</p><noscript>This dashboard needs JavaScript.</noscript></main>
<script type="module" src="${base}/assets/client/main.js"></script>
</body>
</html>
`;
}

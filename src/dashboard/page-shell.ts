/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** What the page shell tells the browser script. */
export interface PageShellOptions {
  /** Where the router is mounted (`req.baseUrl`), '' at the root. */
  basePath: string;
  /** Which page the script renders. */
  page: 'list' | 'instance';
  /** The instance of an instance page. */
  instanceId?: string;
  /** Hide the actions. */
  readOnly: boolean;
  /** Shown in the header and the title. */
  title: string;
}

/**
 * The HTML of a dashboard page: a static shell whose script renders the page from the JSON API. Every
 * value in it is escaped; payloads never reach the HTML (the script puts them in as text nodes).
 *
 * @param options - base path, page, instance, read-only, title
 */
export function renderPageShell(options: PageShellOptions): string {
  const base = escapeHtml(options.basePath);
  const title = escapeHtml(options.title);
  const heading = options.page === 'instance' ? `${escapeHtml(options.instanceId ?? '')} · ${title}` : title;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${heading}</title>
<link rel="stylesheet" href="${base}/assets/dashboard.css">
</head>
<body data-base="${base}" data-page="${options.page}" data-instance-id="${escapeHtml(options.instanceId ?? '')}" data-read-only="${options.readOnly}">
<header class="topbar">
<a class="brand" href="${base}/">${title}</a>
${options.readOnly ? '<span class="badge read-only" id="read-only-badge">read-only</span>' : ''}
</header>
<main id="app"><p class="muted">Loading…</p><noscript>This dashboard needs JavaScript.</noscript></main>
<script src="${base}/assets/dashboard.js"></script>
</body>
</html>
`;
}

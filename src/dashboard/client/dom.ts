/** Tiny DOM helpers: elements from tag, attributes and children; text always as text nodes, never HTML. */

/** What may be a child: nodes, text, nested lists; null/undefined/false are skipped. */
export type Child = Node | string | number | null | undefined | false | Child[];

/** Attributes: `on<event>` adds a listener, `text` sets the text, `true` a boolean attribute. */
export type Attrs = Record<string, string | number | boolean | null | undefined | ((ev: Event) => void)>;

/** Appends children to an element. */
export function append(el: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, ...child);
    else el.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

function setAttrs(el: Element, attrs: Attrs | null | undefined): void {
  if (!attrs) return;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

/** Creates an HTML element. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs | null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, ...children);
  return el;
}

/** Creates an SVG element. */
export function svg(tag: string, attrs?: Attrs | null, ...children: Child[]): SVGElement {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  setAttrs(el, attrs);
  append(el, ...children);
  return el;
}

/** Removes all children. */
export function clear(el: Element): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** The page's settings from the shell's `<body data-…>`. */
export const page = {
  base: document.body.getAttribute('data-base') ?? '',
  kind: document.body.getAttribute('data-page') ?? 'list',
  instanceId: document.body.getAttribute('data-instance-id') ?? '',
  readOnly: document.body.getAttribute('data-read-only') === 'true',
  refreshMs: Number(document.body.getAttribute('data-refresh-ms')) || 2000,
};

/** The `<main>` the pages render into. */
export const app = document.getElementById('app') as HTMLElement;

/** The URL of an instance page. */
export function instanceUrl(id: string): string {
  return `${page.base}/instances/${encodeURIComponent(id)}`;
}

/** A status badge. */
export function statusBadge(status: string): HTMLElement {
  return h('span', { class: `status status-${status.toLowerCase()}` }, status);
}

/** Shows a message in the page's `#flash` box, with an optional link. */
export function flash(
  message: string,
  kind: 'ok' | 'info' | 'error' = 'info',
  link?: { href: string; text: string },
): void {
  const box = document.getElementById('flash');
  if (!box) return;
  clear(box);
  box.className = `flash ${kind}`;
  append(box, message, link ? [' ', h('a', { href: link.href, id: 'flash-link' }, link.text)] : null);
}

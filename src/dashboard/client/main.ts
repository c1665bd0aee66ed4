/**
 * The dashboard's page script: an ES module per page, compiled from TypeScript, no framework. It renders
 * from the JSON API and puts every payload into the page as text, never as HTML (strict CSP holds).
 */
import { api } from './api.js';
import { chartsPage } from './charts-page.js';
import { app, append, clear, h, page } from './dom.js';
import { initTimeZonePicker } from './format.js';
import { startHealthBanner } from './health-banner.js';
import { instancePage } from './instance-page.js';
import { listPage } from './list-page.js';
import { startPage } from './start-page.js';
import type { Meta } from './types.js';

async function main(): Promise<void> {
  let meta: Meta;
  try {
    meta = await api<Meta>('/meta');
  } catch (err) {
    clear(app);
    append(app, h('div', { id: 'flash', class: 'flash error' }, (err as Error).message));
    return;
  }
  startHealthBanner();
  let rerender: () => void = () => undefined;
  initTimeZonePicker(() => rerender());
  switch (page.kind) {
    case 'instance':
      rerender = instancePage(page.instanceId);
      break;
    case 'start':
      startPage(meta);
      break;
    case 'charts':
      rerender = chartsPage(meta);
      break;
    default:
      rerender = listPage(meta);
  }
}

void main();

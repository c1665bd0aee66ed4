/**
 * The engine-health banner: while storage fails (`GET /api/health` answers `degraded` or `failed`), a banner
 * above every page says so and why; it goes away by itself when storage recovers.
 */
import { api, refreshLoop } from './api.js';
import { append, clear, h } from './dom.js';

/** The shape of `GET /api/health` (the engine's `BackendHealth`). */
interface Health {
  status: 'ok' | 'degraded' | 'failed';
  reason?: string;
  since?: string | number;
}

/** How often the banner re-reads the engine's health, in ms (one request at a time). */
const HEALTH_REFRESH_MS = 5_000;

/** Adds the (hidden) banner at the top of the page and keeps it current. */
export function startHealthBanner(): void {
  const banner = h('div', { id: 'health', class: 'flash error hidden', role: 'alert' });
  document.body.insertBefore(banner, document.body.firstChild);
  refreshLoop(
    async () => {
      const health = await api<Health>('/health');
      clear(banner);
      if (health.status === 'ok') {
        banner.className = 'flash error hidden';
        return;
      }
      banner.className = `flash error health-${health.status}`;
      banner.dataset.status = health.status;
      const what =
        health.status === 'failed'
          ? 'The engine has stopped: its storage cannot be used until it is restarted.'
          : 'The engine is degraded: storage is failing, and work waits until it recovers.';
      append(banner, h('strong', null, what), health.reason ? ` ${health.reason}` : '');
    },
    HEALTH_REFRESH_MS,
    () => true,
  );
}

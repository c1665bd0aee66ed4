import { page } from './dom.js';

/** An error answer of the dashboard API: `{ error: { code, message } }`. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/**
 * Calls the dashboard API: GET without a body, otherwise a JSON POST with the action header.
 *
 * @throws {@link ApiError} for an error answer
 */
export async function api<T>(path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { headers: { accept: 'application/json' } };
  if (body !== undefined) {
    init.method = 'POST';
    init.headers = {
      accept: 'application/json',
      'content-type': 'application/json',
      'x-weft-dashboard': '1',
    };
    init.body = JSON.stringify(body);
  }
  const res = await fetch(`${page.base}/api${path}`, init);
  const data = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  if (!res.ok) {
    throw new ApiError(data.error?.code ?? 'HTTP', data.error?.message ?? `HTTP ${res.status}`, res.status);
  }
  return data as T;
}

/**
 * Calls `load` now and again `everyMs` after each call settles (never two at once), while `active()`
 * holds and the page is visible. A slow answer delays the next refresh instead of piling requests up.
 *
 * @returns a function that runs a refresh now (queued behind one in flight)
 */
export function refreshLoop(
  load: () => Promise<unknown>,
  everyMs: number,
  active: () => boolean,
): () => void {
  let timer: number | undefined;
  let running: Promise<unknown> | undefined;
  let again = false;
  const run = (): void => {
    if (timer !== undefined) window.clearTimeout(timer);
    timer = undefined;
    if (running) {
      again = true;
      return;
    }
    running = load()
      .catch(() => undefined)
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        } else schedule();
      });
  };
  const schedule = (): void => {
    timer = window.setTimeout(() => {
      if (active() && !document.hidden) run();
      else schedule();
    }, everyMs);
  };
  run();
  return run;
}

/** Time and duration formats, in UTC or the browser's zone (the header's choice, kept in localStorage). */

const KEY = 'weft-dashboard-time-zone';

/** `utc` or `local`. */
export function timeZone(): 'utc' | 'local' {
  return localStorage.getItem(KEY) === 'local' ? 'local' : 'utc';
}

/** Wires the header's time-zone picker: a change is saved and re-renders through `onChange`. */
export function initTimeZonePicker(onChange: () => void): void {
  const select = document.getElementById('time-zone') as HTMLSelectElement | null;
  if (!select) return;
  select.value = timeZone();
  select.addEventListener('change', () => {
    localStorage.setItem(KEY, select.value);
    onChange();
  });
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** `YYYY-MM-DD HH:MM:SS.mmm` in the chosen zone; '' for none. */
export function formatTime(value: string | number | Date | undefined | null): string {
  if (value === undefined || value === null || value === '') return '';
  const d = new Date(value);
  if (timeZone() === 'utc') return d.toISOString().replace('T', ' ').replace('Z', '');
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  );
}

/** The zone's label for column heads: `UTC` or `local`. */
export function zoneLabel(): string {
  return timeZone() === 'utc' ? 'UTC' : 'local';
}

/** A duration in ms as `850 ms`, `12.3 s`, `4 min 5 s`, `2 h 3 min`, `3 d 4 h`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '';
  const abs = Math.abs(ms);
  if (abs < 1000) return `${Math.round(ms)} ms`;
  if (abs < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(abs / 1000);
  const sign = ms < 0 ? '-' : '';
  if (s < 3600) return `${sign}${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86_400) return `${sign}${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${sign}${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

/** `in 59 min 58 s` / `3.2 s ago`, relative to `now`. */
export function relative(at: number, now: number): string {
  return at >= now ? `in ${formatDuration(at - now)}` : `${formatDuration(now - at)} ago`;
}

/** JSON for a `<pre>`; '' for undefined. */
export function json(value: unknown): string {
  return value === undefined ? '' : JSON.stringify(value, null, 2);
}

/** JSON on one line (strings as they are). */
export function oneLine(value: unknown): string {
  return value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
}

import { api } from './api.js';
import { confirmAction } from './dialog.js';
import { append, clear, flash, h } from './dom.js';

type BulkAction = 'terminate' | 'purge';
type BulkResult = { count: number; failed: { instanceId: string; message: string }[] };

/** What the bulk bar acts on. */
export interface BulkContext {
  /** Selected instance ids. */
  selected: string[];
  /** The list's current filters, as the API's `filter` body. */
  filter(): Record<string, unknown>;
  /** After an action ran. */
  done(): void;
}

const plural = (n: number): string => `${n} instance${n === 1 ? '' : 's'}`;

/**
 * Asks the API how many instances the action would touch (`dryRun`), then confirms with that number
 * before running it: terminate takes only unfinished instances, purge only finished ones.
 */
function runBulk(action: BulkAction, scope: 'selected' | 'filter', ctx: BulkContext): void {
  const body: Record<string, unknown> =
    scope === 'selected' ? { instanceIds: ctx.selected } : { filter: ctx.filter() };
  const verb = action === 'terminate' ? 'Terminate' : 'Purge';
  const which = action === 'terminate' ? 'unfinished' : 'finished';
  api<{ count: number }>(`/bulk/${action}`, { ...body, dryRun: true }).then(
    ({ count }) =>
      confirmAction<BulkResult>({
        title: `${verb} ${plural(count)}`,
        message:
          count === 0
            ? `None of the ${scope === 'selected' ? 'selected' : 'matching'} instances is ${which}; nothing to ${action}.`
            : `${verb} ${count} ${which} instance${count === 1 ? '' : 's'} ${scope === 'selected' ? 'you selected' : 'matching the filters'}` +
              `${action === 'purge' ? ' (state and history are deleted)' : ''}? This cannot be undone.`,
        confirmLabel: `${verb} ${count}`,
        run: () => api<BulkResult>(`/bulk/${action}`, body),
        done: (result) => {
          const failed =
            result.failed.length > 0 ? ` ${result.failed.length} failed: ${result.failed[0].message}` : '';
          flash(
            `${action === 'terminate' ? 'Terminated' : 'Purged'} ${plural(result.count)}.${failed}`,
            failed ? 'error' : 'ok',
          );
          ctx.done();
        },
      }),
    (err: unknown) => flash((err as Error).message, 'error'),
  );
}

/** Draws the bulk bar: the selection's size, terminate/purge of the selection, and of everything matching. */
export function renderBulkBar(bar: HTMLElement, ctx: BulkContext): void {
  clear(bar);
  const n = ctx.selected.length;
  const button = (id: string, label: string, action: BulkAction, scope: 'selected' | 'filter'): HTMLElement =>
    h(
      'button',
      {
        type: 'button',
        id,
        class: 'danger',
        disabled: scope === 'selected' && n === 0,
        onclick: () => runBulk(action, scope, ctx),
      },
      label,
    );
  append(
    bar,
    h('span', { class: 'muted', id: 'selected-count' }, n === 0 ? 'No selection' : `${n} selected`),
    button('bulk-terminate-selected', 'Terminate selected…', 'terminate', 'selected'),
    button('bulk-purge-selected', 'Purge selected…', 'purge', 'selected'),
    h('span', { class: 'sep' }),
    button('bulk-terminate-filter', 'Terminate all matching…', 'terminate', 'filter'),
    button('bulk-purge-filter', 'Purge all matching…', 'purge', 'filter'),
  );
}

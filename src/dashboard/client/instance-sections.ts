import { append, h, instanceUrl, page } from './dom.js';
import { formatDuration, formatTime, oneLine, relative } from './format.js';
import type { FailureCause, InstanceDetail, PendingWork } from './types.js';

/** Callbacks the sections offer as buttons. */
export interface SectionActions {
  rerunFrom(eventId: number): void;
  purge(): void;
}

function stackBlock(cause: FailureCause, withIds: boolean): HTMLElement | null {
  const stack = cause.stack;
  if (!stack) return null;
  return h(
    'div',
    { class: 'stack' },
    h(
      'pre',
      { id: withIds ? 'failure-stack' : undefined, class: 'user-frames' },
      [stack.head, ...stack.userFrames.map((f) => `    ${f}`)].join('\n'),
    ),
    stack.internalFrames.length > 0
      ? h(
          'details',
          { class: 'internal-frames' },
          h('summary', null, `${stack.internalFrames.length} frames in Weft and Node`),
          h('pre', null, stack.internalFrames.map((f) => `    ${f}`).join('\n')),
        )
      : null,
  );
}

const KIND_LABEL: Record<FailureCause['kind'], string> = {
  workflow: 'workflow',
  activity: 'activity',
  child: 'child workflow',
};

/**
 * The failure, innermost cause first: the failing activity or child with its own message and stack (user
 * frames first, Weft's folded), its attempts, the cause chain, and the actions that fit.
 */
export function failureSection(data: InstanceDetail, actions: SectionActions): HTMLElement | null {
  const chain = data.failure?.chain;
  if (!chain || chain.length === 0) return null;
  const root = chain[chain.length - 1];
  const step = chain.find((c) => c.kind !== 'workflow' && c.instanceId === data.state.instanceId);
  const where =
    root.kind === 'workflow' ? `in workflow ${root.name}` : `in ${KIND_LABEL[root.kind]} ${root.name}`;
  return h(
    'section',
    { id: 'failure', class: 'failure' },
    h(
      'h2',
      null,
      'Failed ',
      h('span', { id: 'failure-where' }, where),
      root.instanceId !== data.state.instanceId
        ? [' of ', h('a', { href: instanceUrl(root.instanceId), id: 'failure-instance' }, root.instanceId)]
        : null,
    ),
    h('p', { id: 'failure-message' }, h('strong', null, `${root.errorType}: `), root.message),
    root.attempts !== undefined
      ? h(
          'p',
          { id: 'failure-attempts', class: 'muted' },
          `after ${root.attempts} attempt${root.attempts === 1 ? '' : 's'}`,
        )
      : null,
    stackBlock(root, true),
    chain.length > 1
      ? h(
          'div',
          { id: 'cause-chain', class: 'cause-chain' },
          h('h3', null, 'Cause chain'),
          h(
            'ol',
            null,
            chain.map((c) =>
              h(
                'li',
                { class: 'cause', 'data-kind': c.kind },
                h('span', { class: 'cause-where' }, `${KIND_LABEL[c.kind]} ${c.name}`),
                c.instanceId !== data.state.instanceId
                  ? [' (', h('a', { href: instanceUrl(c.instanceId) }, c.instanceId), ')']
                  : null,
                c.attempts !== undefined
                  ? h('span', { class: 'muted' }, ` · ${c.attempts} attempt${c.attempts === 1 ? '' : 's'}`)
                  : null,
                h('div', { class: 'cause-message' }, `${c.errorType}: ${c.message}`),
                c !== root && c.stack
                  ? h('details', null, h('summary', null, 'stack'), stackBlock(c, false))
                  : null,
              ),
            ),
          ),
        )
      : null,
    page.readOnly
      ? null
      : h(
          'div',
          { class: 'actions' },
          step?.eventId !== undefined
            ? h(
                'button',
                {
                  type: 'button',
                  id: 'failure-rerun',
                  onclick: () => actions.rerunFrom(step.eventId as number),
                },
                `Rerun from the failed ${KIND_LABEL[step.kind]}…`,
              )
            : null,
          h(
            'button',
            { type: 'button', class: 'danger', id: 'failure-purge', onclick: () => actions.purge() },
            'Purge…',
          ),
        ),
  );
}

/** What an unfinished instance waits for: events by name, timers, activities in flight or retrying, children. */
export function waitingSection(data: InstanceDetail): HTMLElement | null {
  if (data.terminal || data.state.status === 'STALLED') return null;
  const p: PendingWork = data.pending;
  const now = data.now;
  const items: HTMLElement[] = [];
  const started = data.history.find((e) => e.type === 'ExecutionStarted');
  const startAt = started?.scheduledStartTimestamp;
  if (data.state.status === 'PENDING') {
    const when =
      typeof startAt === 'number'
        ? `its start time ${formatTime(startAt)} (${relative(startAt, now)})`
        : 'its start: not picked up yet (a start time in the future, or no worker running)';
    items.push(h('li', { class: 'wait-start' }, when));
  }
  for (const e of p.events) {
    items.push(
      h(
        'li',
        { class: 'wait-event', 'data-name': e.name },
        'event ',
        h('strong', null, e.name),
        e.timeoutAt !== undefined
          ? ` · gives up ${formatTime(e.timeoutAt)} (${relative(e.timeoutAt, now)})`
          : ' · no deadline',
      ),
    );
  }
  for (const t of p.timers.filter((x) => x.kind === 'timer')) {
    items.push(
      h(
        'li',
        { class: 'wait-timer', 'data-event-id': t.eventId },
        'timer ',
        h('strong', null, `#${t.eventId}`),
        ` fires ${formatTime(t.fireAt)} (${relative(t.fireAt, now)})`,
      ),
    );
  }
  for (const a of p.activities) {
    items.push(
      a.nextRetryAt !== undefined
        ? h(
            'li',
            { class: 'wait-activity retrying', 'data-name': a.name },
            'activity ',
            h('strong', null, a.name),
            ` · attempt ${a.attempt} failed: ${a.lastError ?? ''} · attempt ${a.attempt + 1} at ${formatTime(a.nextRetryAt)} (${relative(a.nextRetryAt, now)})`,
          )
        : h(
            'li',
            { class: 'wait-activity', 'data-name': a.name },
            'activity ',
            h('strong', null, a.name),
            ` · attempt ${a.attempt} in flight for ${formatDuration(now - a.scheduledAt)}`,
          ),
    );
  }
  for (const c of p.children) {
    items.push(
      h(
        'li',
        { class: 'wait-child', 'data-name': c.name },
        'child workflow ',
        h('strong', null, c.name),
        ' ',
        h('a', { href: instanceUrl(c.instanceId), class: 'wait-child-link' }, c.instanceId),
        c.nextRetryAt !== undefined
          ? ` · retry at ${formatTime(c.nextRetryAt)} (${relative(c.nextRetryAt, now)})`
          : ` · running for ${formatDuration(now - c.createdAt)}`,
      ),
    );
  }
  const status = data.state.status;
  const hint =
    status === 'SUSPENDED'
      ? 'Suspended: it holds until resumed.'
      : items.length === 0
        ? `Nothing in flight: it waits for an external event (the history does not record which one${data.state.customStatus !== undefined ? `; custom status: ${oneLine(data.state.customStatus)}` : ''}) or for its next step.`
        : null;
  return h(
    'section',
    { id: 'waiting', class: 'waiting' },
    h('h2', null, 'Waiting for'),
    items.length > 0 ? h('ul', { class: 'wait-list' }, items) : null,
    hint ? h('p', { class: 'muted', id: 'waiting-hint' }, hint) : null,
  );
}

/** The timeline: one row per activity attempt, child, timer, back-off and wait; it runs to now while unfinished. */
export function timelineSection(data: InstanceDetail): HTMLElement {
  const t = data.timeline;
  const box = h('div', { class: 'timeline', id: 'timeline' });
  if (t.bars.length === 0) {
    append(box, h('p', { class: 'muted' }, 'Nothing scheduled yet.'));
    return box;
  }
  const span = Math.max(1, t.end - t.start);
  const fires = new Map(data.pending.timers.map((x) => [x.eventId, x.fireAt]));
  append(
    box,
    h(
      'div',
      { class: 'timeline-scale muted' },
      h('span', null, '0'),
      h('span', { id: 'timeline-end' }, `${formatDuration(t.end - t.start)}${data.terminal ? '' : ' (now)'}`),
    ),
  );
  for (const bar of t.bars) {
    const end = bar.end ?? t.end;
    const left = Math.min(99.4, ((bar.start - t.start) / span) * 100);
    const width = Math.min(100 - left, Math.max(0.6, ((end - bar.start) / span) * 100));
    const prefix = { activity: 'activity ', child: 'child ', wait: 'wait for ', timer: '', retry: '' }[
      bar.kind
    ];
    const fireAt = fires.get(bar.eventId);
    const label = `${prefix}${bar.label}${bar.attempt > 1 ? ` (attempt ${bar.attempt})` : ''}`;
    const note =
      bar.outcome === 'open' && fireAt !== undefined ? ` · fires ${relative(fireAt, data.now)}` : '';
    const el = h('div', {
      class: `bar bar-${bar.kind} outcome-${bar.outcome}`,
      title: `${label} · ${formatDuration(end - bar.start)} · ${bar.outcome}${note}`,
    });
    el.style.left = `${left}%`;
    el.style.width = `${width}%`;
    append(
      box,
      h(
        'div',
        { class: 'timeline-row', 'data-kind': bar.kind, 'data-outcome': bar.outcome },
        h('div', { class: 'timeline-label' }, label, note ? h('span', { class: 'muted' }, note) : null),
        h('div', { class: 'timeline-track' }, el),
      ),
    );
  }
  return box;
}

/** The history table, with "rerun from here" on activity and child events of a finished instance. */
export function historyTable(data: InstanceDetail, rerunFrom: (eventId: number) => void): HTMLElement {
  const events = data.history;
  const names = new Map<number, string>();
  for (const e of events) if (e.eventId >= 0 && e.name) names.set(e.eventId, e.name);
  const start = Math.min(...events.map((e) => Date.parse(e.timestamp)));
  const tbody = h('tbody');
  for (const e of events) {
    const ref =
      typeof e.taskScheduledId === 'number'
        ? e.taskScheduledId
        : typeof e.timerId === 'number'
          ? e.timerId
          : undefined;
    const details: string[] = [];
    if (ref !== undefined) details.push(`scheduledId=${ref}`);
    if (typeof e.attempt === 'number' && e.attempt > 1) details.push(`attempt=${e.attempt}`);
    if (e.instanceId) details.push(`instanceId=${String(e.instanceId)}`);
    if (typeof e.fireAt === 'number') details.push(`fireAt=${formatTime(e.fireAt)}`);
    if (e.input !== undefined) details.push(`input=${oneLine(e.input)}`);
    if (e.result !== undefined) details.push(`result=${oneLine(e.result)}`);
    if (e.workflowStatus) details.push(`status=${String(e.workflowStatus)}`);
    const fd = e.failureDetails as { errorType: string; message: string } | undefined;
    if (fd) details.push(`error=${fd.errorType}: ${fd.message}`);
    const canRerun =
      !page.readOnly &&
      data.terminal &&
      (e.type === 'TaskScheduled' || e.type === 'ChildWorkflowInstanceCreated');
    append(
      tbody,
      h(
        'tr',
        { class: `event event-${e.type}` },
        h('td', null, e.type),
        h('td', null, e.name ?? (ref !== undefined ? (names.get(ref) ?? '') : '')),
        h('td', null, e.eventId >= 0 ? String(e.eventId) : ''),
        h('td', { class: 'nowrap' }, `+${formatDuration(Date.parse(e.timestamp) - start)}`),
        h('td', { class: 'details' }, details.join(' ')),
        h(
          'td',
          null,
          canRerun
            ? h(
                'button',
                {
                  type: 'button',
                  class: 'small rerun-here',
                  'data-event-id': e.eventId,
                  onclick: () => rerunFrom(e.eventId),
                },
                'Rerun from here',
              )
            : null,
        ),
      ),
    );
  }
  return h(
    'table',
    { class: 'grid', id: 'history' },
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['Type', 'Name', 'Event ID', 'Elapsed', 'Details', ''].map((t) => h('th', null, t)),
      ),
    ),
    tbody,
  );
}

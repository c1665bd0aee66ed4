import { api, refreshLoop } from './api.js';
import { confirmAction, dialogOpen } from './dialog.js';
import { app, append, clear, flash, h, instanceUrl, page, statusBadge } from './dom.js';
import { formatDuration, formatTime, json, zoneLabel } from './format.js';
import { failureSection, historyTable, timelineSection, waitingSection } from './instance-sections.js';
import type { HistoryEvent, InstanceDetail } from './types.js';

/** How often an unchanged running instance is redrawn to move its timeline and timers on, in ms. */
const NOW_REDRAW_MS = 5000;

const rerunnable = (history: HistoryEvent[]): HistoryEvent[] =>
  history.filter((e) => e.type === 'TaskScheduled' || e.type === 'ChildWorkflowInstanceCreated');

/** An instance: failure or what it waits for first, then facts, payloads, timeline and history; actions. */
export function instancePage(instanceId: string): () => void {
  const path = `/instances/${encodeURIComponent(instanceId)}`;
  let live = true;
  let lastKey = '';
  let renderedAt = 0;
  let last: InstanceDetail | undefined;

  async function load(): Promise<void> {
    try {
      const data = await api<InstanceDetail>(path);
      // Redraw on change; otherwise only now and then, to move "now" on (a redraw drops text selections).
      const key = JSON.stringify({ ...data, now: 0, timeline: { ...data.timeline, end: 0 } });
      if (key === lastKey && (data.terminal || data.now - renderedAt < NOW_REDRAW_MS)) return;
      renderedAt = data.now;
      lastKey = key;
      last = data;
      render(data);
      if (data.terminal) live = false;
    } catch (err) {
      clear(app);
      append(
        app,
        h('div', { id: 'flash', class: 'flash error' }, (err as Error).message),
        h('p', null, h('a', { href: `${page.base}/` }, '← All instances')),
      );
      live = false;
    }
  }

  function reloadWith(message: string): () => void {
    return () => {
      flash(message, 'ok');
      lastKey = '';
      live = true;
      refresh();
    };
  }

  function openRerun(data: InstanceDetail, eventId?: number): void {
    const choices = rerunnable(data.history).map((e) => ({
      value: String(e.eventId),
      label: `#${e.eventId} ${e.type === 'TaskScheduled' ? 'activity' : 'child workflow'} ${e.name ?? ''}${typeof e.attempt === 'number' && e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}`,
    }));
    confirmAction<{ instanceId: string }>({
      title: 'Rerun from an event',
      message: `Start a new instance with the history of ${instanceId} up to the chosen activity or child workflow, which runs again with everything after it.`,
      confirmLabel: 'Rerun',
      danger: false,
      fields: [
        {
          name: 'eventId',
          label: 'From event',
          choices,
          value: eventId === undefined ? choices[0]?.value : String(eventId),
        },
        { name: 'newInstanceId', label: 'New instance id (optional)' },
        { name: 'input', label: 'Replace input (JSON, optional)', multiline: true },
      ],
      run: (v) => {
        const body: Record<string, unknown> = { eventId: Number(v.eventId), newInstanceId: v.newInstanceId };
        if (v.input.trim() !== '') body.input = v.input;
        return api(`${path}/rerun`, body);
      },
      done: (result) =>
        flash('Started rerun ', 'ok', { href: instanceUrl(result.instanceId), text: result.instanceId }),
    });
  }

  function purge(): void {
    confirmAction({
      title: 'Purge',
      message: `Delete the state and history of ${instanceId} and its children? This cannot be undone.`,
      confirmLabel: 'Purge',
      run: () => api(`${path}/purge`, {}),
      done: () => {
        location.href = `${page.base}/?flash=${encodeURIComponent(`Purged instance ${instanceId}.`)}`;
      },
    });
  }

  function actions(data: InstanceDetail): HTMLElement {
    const s = data.state;
    const running = !data.terminal;
    // A stalled instance cannot take events or suspend until code that replays it runs; it can be terminated.
    const steerable = running && s.status !== 'STALLED';
    const post = (action: string) => (v: Record<string, string>) => api(`${path}/${action}`, v);
    return h(
      'div',
      { class: 'actions', id: 'actions' },
      steerable &&
        h(
          'button',
          {
            type: 'button',
            id: 'action-raise-event',
            onclick: () =>
              confirmAction({
                title: 'Raise event',
                message: `Send an external event to ${s.instanceId}.`,
                confirmLabel: 'Raise event',
                danger: false,
                fields: [
                  { name: 'name', label: 'Event name', value: data.pending.events[0]?.name },
                  {
                    name: 'payload',
                    label: 'Payload (JSON, optional)',
                    multiline: true,
                    placeholder: '{"approved": true}',
                  },
                ],
                run: post('raise-event'),
                done: reloadWith('Event raised.'),
              }),
          },
          'Raise event…',
        ),
      steerable &&
        s.status !== 'SUSPENDED' &&
        h(
          'button',
          {
            type: 'button',
            id: 'action-suspend',
            onclick: () =>
              confirmAction({
                title: 'Suspend',
                message: `Suspend ${s.instanceId}? It holds all progress until resumed.`,
                confirmLabel: 'Suspend',
                fields: [{ name: 'reason', label: 'Reason (optional)' }],
                run: post('suspend'),
                done: reloadWith('Suspend requested.'),
              }),
          },
          'Suspend…',
        ),
      s.status === 'SUSPENDED' &&
        h(
          'button',
          {
            type: 'button',
            id: 'action-resume',
            onclick: () =>
              confirmAction({
                title: 'Resume',
                message: `Resume ${s.instanceId}?`,
                confirmLabel: 'Resume',
                danger: false,
                fields: [{ name: 'reason', label: 'Reason (optional)' }],
                run: post('resume'),
                done: reloadWith('Resume requested.'),
              }),
          },
          'Resume…',
        ),
      running &&
        h(
          'button',
          {
            type: 'button',
            id: 'action-terminate',
            class: 'danger',
            onclick: () =>
              confirmAction({
                title: 'Terminate',
                message: `Terminate ${s.instanceId} and its children? This cannot be undone.`,
                confirmLabel: 'Terminate',
                fields: [{ name: 'output', label: 'Output (JSON, optional)', multiline: true }],
                run: post('terminate'),
                done: reloadWith('Terminate requested.'),
              }),
          },
          'Terminate…',
        ),
      data.terminal &&
        h('button', { type: 'button', id: 'action-purge', class: 'danger', onclick: purge }, 'Purge…'),
      data.terminal &&
        rerunnable(data.history).length > 0 &&
        h('button', { type: 'button', id: 'action-rerun', onclick: () => openRerun(data) }, 'Rerun…'),
    );
  }

  function render(data: InstanceDetail): void {
    const s = data.state;
    const old = document.getElementById('flash');
    const keepFlash = old && !old.classList.contains('hidden') ? old.cloneNode(true) : null;
    clear(app);
    const facts = h('dl', { class: 'facts' });
    const fact = (label: string, value: Node | string | null, id?: string): void => {
      if (value === null || value === '') return;
      append(facts, h('dt', null, label), h('dd', { id }, value));
    };
    fact('Instance ID', s.instanceId, 'fact-id');
    fact('Workflow', s.name, 'fact-name');
    fact('Status', statusBadge(s.status), 'fact-status');
    const v = data.versionFacts;
    fact('Version', v.version ?? null, 'fact-version');
    fact('Patches', v.patches.length > 0 ? v.patches.join(', ') : null, 'fact-patches');
    fact(`Created (${zoneLabel()})`, formatTime(s.createdAt));
    fact(
      data.terminal ? `Completed (${zoneLabel()})` : `Last update (${zoneLabel()})`,
      formatTime(s.lastUpdatedAt),
      'fact-completed',
    );
    fact(
      data.terminal ? 'Duration' : 'Running for',
      formatDuration((data.terminal ? Date.parse(s.lastUpdatedAt) : data.now) - Date.parse(s.createdAt)),
      'fact-duration',
    );
    if (s.parentInstanceId)
      fact(
        'Parent',
        h('a', { href: instanceUrl(s.parentInstanceId), id: 'parent-link' }, s.parentInstanceId),
      );
    if (data.children.length > 0) {
      fact(
        'Children',
        h(
          'ul',
          { class: 'children' },
          data.children.map((c) =>
            h(
              'li',
              null,
              h('a', { href: instanceUrl(c.instanceId), class: 'child-link' }, c.instanceId),
              ' ',
              h('span', { class: 'muted' }, c.name),
            ),
          ),
        ),
        'fact-children',
      );
    }
    const payload = (title: string, value: unknown, id: string): HTMLElement | null =>
      value === undefined
        ? null
        : h('section', null, h('h2', null, title), h('pre', { id, class: 'payload' }, json(value)));
    append(
      app,
      h('p', null, h('a', { href: `${page.base}/` }, '← All instances')),
      keepFlash ?? h('div', { id: 'flash', class: 'flash hidden' }),
      h(
        'h1',
        null,
        s.name,
        ' ',
        statusBadge(s.status),
        data.versionFacts.version
          ? h('span', { class: 'badge version', id: 'version-badge' }, data.versionFacts.version)
          : null,
      ),
      page.readOnly ? null : actions(data),
      data.versionFacts.stall
        ? h(
            'section',
            { id: 'stalled', class: 'stalled' },
            h('h2', null, 'Stalled ', h('code', { id: 'stalled-reason' }, data.versionFacts.stall.reason)),
            h(
              'p',
              { id: 'stalled-description' },
              data.versionFacts.stall.description ?? 'The engine stopped running this instance.',
            ),
            h(
              'p',
              { class: 'muted' },
              'It stays here until code that can replay it is deployed, or it is terminated.',
            ),
          )
        : null,
      failureSection(data, { rerunFrom: (id) => openRerun(data, id), purge }),
      waitingSection(data),
      facts,
      payload('Input', s.input, 'input'),
      payload('Output', s.output, 'output'),
      payload('Custom status', s.customStatus, 'custom-status'),
      h('section', null, h('h2', null, 'Timeline'), timelineSection(data)),
      h(
        'section',
        null,
        h(
          'h2',
          null,
          'History ',
          h(
            'a',
            {
              class: 'download',
              id: 'download-history',
              href: `${page.base}/api${path}/history.json`,
              download: `${s.instanceId}.history.json`,
            },
            'Download JSON',
          ),
          h('span', { class: 'muted small' }, ' (the form replayWorkflowHistory reads)'),
        ),
        historyTable(data, (id) => openRerun(data, id)),
      ),
    );
  }

  const refresh = refreshLoop(load, page.refreshMs, () => live && !dialogOpen());
  return () => {
    if (last) render(last);
  };
}

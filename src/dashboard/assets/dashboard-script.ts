/**
 * The dashboard's browser script (plain ES2017, no bundler). It renders pages from the JSON API and puts
 * every payload into the page as text nodes, never as HTML.
 */
export const DASHBOARD_SCRIPT = String.raw`(function () {
  'use strict';
  var body = document.body;
  var base = body.getAttribute('data-base') || '';
  var readOnly = body.getAttribute('data-read-only') === 'true';
  var app = document.getElementById('app');
  var STATUSES = ['PENDING', 'RUNNING', 'SUSPENDED', 'COMPLETED', 'FAILED', 'TERMINATED', 'CONTINUED_AS_NEW', 'CANCELED', 'STALLED'];
  var REFRESH_MS = 2000;

  function h(tag, attrs) {
    var el = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === undefined || value === null || value === false) return;
        if (key.indexOf('on') === 0) el.addEventListener(key.slice(2), value);
        else if (key === 'text') el.textContent = String(value);
        else el.setAttribute(key, value === true ? '' : String(value));
      });
    }
    for (var i = 2; i < arguments.length; i += 1) append(el, arguments[i]);
    return el;
  }
  function append(el, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { append(el, c); });
    else el.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
  function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); }
  function instanceUrl(id) { return base + '/instances/' + encodeURIComponent(id); }
  function time(value) { return value ? new Date(value).toISOString().replace('T', ' ').replace('Z', '') : ''; }
  function json(value) { return value === undefined ? '' : JSON.stringify(value, null, 2); }
  function oneLine(value) { return value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value); }
  function statusBadge(status) { return h('span', { class: 'status status-' + String(status).toLowerCase() }, status); }

  function api(path, options) {
    var init = { headers: { accept: 'application/json' } };
    if (options && options.method) {
      init.method = options.method;
      init.headers['content-type'] = 'application/json';
      init.headers['x-weft-dashboard'] = '1';
      init.body = JSON.stringify(options.body || {});
    }
    return fetch(base + '/api' + path, init).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (!res.ok) throw new Error(data.error || ('HTTP ' + res.status));
        return data;
      });
    });
  }

  function flash(message, kind, link) {
    var box = document.getElementById('flash');
    if (!box) return;
    clear(box);
    box.className = 'flash ' + (kind || 'info');
    append(box, message);
    if (link) append(box, [' ', h('a', { href: link.href, id: 'flash-link' }, link.text)]);
  }

  // ---- confirmation dialog ----
  function confirmAction(options) {
    var dialog = h('dialog', { id: 'confirm-dialog', class: 'dialog' });
    var error = h('p', { class: 'dialog-error', id: 'dialog-error' });
    var inputs = {};
    var fields = (options.fields || []).map(function (field) {
      var input = field.choices
        ? h('select', { name: field.name, id: 'field-' + field.name }, field.choices.map(function (c) {
            return h('option', { value: c.value }, c.label);
          }))
        : field.multiline
          ? h('textarea', { name: field.name, id: 'field-' + field.name, rows: 4, placeholder: field.placeholder || '' })
          : h('input', { name: field.name, id: 'field-' + field.name, placeholder: field.placeholder || '' });
      if (field.value !== undefined) input.value = field.value;
      inputs[field.name] = input;
      return h('label', { class: 'field' }, h('span', null, field.label), input);
    });
    var confirmButton = h('button', { type: 'button', class: 'danger', id: 'dialog-confirm' }, options.confirmLabel || 'Confirm');
    var cancelButton = h('button', { type: 'button', id: 'dialog-cancel' }, 'Cancel');
    append(dialog, [h('h2', null, options.title), h('p', null, options.message), fields, error,
      h('div', { class: 'dialog-buttons' }, cancelButton, confirmButton)]);
    document.body.appendChild(dialog);
    function close() { dialog.close(); dialog.remove(); }
    cancelButton.addEventListener('click', close);
    confirmButton.addEventListener('click', function () {
      var values = {};
      Object.keys(inputs).forEach(function (k) { values[k] = inputs[k].value; });
      confirmButton.disabled = true;
      error.textContent = '';
      options.run(values).then(function (result) {
        close();
        if (options.done) options.done(result);
      }, function (err) {
        confirmButton.disabled = false;
        error.textContent = err.message;
      });
    });
    dialog.showModal();
  }
  function dialogOpen() { return Boolean(document.getElementById('confirm-dialog')); }

  // ---- instance list ----
  function listPage() {
    var params = new URLSearchParams(location.search);
    var state = { status: params.get('status') || '', search: params.get('search') || '', tokens: [''], page: 0, live: true };
    var statusSelect = h('select', { id: 'status-filter', 'aria-label': 'Status' },
      h('option', { value: '' }, 'All statuses'),
      STATUSES.map(function (s) { return h('option', { value: s }, s); }));
    statusSelect.value = state.status;
    var searchInput = h('input', { id: 'search', type: 'search', placeholder: 'Search id or workflow name', value: state.search });
    var liveBox = h('input', { id: 'live-refresh', type: 'checkbox', checked: true });
    var refreshed = h('span', { id: 'refreshed', class: 'muted' });
    var table = h('table', { id: 'instances', class: 'grid' });
    var prev = h('button', { id: 'prev-page', type: 'button' }, '← Newer');
    var next = h('button', { id: 'next-page', type: 'button' }, 'Older →');
    var pageLabel = h('span', { id: 'page-number', class: 'muted' });
    clear(app);
    append(app, [
      h('div', { id: 'flash', class: 'flash hidden' }),
      h('div', { class: 'toolbar' }, statusSelect, searchInput,
        h('label', { class: 'live' }, liveBox, ' Live refresh'), refreshed),
      table,
      h('div', { class: 'pager' }, prev, pageLabel, next),
    ]);
    if (params.get('flash')) flash(params.get('flash'), 'ok');

    var loading = 0;
    function load() {
      var query = new URLSearchParams({ pageSize: '25' });
      if (state.status) query.set('status', state.status);
      if (state.search) query.set('search', state.search);
      if (state.tokens[state.page]) query.set('continuationToken', state.tokens[state.page]);
      var ticket = ++loading;
      return api('/instances?' + query.toString()).then(function (page) {
        if (ticket !== loading) return;
        renderRows(page.items);
        state.tokens[state.page + 1] = page.continuationToken || '';
        prev.disabled = state.page === 0;
        next.disabled = !page.continuationToken;
        pageLabel.textContent = 'Page ' + (state.page + 1);
        refreshed.textContent = 'Updated ' + new Date().toLocaleTimeString();
      }, function (err) { flash(err.message, 'error'); });
    }
    function renderRows(items) {
      clear(table);
      append(table, h('thead', null, h('tr', null, ['Workflow', 'Instance ID', 'Status', 'Custom status', 'Created (UTC)', 'Last update (UTC)']
        .map(function (t) { return h('th', null, t); }))));
      var tbody = h('tbody');
      if (items.length === 0) append(tbody, h('tr', null, h('td', { colspan: 6, class: 'muted empty' }, 'No workflow instances match.')));
      items.forEach(function (s) {
        append(tbody, h('tr', { 'data-instance-id': s.instanceId },
          h('td', null, s.name),
          h('td', null, h('a', { href: instanceUrl(s.instanceId), class: 'instance-link' }, s.instanceId)),
          h('td', null, statusBadge(s.status)),
          h('td', { class: 'clip' }, oneLine(s.customStatus)),
          h('td', null, time(s.createdAt)),
          h('td', null, time(s.lastUpdatedAt))));
      });
      append(table, tbody);
    }
    function restart() {
      state.tokens = [''];
      state.page = 0;
      var query = new URLSearchParams();
      if (state.status) query.set('status', state.status);
      if (state.search) query.set('search', state.search);
      history.replaceState(null, '', location.pathname + (query.toString() ? '?' + query.toString() : ''));
      load();
    }
    statusSelect.addEventListener('change', function () { state.status = statusSelect.value; restart(); });
    var debounce;
    searchInput.addEventListener('input', function () {
      clearTimeout(debounce);
      debounce = setTimeout(function () { state.search = searchInput.value.trim(); restart(); }, 250);
    });
    liveBox.addEventListener('change', function () { state.live = liveBox.checked; });
    prev.addEventListener('click', function () { if (state.page > 0) { state.page -= 1; load(); } });
    next.addEventListener('click', function () { if (state.tokens[state.page + 1]) { state.page += 1; load(); } });
    setInterval(function () { if (state.live && !document.hidden) load(); }, REFRESH_MS);
    load();
  }

  // ---- instance page ----
  function instancePage(instanceId) {
    var live = true;
    var lastRendered = '';
    function load() {
      return api('/instances/' + encodeURIComponent(instanceId)).then(function (data) {
        var key = JSON.stringify(data);
        if (key === lastRendered) return;
        lastRendered = key;
        render(data);
      }, function (err) {
        clear(app);
        append(app, [h('div', { id: 'flash', class: 'flash error' }, err.message),
          h('p', null, h('a', { href: base + '/' }, '← All instances'))]);
        live = false;
      });
    }

    function render(data) {
      var s = data.state;
      var flashText = document.getElementById('flash');
      var keepFlash = flashText && !flashText.classList.contains('hidden') ? flashText.cloneNode(true) : null;
      clear(app);
      var facts = h('dl', { class: 'facts' });
      function fact(label, value, id) { append(facts, [h('dt', null, label), h('dd', { id: id }, value)]); }
      fact('Instance ID', s.instanceId, 'fact-id');
      fact('Workflow', s.name, 'fact-name');
      fact('Status', statusBadge(s.status), 'fact-status');
      fact('Created (UTC)', time(s.createdAt));
      fact('Last update (UTC)', time(s.lastUpdatedAt));
      if (s.parentInstanceId) fact('Parent', h('a', { href: instanceUrl(s.parentInstanceId), id: 'parent-link' }, s.parentInstanceId));
      if (data.children.length > 0) {
        fact('Children', h('ul', { class: 'children' }, data.children.map(function (c) {
          return h('li', null, h('a', { href: instanceUrl(c.instanceId), class: 'child-link' }, c.instanceId), ' ', h('span', { class: 'muted' }, c.name));
        })), 'fact-children');
      }
      append(app, [
        h('p', null, h('a', { href: base + '/' }, '← All instances')),
        keepFlash || h('div', { id: 'flash', class: 'flash hidden' }),
        h('h1', null, s.name, ' ', statusBadge(s.status)),
        readOnly ? null : actions(data),
        facts,
        payloadSection('Input', s.input, 'input'),
        payloadSection('Output', s.output, 'output'),
        payloadSection('Custom status', s.customStatus, 'custom-status'),
        s.failureDetails ? h('section', { id: 'failure', class: 'failure' },
          h('h2', null, 'Failure'),
          h('p', { id: 'failure-message' }, h('strong', null, s.failureDetails.errorType + ': '), s.failureDetails.message),
          s.failureDetails.stackTrace ? h('pre', { id: 'failure-stack' }, s.failureDetails.stackTrace) : null) : null,
        h('section', null, h('h2', null, 'Timeline'), timeline(data.timeline)),
        h('section', null, h('h2', null, 'History'), historyTable(data)),
      ]);
    }

    function payloadSection(title, value, id) {
      if (value === undefined) return null;
      return h('section', null, h('h2', null, title), h('pre', { id: id, class: 'payload' }, json(value)));
    }

    function rerunnable(history) {
      return history.filter(function (e) { return e.type === 'TaskScheduled' || e.type === 'ChildWorkflowInstanceCreated'; });
    }

    function actions(data) {
      var s = data.state;
      var path = '/instances/' + encodeURIComponent(s.instanceId);
      function reloadWith(message) { return function () { flash(message, 'ok'); lastRendered = ''; load(); }; }
      var running = !data.terminal;
      var buttons = [
        running && h('button', { type: 'button', id: 'action-raise-event', onclick: function () {
          confirmAction({ title: 'Raise event', message: 'Send an external event to ' + s.instanceId + '.', confirmLabel: 'Raise event',
            fields: [{ name: 'name', label: 'Event name' }, { name: 'payload', label: 'Payload (JSON, optional)', multiline: true, placeholder: '{"approved": true}' }],
            run: function (v) { return api(path + '/raise-event', { method: 'POST', body: v }); },
            done: reloadWith('Event raised.') });
        } }, 'Raise event…'),
        running && s.status !== 'SUSPENDED' && h('button', { type: 'button', id: 'action-suspend', onclick: function () {
          confirmAction({ title: 'Suspend', message: 'Suspend ' + s.instanceId + '? It holds all progress until resumed.', confirmLabel: 'Suspend',
            fields: [{ name: 'reason', label: 'Reason (optional)' }],
            run: function (v) { return api(path + '/suspend', { method: 'POST', body: v }); },
            done: reloadWith('Suspend requested.') });
        } }, 'Suspend…'),
        s.status === 'SUSPENDED' && h('button', { type: 'button', id: 'action-resume', onclick: function () {
          confirmAction({ title: 'Resume', message: 'Resume ' + s.instanceId + '?', confirmLabel: 'Resume',
            fields: [{ name: 'reason', label: 'Reason (optional)' }],
            run: function (v) { return api(path + '/resume', { method: 'POST', body: v }); },
            done: reloadWith('Resume requested.') });
        } }, 'Resume…'),
        running && h('button', { type: 'button', id: 'action-terminate', class: 'danger', onclick: function () {
          confirmAction({ title: 'Terminate', message: 'Terminate ' + s.instanceId + ' and its children? This cannot be undone.', confirmLabel: 'Terminate',
            fields: [{ name: 'output', label: 'Output (JSON, optional)', multiline: true }],
            run: function (v) { return api(path + '/terminate', { method: 'POST', body: v }); },
            done: reloadWith('Terminate requested.') });
        } }, 'Terminate…'),
        data.terminal && h('button', { type: 'button', id: 'action-purge', class: 'danger', onclick: function () {
          confirmAction({ title: 'Purge', message: 'Delete the state and history of ' + s.instanceId + ' and its children? This cannot be undone.', confirmLabel: 'Purge',
            run: function () { return api(path + '/purge', { method: 'POST', body: {} }); },
            done: function () { location.href = base + '/?flash=' + encodeURIComponent('Purged instance ' + s.instanceId + '.'); } });
        } }, 'Purge…'),
        data.terminal && rerunnable(data.history).length > 0 && h('button', { type: 'button', id: 'action-rerun', onclick: function () { openRerun(data); } }, 'Rerun…'),
      ];
      return h('div', { class: 'actions', id: 'actions' }, buttons);
    }

    function openRerun(data, eventId) {
      var s = data.state;
      var choices = rerunnable(data.history).map(function (e) {
        return { value: String(e.eventId), label: '#' + e.eventId + ' ' + (e.type === 'TaskScheduled' ? 'activity ' : 'child workflow ') + e.name + (e.attempt > 1 ? ' (attempt ' + e.attempt + ')' : '') };
      });
      confirmAction({ title: 'Rerun from an event',
        message: 'Start a new instance with the history of ' + s.instanceId + ' up to the chosen activity or child workflow, which runs again with everything after it.',
        confirmLabel: 'Rerun',
        fields: [{ name: 'eventId', label: 'From event', choices: choices, value: eventId === undefined ? choices[0].value : String(eventId) },
          { name: 'newInstanceId', label: 'New instance id (optional)' },
          { name: 'input', label: 'Replace input (JSON, optional)', multiline: true }],
        run: function (v) {
          var body = { eventId: Number(v.eventId), newInstanceId: v.newInstanceId };
          if (v.input.trim() !== '') body.input = v.input;
          return api('/instances/' + encodeURIComponent(s.instanceId) + '/rerun', { method: 'POST', body: body });
        },
        done: function (result) { flash('Started rerun ', 'ok', { href: instanceUrl(result.instanceId), text: result.instanceId }); } });
    }

    function timeline(t) {
      var box = h('div', { class: 'timeline', id: 'timeline' });
      if (t.bars.length === 0) { append(box, h('p', { class: 'muted' }, 'Nothing scheduled yet.')); return box; }
      var span = Math.max(1, t.end - t.start);
      append(box, h('div', { class: 'timeline-scale muted' }, h('span', null, '0 ms'), h('span', null, (t.end - t.start) + ' ms')));
      t.bars.forEach(function (bar) {
        var end = bar.end === undefined ? t.end : bar.end;
        var left = ((bar.start - t.start) / span) * 100;
        var width = Math.max(0.6, ((end - bar.start) / span) * 100);
        var prefix = { activity: 'activity ', child: 'child ', wait: 'wait for ' }[bar.kind] || '';
        var label = prefix + bar.label + (bar.attempt > 1 ? ' (attempt ' + bar.attempt + ')' : '');
        var el = h('div', { class: 'bar bar-' + bar.kind + ' outcome-' + bar.outcome, title: label + ' · ' + (end - bar.start) + ' ms · ' + bar.outcome });
        el.style.left = Math.min(99.4, left) + '%';
        el.style.width = Math.min(100 - Math.min(99.4, left), width) + '%';
        append(box, h('div', { class: 'timeline-row', 'data-kind': bar.kind, 'data-outcome': bar.outcome },
          h('div', { class: 'timeline-label' }, label), h('div', { class: 'timeline-track' }, el)));
      });
      return box;
    }

    function historyTable(data) {
      var events = data.history;
      var names = {};
      events.forEach(function (e) { if (e.eventId >= 0 && e.name) names[e.eventId] = e.name; });
      var start = events.reduce(function (min, e) { return Math.min(min, new Date(e.timestamp).getTime()); }, Infinity);
      var table = h('table', { class: 'grid', id: 'history' },
        h('thead', null, h('tr', null, ['Type', 'Name', 'Event ID', 'Elapsed', 'Details', ''].map(function (t) { return h('th', null, t); }))));
      var tbody = h('tbody');
      events.forEach(function (e) {
        var ref = typeof e.taskScheduledId === 'number' ? e.taskScheduledId : typeof e.timerId === 'number' ? e.timerId : undefined;
        var details = [];
        if (ref !== undefined) details.push('scheduledId=' + ref);
        if (e.attempt > 1) details.push('attempt=' + e.attempt);
        if (e.instanceId) details.push('instanceId=' + e.instanceId);
        if (e.input !== undefined) details.push('input=' + oneLine(e.input));
        if (e.result !== undefined) details.push('result=' + oneLine(e.result));
        if (e.workflowStatus) details.push('status=' + e.workflowStatus);
        if (e.failureDetails) details.push('error=' + e.failureDetails.errorType + ': ' + e.failureDetails.message);
        var canRerun = !readOnly && data.terminal && (e.type === 'TaskScheduled' || e.type === 'ChildWorkflowInstanceCreated');
        append(tbody, h('tr', { class: 'event event-' + e.type },
          h('td', null, e.type),
          h('td', null, e.name || (ref !== undefined ? names[ref] || '' : '')),
          h('td', null, e.eventId >= 0 ? String(e.eventId) : ''),
          h('td', null, (new Date(e.timestamp).getTime() - start) + ' ms'),
          h('td', { class: 'details' }, details.join(' ')),
          h('td', null, canRerun ? h('button', { type: 'button', class: 'small rerun-here', 'data-event-id': e.eventId,
            onclick: function () { openRerun(data, e.eventId); } }, 'Rerun from here') : null)));
      });
      append(table, tbody);
      return table;
    }

    setInterval(function () { if (live && !document.hidden && !dialogOpen()) load(); }, REFRESH_MS);
    load();
  }

  if (body.getAttribute('data-page') === 'instance') instancePage(body.getAttribute('data-instance-id') || '');
  else listPage();
})();
`;

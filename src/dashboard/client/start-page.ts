import { api } from './api.js';
import { app, append, clear, h, instanceUrl } from './dom.js';
import { json } from './format.js';
import type { CatalogEntry, Meta } from './types.js';

/** A starting input from a JSON Schema: each property with an empty value of its type. */
export function skeleton(schema: Record<string, unknown> | undefined): unknown {
  if (!schema) return undefined;
  const props = schema.properties as Record<string, { type?: string }> | undefined;
  if (schema.type !== 'object' || !props) return undefined;
  const out: Record<string, unknown> = {};
  for (const [key, prop] of Object.entries(props)) {
    out[key] =
      { string: '', number: 0, integer: 0, boolean: false, array: [], object: {} }[prop.type ?? 'string'] ??
      null;
  }
  return out;
}

/** Where a JSON parse error points, as `line L, column C` of the text. */
function jsonError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (err) {
    const message = (err as Error).message;
    const at = /position (\d+)/.exec(message);
    if (!at) return message;
    const before = text.slice(0, Number(at[1])).split('\n');
    return `${message.replace(/ in JSON at position \d+.*$/, '')} at line ${before.length}, column ${before[before.length - 1].length + 1}`;
  }
}

/** Start a workflow: a registered name, its input in a JSON editor (schema shown when known), id and start time. */
export function startPage(meta: Meta): void {
  const params = new URLSearchParams(location.search);
  const byName = new Map(meta.workflows.map((w) => [w.name, w]));
  const nameInput = h(
    'select',
    { id: 'start-name', 'aria-label': 'Workflow' },
    meta.workflows.map((w) => h('option', { value: w.name }, w.name)),
  );
  const editor = h('textarea', {
    id: 'start-input',
    class: 'json-editor',
    rows: 12,
    spellcheck: 'false',
    placeholder: '{ }',
  });
  const editorError = h('p', { id: 'start-input-error', class: 'field-error' });
  const schemaBox = h('div', { id: 'schema-box' });
  const idInput = h('input', { id: 'start-instance-id', placeholder: 'random when empty' });
  const atInput = h('input', { id: 'start-at', type: 'datetime-local', step: '1' });
  const error = h('p', { id: 'start-error', class: 'dialog-error' });
  const submit = h('button', { type: 'submit', id: 'start-submit', class: 'primary' }, 'Start workflow');
  const form = h(
    'form',
    { id: 'start-form', class: 'start-form' },
    h('label', { class: 'field' }, h('span', null, 'Workflow'), nameInput),
    h('label', { class: 'field' }, h('span', null, 'Input (JSON)'), editor),
    editorError,
    schemaBox,
    h(
      'div',
      { class: 'row' },
      h('label', { class: 'field' }, h('span', null, 'Instance id (optional)'), idInput),
      h('label', { class: 'field' }, h('span', null, 'Start at (optional, your local time)'), atInput),
    ),
    error,
    h('div', { class: 'dialog-buttons' }, submit),
  );

  function choose(entry: CatalogEntry | undefined): void {
    clear(schemaBox);
    const start = entry?.example ?? skeleton(entry?.inputSchema);
    editor.value = start === undefined ? '' : json(start);
    editorError.textContent = '';
    if (entry?.inputSchema) {
      append(
        schemaBox,
        h(
          'details',
          { class: 'schema', open: true },
          h('summary', null, 'Input schema'),
          h('pre', { id: 'input-schema' }, json(entry.inputSchema)),
        ),
      );
    }
  }
  nameInput.addEventListener('change', () => choose(byName.get(nameInput.value)));
  editor.addEventListener('input', () => {
    editorError.textContent = editor.value.trim() === '' ? '' : (jsonError(editor.value) ?? '');
  });
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const problem = editor.value.trim() === '' ? undefined : jsonError(editor.value);
    if (problem) {
      editorError.textContent = problem;
      return;
    }
    submit.disabled = true;
    error.textContent = '';
    const body: Record<string, unknown> = {
      name: nameInput.value,
      input: editor.value,
      instanceId: idInput.value.trim(),
    };
    if (atInput.value) body.startAt = new Date(atInput.value).toISOString();
    api<{ instanceId: string }>('/instances', body).then(
      (r) => {
        location.href = instanceUrl(r.instanceId);
      },
      (err: unknown) => {
        submit.disabled = false;
        error.textContent = (err as Error).message;
      },
    );
  });

  clear(app);
  append(
    app,
    h('h1', null, 'Start a workflow'),
    meta.workflows.length === 0
      ? h('p', { class: 'muted' }, 'No workflows known: none registered and none run yet.')
      : form,
  );
  const wanted = params.get('name');
  if (wanted && byName.has(wanted)) nameInput.value = wanted;
  choose(byName.get(nameInput.value));
}

import { append, h } from './dom.js';

/** A field of the confirmation dialog. */
export interface DialogField {
  name: string;
  label: string;
  value?: string;
  placeholder?: string;
  multiline?: boolean;
  choices?: { value: string; label: string }[];
}

/** What {@link confirmAction} shows and runs. */
export interface DialogOptions<T> {
  title: string;
  message: string;
  confirmLabel?: string;
  /** Red confirm button. Default true. */
  danger?: boolean;
  fields?: DialogField[];
  /** Runs on confirm with the field values; a rejection shows its message and keeps the dialog open. */
  run(values: Record<string, string>): Promise<T>;
  done?(result: T): void;
}

/** Opens a modal confirmation dialog (`#confirm-dialog`), with optional fields. */
export function confirmAction<T>(options: DialogOptions<T>): void {
  const dialog = h('dialog', { id: 'confirm-dialog', class: 'dialog' });
  const error = h('p', { class: 'dialog-error', id: 'dialog-error' });
  const inputs: Record<string, HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement> = {};
  const fields = (options.fields ?? []).map((field) => {
    const id = `field-${field.name}`;
    const input = field.choices
      ? h(
          'select',
          { name: field.name, id },
          field.choices.map((c) => h('option', { value: c.value }, c.label)),
        )
      : field.multiline
        ? h('textarea', { name: field.name, id, rows: 4, placeholder: field.placeholder ?? '' })
        : h('input', { name: field.name, id, placeholder: field.placeholder ?? '' });
    if (field.value !== undefined) input.value = field.value;
    inputs[field.name] = input;
    return h('label', { class: 'field' }, h('span', null, field.label), input);
  });
  const confirm = h(
    'button',
    { type: 'button', class: options.danger === false ? 'primary' : 'danger', id: 'dialog-confirm' },
    options.confirmLabel ?? 'Confirm',
  );
  const cancel = h('button', { type: 'button', id: 'dialog-cancel' }, 'Cancel');
  append(
    dialog,
    h('h2', null, options.title),
    h('p', { id: 'dialog-message' }, options.message),
    fields,
    error,
    h('div', { class: 'dialog-buttons' }, cancel, confirm),
  );
  document.body.appendChild(dialog);
  const close = (): void => {
    dialog.close();
    dialog.remove();
  };
  cancel.addEventListener('click', close);
  confirm.addEventListener('click', () => {
    const values: Record<string, string> = {};
    for (const [k, input] of Object.entries(inputs)) values[k] = input.value;
    confirm.disabled = true;
    error.textContent = '';
    options.run(values).then(
      (result) => {
        close();
        options.done?.(result);
      },
      (err: unknown) => {
        confirm.disabled = false;
        error.textContent = err instanceof Error ? err.message : String(err);
      },
    );
  });
  dialog.showModal();
}

/** True while a dialog is open (refreshes wait, so they do not redraw under it). */
export function dialogOpen(): boolean {
  return document.getElementById('confirm-dialog') !== null;
}

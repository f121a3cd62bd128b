import { html } from '../html.ts';

export type FieldErrors = Record<string, string>;

interface FieldOptions {
  name: string;
  label: string;
  value?: string | number | null | undefined;
  type?: string;
  errors?: FieldErrors;
  hint?: string;
  required?: boolean;
  attrs?: string;
}

/** A labelled input with its hint and its French error next to it (aria-describedby links them). */
export function field(o: FieldOptions): string {
  const id = `f-${o.name}`;
  const error = o.errors?.[o.name];
  const describedBy = [o.hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="field${error ? ' has-error' : ''}">
  <label for="${id}">${o.label}</label>
  !${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
  <input id="${id}" name="${o.name}" type="${o.type ?? 'text'}" value="${o.value ?? ''}"!${o.required ? ' required' : ''}!${describedBy ? html` aria-describedby="${describedBy}"` : ''}!${error ? ' aria-invalid="true"' : ''}!${o.attrs ? ` ${o.attrs}` : ''}>
  !${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
</div>`;
}

export function textarea(o: FieldOptions & { rows?: number }): string {
  const id = `f-${o.name}`;
  const error = o.errors?.[o.name];
  return html`<div class="field${error ? ' has-error' : ''}">
  <label for="${id}">${o.label}</label>
  !${o.hint ? html`<p class="hint" id="${id}-hint">${o.hint}</p>` : ''}
  <textarea id="${id}" name="${o.name}" rows="${o.rows ?? 4}"!${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}!${o.attrs ? ` ${o.attrs}` : ''}>${o.value ?? ''}</textarea>
  !${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
</div>`;
}

export function select(
  o: FieldOptions & {
    options: { value: string | number; label: string }[];
    empty?: string;
  },
): string {
  const id = `f-${o.name}`;
  const error = o.errors?.[o.name];
  return html`<div class="field${error ? ' has-error' : ''}">
  <label for="${id}">${o.label}</label>
  <select id="${id}" name="${o.name}"!${error ? html` aria-invalid="true" aria-describedby="${id}-error"` : ''}!${o.attrs ? ` ${o.attrs}` : ''}>
    !${o.empty !== undefined ? html`<option value="">${o.empty}</option>` : ''}
    !${o.options.map((opt) => html`<option value="${opt.value}"!${String(opt.value) === String(o.value ?? '') ? ' selected' : ''}>${opt.label}</option>`)}
  </select>
  !${error ? html`<p class="error" id="${id}-error">${error}</p>` : ''}
</div>`;
}

export function checkbox(o: {
  name: string;
  label: string;
  checked: boolean;
}): string {
  return html`<div class="field checkbox"><input type="checkbox" id="f-${o.name}" name="${o.name}" value="1"!${o.checked ? ' checked' : ''}> <label for="f-${o.name}">${o.label}</label></div>`;
}

export function csrfField(token: string): string {
  return html`<input type="hidden" name="_csrf" value="${token}">`;
}

/** A one-button form posting to `action` (workflow verbs), with CSRF and the version seen. */
export function actionButton(o: {
  action: string;
  label: string;
  csrf: string;
  version?: number;
  className?: string;
  extra?: string;
  confirm?: string;
}): string {
  return html`<form method="post" action="${o.action}" class="inline-form"!${o.confirm ? html` data-confirm="${o.confirm}"` : ''}>
  !${csrfField(o.csrf)}
  !${o.version !== undefined ? html`<input type="hidden" name="version" value="${o.version}">` : ''}
  !${o.extra ?? ''}
  <button type="submit" class="button ${o.className ?? ''}">${o.label}</button>
</form>`;
}

export function flash(
  message: string | null,
  kind: 'ok' | 'error' = 'ok',
): string {
  return message
    ? html`<div class="flash flash-${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${message}</div>`
    : '';
}

/*
 * The editor's helpers: live preview (rendered by the server, like the public page), autosave of
 * drafts, a warning before leaving with unsaved changes, confirmations, tag suggestions.
 * Everything here is an enhancement: the form works without it.
 */
const form = document.querySelector<HTMLFormElement>('#editor-form');
const csrf =
  document.querySelector<HTMLInputElement>('#editor-form input[name="_csrf"]')
    ?.value ?? '';

async function postJson(url: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'csrf-token': csrf },
    body: JSON.stringify(body),
    credentials: 'same-origin',
  });
}

function formObject(f: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  new FormData(f).forEach((value, key) => {
    if (typeof value === 'string') out[key] = value;
  });
  return out;
}

for (const confirmForm of document.querySelectorAll<HTMLFormElement>(
  'form[data-confirm]',
)) {
  confirmForm.addEventListener('submit', (event) => {
    if (!window.confirm(confirmForm.dataset['confirm'] ?? 'Confirmer ?'))
      event.preventDefault();
  });
}

if (form) {
  const body = form.querySelector<HTMLTextAreaElement>(
    'textarea[name="bodySource"]',
  );
  const preview = document.querySelector<HTMLElement>('#preview-body');
  const status = form.querySelector<HTMLElement>('.autosave-status');
  let dirty = false;
  let submitting = false;
  // The save state is always shown: what is on screen is either stored or not.
  if (status)
    status.textContent = form.dataset['articleId']
      ? 'Enregistré'
      : 'Pas encore enregistré';
  let previewTimer: ReturnType<typeof setTimeout> | undefined;

  const refreshPreview = async () => {
    if (!body || !preview) return;
    const response = await postJson('/admin/apercu', {
      bodySource: body.value,
    });
    if (response.ok)
      preview.innerHTML = ((await response.json()) as { html: string }).html; // sanitised by the server
  };
  void refreshPreview();

  form.addEventListener('input', () => {
    dirty = true;
    if (status) status.textContent = 'Modifications non enregistrées';
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => void refreshPreview(), 400);
  });
  // A text over the limit would be refused (or, past the 1 MB form limit, lost with a 413):
  // say so before sending, and keep everything in the page.
  const maxChars = Number(body?.dataset['maxChars'] ?? 0);
  form.addEventListener('submit', (event) => {
    // The reader's preview opens in another tab: this page stays, and so does its autosave.
    if ((event as SubmitEvent).submitter?.hasAttribute('data-preview-open'))
      return;
    if (body && maxChars > 0 && body.value.length > maxChars) {
      event.preventDefault();
      let alert = form.querySelector<HTMLElement>('#body-too-long');
      if (!alert) {
        alert = document.createElement('p');
        alert.id = 'body-too-long';
        alert.className = 'error';
        alert.setAttribute('role', 'alert');
        body.insertAdjacentElement('afterend', alert);
      }
      alert.textContent = `Le texte compte ${body.value.length.toLocaleString('fr-FR')} caractères : la limite est de ${maxChars.toLocaleString('fr-FR')}. Rien n’a été envoyé ; raccourcissez le texte ou découpez l’article en plusieurs.`;
      body.setAttribute('aria-invalid', 'true');
      body.focus();
      return;
    }
    submitting = true;
  });
  window.addEventListener('beforeunload', (event) => {
    if (dirty && !submitting) event.preventDefault();
  });

  // Drafts save themselves every 20 s while someone types; a stale version stops autosave and says so.
  const articleId = form.dataset['articleId'];
  if (articleId && form.dataset['status'] === 'draft') {
    setInterval(async () => {
      if (!dirty || submitting) return;
      const data = formObject(form);
      const response = await postJson(
        `/admin/articles/${articleId}/autosave`,
        data,
      );
      if (response.ok) {
        const { version } = (await response.json()) as { version: number };
        for (const input of document.querySelectorAll<HTMLInputElement>(
          'input[name="version"]',
        ))
          input.value = String(version);
        dirty = false;
        if (status)
          status.textContent = `Enregistré à ${new Date().toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Africa/Casablanca' })}`;
      } else if (status) {
        const problem = (await response.json().catch(() => null)) as {
          error?: { message?: string };
        } | null;
        status.textContent =
          problem?.error?.message ?? 'Sauvegarde automatique impossible.';
      }
    }, 20_000);
  }

  const tags = form.querySelector<HTMLInputElement>('input[name="tags"]');
  // Editorial suggestions: one click adds a suggested tag, or picks the suggested section.
  for (const button of form.querySelectorAll<HTMLButtonElement>(
    'button[data-add-tag]',
  )) {
    button.addEventListener('click', () => {
      const name = button.dataset['addTag'] ?? '';
      if (!tags || !name) return;
      const current = tags.value
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
      if (!current.some((t) => t.toLowerCase() === name.toLowerCase()))
        tags.value = [...current, name].join(', ');
      button.disabled = true;
      button.setAttribute('aria-pressed', 'true');
      form.dispatchEvent(new Event('input'));
    });
  }
  for (const button of form.querySelectorAll<HTMLButtonElement>(
    'button[data-set-section]',
  )) {
    button.addEventListener('click', () => {
      const select = form.querySelector<HTMLSelectElement>(
        'select[name="sectionId"]',
      );
      if (!select) return;
      select.value = button.dataset['setSection'] ?? '';
      form.dispatchEvent(new Event('input'));
    });
  }
  const list = document.querySelector<HTMLDataListElement>('#tag-suggestions');
  tags?.addEventListener('input', async () => {
    const last = tags.value.split(',').pop()?.trim() ?? '';
    if (!list || last.length < 2) return;
    const response = await fetch(
      `/admin/sujets?q=${encodeURIComponent(last)}`,
      { credentials: 'same-origin' },
    );
    if (!response.ok) return;
    const { tags: names } = (await response.json()) as { tags: string[] };
    const head = tags.value
      .split(',')
      .slice(0, -1)
      .map((t) => t.trim())
      .filter(Boolean);
    list.replaceChildren(
      ...names.map((name) => {
        const option = document.createElement('option');
        option.value = [...head, name].join(', ');
        return option;
      }),
    );
  });
}

export {};

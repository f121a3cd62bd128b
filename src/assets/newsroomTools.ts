/*
 * The newsroom tools in the editor: the publish checklist, checked again on the server as the
 * journalist types (nothing is saved), and the confirmation of its warnings when a publish or
 * schedule form is sent. An enhancement: without it the server still checks and explains.
 */
const toolsForm = document.querySelector<HTMLFormElement>('#editor-form');
const checklist = document.querySelector<HTMLElement>('#publish-checklist');

interface CheckJson {
  id: string;
  field: string;
  level: 'ok' | 'warning' | 'error';
  label: string;
  message: string | null;
}

const CHECK_FIELDS = [
  'title',
  'seoTitle',
  'lead',
  'bodySource',
  'sectionId',
  'author1',
  'author2',
  'author3',
  'coverUrl',
  'coverMediaId',
  'coverAlt',
];
const CHECK_MARKS = {
  ok: ['✓', 'Fait'],
  warning: ['!', 'À vérifier'],
  error: ['✗', 'Bloquant'],
} as const;

function fieldValue(f: HTMLFormElement, name: string): string {
  const el = f.elements.namedItem(name);
  if (el instanceof RadioNodeList) return el.value;
  if (
    el instanceof HTMLInputElement ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement
  )
    return el.value;
  return '';
}

function renderChecks(panel: HTMLElement, checks: CheckJson[]): void {
  const list = panel.querySelector<HTMLUListElement>('.checklist');
  const summary = panel.querySelector<HTMLElement>('.checklist-summary');
  const confirmLine = panel.querySelector<HTMLElement>('.checklist-confirm');
  if (!list) return;
  list.replaceChildren(
    ...checks.map((c) => {
      const li = document.createElement('li');
      li.className = `check check-${c.level}`;
      li.dataset['check'] = c.id;
      li.dataset['field'] = c.field;
      const [sign, word] = CHECK_MARKS[c.level];
      const mark = document.createElement('span');
      mark.className = 'check-mark';
      mark.setAttribute('aria-hidden', 'true');
      mark.textContent = sign;
      const hidden = document.createElement('span');
      hidden.className = 'visually-hidden';
      hidden.textContent = `${word} :`;
      li.append(mark, ' ', hidden, ` ${c.label}`);
      if (c.message) {
        const message = document.createElement('span');
        message.className = 'check-message';
        message.textContent = c.message;
        li.append(document.createElement('br'), message);
      }
      return li;
    }),
  );
  const errors = checks.filter((c) => c.level === 'error').length;
  const warnings = checks.filter(
    (c) => c.level === 'warning' && c.id !== 'duplicate',
  ).length;
  if (summary)
    summary.textContent = errors
      ? `${errors} point${errors > 1 ? 's' : ''} bloque${errors > 1 ? 'nt' : ''} la publication.`
      : warnings
        ? `Prêt, avec ${warnings} point${warnings > 1 ? 's' : ''} à vérifier.`
        : 'Prêt à publier.';
  if (confirmLine) confirmLine.hidden = !(warnings && !errors);
}

if (toolsForm && checklist) {
  const token = fieldValue(toolsForm, '_csrf');
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sent = 0;
  const refresh = async () => {
    const body: Record<string, string> = {
      articleId: toolsForm.dataset['articleId'] ?? '',
    };
    for (const name of CHECK_FIELDS) body[name] = fieldValue(toolsForm, name);
    // The body field keeps its name whatever editor fills it; `body` is accepted too.
    body['bodySource'] ||= fieldValue(toolsForm, 'body');
    const mine = ++sent;
    const response = await fetch('/admin/verifications-publication', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'csrf-token': token },
      body: JSON.stringify(body),
      credentials: 'same-origin',
    });
    // An answer to an older keystroke must not overwrite a newer one.
    if (!response.ok || mine !== sent) return;
    const data = (await response.json()) as { checks: CheckJson[] };
    renderChecks(checklist, data.checks);
    checklist.dataset['checked'] = String(mine);
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void refresh(), 300);
  };
  toolsForm.addEventListener('input', later);
  toolsForm.addEventListener('change', later);

  // The confirmation travels with the publish and schedule forms (the server asks for it).
  for (const verbForm of document.querySelectorAll<HTMLFormElement>(
    '.workflow form',
  )) {
    if (!/\/(publier|programmer)$/.test(verbForm.action)) continue;
    verbForm.addEventListener('submit', () => {
      const confirmed =
        document.querySelector<HTMLInputElement>('#confirm-warnings')?.checked;
      verbForm.querySelector('input[name="avertissementsVus"]')?.remove();
      if (!confirmed) return;
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = 'avertissementsVus';
      input.value = '1';
      verbForm.append(input);
    });
  }
}

/*
 * Presence: who else has this article open (« Samira modifie cet article depuis 10:42 »). The
 * open stream itself tells the others we are here; EventSource reconnects on its own.
 */
const presenceLine = document.querySelector<HTMLElement>('#editor-presence');
const presenceArticle = toolsForm?.dataset['articleId'];
if (presenceLine && presenceArticle && /^\d+$/.test(presenceArticle)) {
  const stream = new EventSource(`/admin/articles/${presenceArticle}/presence`);
  stream.addEventListener('presence', (event) => {
    const view = JSON.parse((event as MessageEvent<string>).data) as {
      text: string;
    };
    presenceLine.textContent = view.text;
    presenceLine.hidden = view.text === '';
  });
}

/*
 * Newsroom comments (the thread beside the editor): posted, resolved and deleted without
 * leaving the page (the server sends the thread back), and « @ » completed from the newsroom's
 * members. Without this script the forms still work, a page at a time.
 */
interface MentionJson {
  name: string;
  handle: string;
}

const THREAD = '[data-comments]';

async function sendCommentForm(f: HTMLFormElement): Promise<void> {
  const error = document.querySelector<HTMLElement>('#comment-error');
  const body = new URLSearchParams();
  new FormData(f).forEach((value, key) => {
    if (typeof value === 'string') body.append(key, value);
  });
  const res = await fetch(f.action, {
    method: 'POST',
    headers: {
      accept: 'application/json',
      'content-type': 'application/x-www-form-urlencoded',
    },
    body,
  });
  const json = (await res.json().catch(() => ({}))) as {
    html?: string;
    error?: { message?: string };
    message?: string;
  };
  if (!res.ok || !json.html) {
    if (error) {
      error.textContent =
        json.error?.message ??
        json.message ??
        'Le commentaire n’a pas pu être envoyé. Réessayez.';
      error.hidden = false;
    }
    return;
  }
  const thread = document.querySelector<HTMLElement>(THREAD);
  if (thread) thread.outerHTML = json.html;
}

document.addEventListener('submit', (event) => {
  const f = event.target;
  if (!(f instanceof HTMLFormElement)) return;
  if (!f.matches('[data-comment-form], [data-comment-action]')) return;
  event.preventDefault();
  const question = f.dataset['commentConfirm'];
  if (question && !window.confirm(question)) return;
  void sendCommentForm(f);
});

let mentionTimer: ReturnType<typeof setTimeout> | undefined;
let mentionChoices: MentionJson[] = [];
let mentionActive = 0;

/** The « @… » being typed just before the caret, if any. */
function typedMention(area: HTMLTextAreaElement): RegExpExecArray | null {
  return /(^|[^A-Za-z0-9._+@-])@([\p{L}\p{N}._+-]{0,40})$/u.exec(
    area.value.slice(0, area.selectionStart),
  );
}

function mentionList(area: HTMLTextAreaElement): HTMLUListElement | null {
  return (
    area.parentElement?.querySelector<HTMLUListElement>('.mention-list') ?? null
  );
}

function drawMentions(area: HTMLTextAreaElement): void {
  const list = mentionList(area);
  if (!list) return;
  list.replaceChildren(
    ...mentionChoices.map((m, i) => {
      const li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.id = `mention-${i}`;
      li.setAttribute('aria-selected', String(i === mentionActive));
      li.textContent = `${m.name} (@${m.handle})`;
      li.addEventListener('mousedown', (event) => {
        event.preventDefault();
        chooseMention(area, m);
      });
      return li;
    }),
  );
  list.hidden = mentionChoices.length === 0;
}

function chooseMention(area: HTMLTextAreaElement, m: MentionJson): void {
  const typed = typedMention(area);
  if (!typed) return;
  const end = area.selectionStart;
  const start = end - typed[2]!.length;
  area.setRangeText(`${m.handle} `, start, end, 'end');
  mentionChoices = [];
  drawMentions(area);
  area.focus();
}

document.addEventListener('input', (event) => {
  const area = event.target;
  if (
    !(area instanceof HTMLTextAreaElement) ||
    !area.matches('[data-mentions]')
  )
    return;
  clearTimeout(mentionTimer);
  const typed = typedMention(area);
  if (!typed || typed[2] === '') {
    mentionChoices = [];
    drawMentions(area);
    return;
  }
  const q = typed[2]!;
  mentionTimer = setTimeout(async () => {
    const res = await fetch(
      `/admin/membres/mentions?q=${encodeURIComponent(q)}`,
      { headers: { accept: 'application/json' } },
    );
    if (!res.ok) return;
    mentionChoices = ((await res.json()) as { members: MentionJson[] }).members;
    mentionActive = 0;
    drawMentions(area);
  }, 150);
});

document.addEventListener('keydown', (event) => {
  const area = event.target;
  if (
    !(area instanceof HTMLTextAreaElement) ||
    !area.matches('[data-mentions]') ||
    mentionChoices.length === 0
  )
    return;
  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    event.preventDefault();
    const n = mentionChoices.length;
    mentionActive =
      (mentionActive + (event.key === 'ArrowDown' ? 1 : n - 1)) % n;
    drawMentions(area);
  } else if (event.key === 'Enter' || event.key === 'Tab') {
    event.preventDefault();
    chooseMention(area, mentionChoices[mentionActive]!);
  } else if (event.key === 'Escape') {
    mentionChoices = [];
    drawMentions(area);
  }
});

import { html } from '../html.ts';
import { csrfField } from './forms.ts';
import type { PublishCheck } from '../../commands/publishChecks.ts';

const MARKS: Record<PublishCheck['level'], { sign: string; word: string }> = {
  ok: { sign: '✓', word: 'Fait' },
  warning: { sign: '!', word: 'À vérifier' },
  error: { sign: '✗', word: 'Bloquant' },
};

/** One line of the checklist; the browser script renders the same markup from the JSON. */
export function checklistItem(c: PublishCheck): string {
  const mark = MARKS[c.level];
  return html`<li class="check check-${c.level}" data-check="${c.id}" data-field="${c.field}"><span class="check-mark" aria-hidden="true">${mark.sign}</span> <span class="visually-hidden">${mark.word} :</span> ${c.label}!${c.message ? html`<br><span class="check-message">${c.message}</span>` : ''}</li>`;
}

export interface ChecklistModel {
  checks: PublishCheck[];
  /** The saved article (a new one has no verbs yet), and whether its member may publish it now. */
  article: { id: number; version: number } | null;
  canPublish: boolean;
  csrf: string;
}

/**
 * The publish checklist, in the editor's side column (`#publish-checklist`): errors block
 * publish and schedule, warnings ask for a confirmation. The checkbox is read by the script
 * when a publish or schedule form is sent; without the script, « Publier malgré les
 * avertissements » sends that confirmation itself.
 */
export function publishChecklist(m: ChecklistModel): string {
  const errors = m.checks.filter((c) => c.level === 'error').length;
  const warnings = m.checks.filter(
    (c) => c.level === 'warning' && c.id !== 'duplicate',
  ).length;
  const summary = errors
    ? `${errors} point${errors > 1 ? 's' : ''} bloque${errors > 1 ? 'nt' : ''} la publication.`
    : warnings
      ? `Prêt, avec ${warnings} point${warnings > 1 ? 's' : ''} à vérifier.`
      : 'Prêt à publier.';
  return html`<section id="publish-checklist" class="publish-checklist" aria-labelledby="checklist-title">
  <h2 id="checklist-title">Avant publication</h2>
  <p class="checklist-summary" aria-live="polite">${summary}</p>
  <ul class="checklist">!${m.checks.map(checklistItem).join('')}</ul>
  <p class="checklist-confirm"!${warnings && !errors ? '' : ' hidden'}><label><input type="checkbox" id="confirm-warnings" name="avertissementsVus" value="1"> J’ai vu les points à vérifier : publier quand même</label></p>
  !${
    m.article && m.canPublish && warnings && !errors
      ? html`<noscript><form method="post" action="/admin/articles/${m.article.id}/publier">!${csrfField(m.csrf)}<input type="hidden" name="version" value="${m.article.version}"><input type="hidden" name="avertissementsVus" value="1"><button type="submit" class="button">Publier malgré les avertissements</button></form></noscript>`
      : ''
  }
</section>`;
}

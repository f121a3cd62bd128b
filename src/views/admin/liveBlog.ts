import { html } from '../html.ts';
import type { LiveBlog, LiveEntry } from '../../db/repos/liveBlogs.ts';
import {
  actionButton,
  checkbox,
  csrfField,
  field,
  flash,
  textarea,
  type FieldErrors,
} from './forms.ts';

export interface LiveDeskModel {
  articleId: number;
  title: string;
  publicUrl: string | null;
  blog: LiveBlog | null;
  entries: (LiveEntry & { time: string; canChange: boolean })[];
  csrf: string;
  canRun: boolean;
  message: string | null;
  errors: FieldErrors;
  /** What was typed, kept when the entry was refused. */
  draft: { bodySource: string; keyMoment: boolean };
}

/** The live desk of one article: open or end the coverage, keep the score, post and correct entries. */
export function liveDeskView(m: LiveDeskModel): string {
  const base = `/admin/articles/${m.articleId}/direct`;
  const s = m.blog?.scoreboard;
  return html`<h1>Direct : ${m.title}</h1>
<p><a href="/admin/articles/${m.articleId}">← Retour à l’article</a>!${m.publicUrl ? html` · <a href="${m.publicUrl}" target="_blank" rel="noopener">Voir le direct sur le site</a>` : ''}</p>
!${flash(m.message)}
!${m.errors['form'] ? flash(m.errors['form'], 'error') : ''}
<section aria-labelledby="desk-state"><h2 id="desk-state">État</h2>
<p>!${m.blog ? (m.blog.state === 'live' ? html`<strong class="badge">En direct</strong>` : html`<strong class="badge">Terminé</strong>`) : 'Cet article n’est pas suivi en direct.'}</p>
!${
    m.canRun
      ? m.blog?.state === 'live'
        ? actionButton({
            action: `${base}/terminer`,
            label: 'Terminer le direct',
            csrf: m.csrf,
            confirm: 'Terminer le direct ? Les lecteurs verront « Terminé ».',
          })
        : actionButton({
            action: `${base}/ouvrir`,
            label: m.blog ? 'Rouvrir le direct' : 'Ouvrir le direct',
            csrf: m.csrf,
          })
      : ''
  }
</section>
!${
    m.blog && m.canRun
      ? html`<section aria-labelledby="desk-score"><h2 id="desk-score">Score ou résultat</h2>
<form method="post" action="${base}/score" class="score-form">!${csrfField(m.csrf)}
  !${field({ name: 'home', label: 'Équipe ou camp 1', value: s?.home ?? '', errors: m.errors })}
  !${field({ name: 'homeScore', label: 'Score 1', value: s?.homeScore ?? '', errors: m.errors })}
  !${field({ name: 'awayScore', label: 'Score 2', value: s?.awayScore ?? '', errors: m.errors })}
  !${field({ name: 'away', label: 'Équipe ou camp 2', value: s?.away ?? '', errors: m.errors })}
  !${field({ name: 'status', label: 'Où en est-on', value: s?.status ?? '', hint: 'Par exemple « 62e minute », « Mi-temps », « Résultats provisoires ».', errors: m.errors })}
  <button type="submit" class="button">Mettre à jour le score</button>
</form></section>`
      : ''
  }
!${
    m.blog
      ? html`<section aria-labelledby="desk-new"><h2 id="desk-new">Nouvelle entrée</h2>
<form method="post" action="${base}/entrees">!${csrfField(m.csrf)}
  !${textarea({ name: 'bodySource', label: 'Texte (Markdown)', value: m.draft.bodySource, rows: 5, errors: m.errors })}
  !${checkbox({ name: 'keyMoment', label: 'Moment clé (résumé en tête du direct)', checked: m.draft.keyMoment })}
  <button type="submit" class="button primary">Publier l’entrée</button>
</form></section>
<section aria-labelledby="desk-entries"><h2 id="desk-entries">Entrées publiées (${m.entries.length})</h2>
<ol class="desk-entries">!${m.entries.map(
          (e) => html`<li id="entree-${e.id}">
  <p class="small"><time>${e.time}</time> · ${e.authorName ?? 'Rédaction'}!${e.keyMoment ? ' · Moment clé' : ''}</p>
  !${
    e.canChange
      ? html`<form method="post" action="${base}/entrees/${e.id}">!${csrfField(m.csrf)}
    <label class="visually-hidden" for="entry-${e.id}">Texte de l’entrée de ${e.time}</label>
    <textarea id="entry-${e.id}" name="bodySource" rows="3">${e.bodySource}</textarea>
    <div class="field checkbox"><input type="checkbox" id="key-${e.id}" name="keyMoment" value="1"!${e.keyMoment ? ' checked' : ''}> <label for="key-${e.id}">Moment clé</label></div>
    <button type="submit" class="button">Enregistrer</button>
  </form>
  !${actionButton({ action: `${base}/entrees/${e.id}/supprimer`, label: 'Supprimer', csrf: m.csrf, className: 'danger', confirm: 'Supprimer cette entrée ? Elle disparaîtra aussi chez les lecteurs.' })}`
      : html`<div>!${e.bodyHtml}</div>`
  }
</li>`,
        )}</ol></section>`
      : ''
  }`;
}

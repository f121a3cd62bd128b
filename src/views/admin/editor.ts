import { html } from '../html.ts';
import { BODY_MAX_CHARS } from '../../domain/articleLimits.ts';
import {
  checkbox,
  csrfField,
  field,
  flash,
  select,
  textarea,
  type FieldErrors,
} from './forms.ts';
import {
  duplicateWarning,
  overrideBox,
  suggestions,
  type EditorialPanelModel,
} from './editorialPanel.ts';
import { uploadZone } from './media.ts';

/** What the form shows: exactly what was typed (or stored), as strings, so nothing is lost. */
export interface EditorValues {
  title: string;
  slug: string;
  lead: string;
  bodySource: string;
  sectionId: string;
  tags: string;
  author1: string;
  author2: string;
  author3: string;
  featured: boolean;
  breaking: boolean;
  seoTitle: string;
  seoDescription: string;
  coverUrl: string;
  coverMediaId: string;
  coverAlt: string;
  coverCaption: string;
  coverCredit: string;
  correctionNote: string;
}

export interface EditorAction {
  verb: string;
  label: string;
  className?: string;
  needsNote?: boolean;
  needsDate?: boolean;
  confirm?: string;
}

export interface EditorModel {
  article: {
    id: number;
    version: number;
    status: string;
    statusLabel: string;
    publicUrl: string | null;
    returnNote: string | null;
    scheduledLabel: string | null;
  } | null;
  values: EditorValues;
  errors: FieldErrors;
  message: { text: string; kind: 'ok' | 'error' } | null;
  /** When a save was refused as stale: what changed in the saved version since it was opened. */
  conflict: {
    savedBy: string;
    diffHtml: string;
    current: { title: string; lead: string };
  } | null;
  canSave: boolean;
  actions: EditorAction[];
  sections: { value: number; label: string }[];
  authors: { value: number; label: string }[];
  csrf: string;
  /** The schedule form's two French fields (« 28/11/2026 », « 12:03 »). */
  scheduleDefault: { day: string; time: string };
  /** Duplicate warning and suggestions (editorial tools). */
  panel: EditorialPanelModel;
  /** The member may put a likely duplicate online (« Publier quand même »). */
  canOverrideDuplicate: boolean;
  /** The chosen library cover's thumbnail URL. */
  coverPreview: string | null;
  /** The member may add raw HTML blocks (editors and above): the rich editor offers the button. */
  rawHtml: boolean;
}

/** The article editor: fields on the left, live preview on the right, workflow actions on top. */
export function editorView(m: EditorModel): string {
  const v = m.values;
  const action = m.article
    ? `/admin/articles/${m.article.id}`
    : '/admin/articles';
  return html`<div class="editor-head">
  <h1>${m.article ? 'Modifier l’article' : 'Nouvel article'}</h1>
  !${m.article ? html`<p class="meta"><span class="status status-${m.article.status}">${m.article.statusLabel}</span>!${m.article.scheduledLabel ? html` pour le ${m.article.scheduledLabel}` : ''} · version ${m.article.version} · <a href="/admin/articles/${m.article.id}/revisions">Révisions</a> · <a href="/admin/articles/${m.article.id}/direct">Direct</a>!${m.article.publicUrl ? html` · <a href="${m.article.publicUrl}" target="_blank" rel="noopener">Voir en ligne</a>` : ''}</p>` : ''}
</div>
!${m.message ? flash(m.message.text, m.message.kind) : ''}
!${m.article?.returnNote ? html`<div class="flash flash-warn" role="status"><strong>Renvoyé après relecture :</strong> ${m.article.returnNote}</div>` : ''}
!${
    m.conflict
      ? html`<section class="conflict" aria-labelledby="conflict-title">
  <h2 id="conflict-title">Modifications enregistrées entre-temps par ${m.conflict.savedBy}</h2>
  <p>Votre texte est conservé ci-dessous, non enregistré. Voici ce qui a changé dans la version en ligne depuis que vous avez ouvert l’article (<ins>ajouts</ins>, <del>suppressions</del>) :</p>
  <div class="diff">!${m.conflict.diffHtml}</div>
  <p>Titre enregistré : « ${m.conflict.current.title} ». Reportez vos changements puis enregistrez à nouveau.</p>
</section>`
      : ''
  }
!${duplicateWarning(m.panel)}
!${
    m.article && m.actions.length
      ? html`<div class="workflow" aria-label="Actions éditoriales">
  !${m.actions.map(
    (
      a,
    ) => html`<form method="post" action="/admin/articles/${m.article!.id}/${a.verb}" class="inline-form"!${a.confirm ? html` data-confirm="${a.confirm}"` : ''}>
    !${csrfField(m.csrf)}<input type="hidden" name="version" value="${m.article!.version}">
    !${a.needsNote ? html`<label class="visually-hidden" for="note-${a.verb}">Commentaire pour l’auteur</label><input id="note-${a.verb}" name="note" required placeholder="Commentaire pour l’auteur" maxlength="2000">` : ''}
    !${a.needsDate ? html`<span class="schedule-fields"><label class="visually-hidden" for="at-day-${a.verb}">Date de publication</label> <input id="at-day-${a.verb}" name="at_day" required inputmode="numeric" size="10" maxlength="10" placeholder="jj/mm/aaaa" pattern="[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}" title="Date au format jj/mm/aaaa" value="${m.scheduleDefault.day}"> <label class="visually-hidden" for="at-time-${a.verb}">Heure de publication</label> <input id="at-time-${a.verb}" name="at_time" required inputmode="numeric" size="5" maxlength="5" placeholder="hh:mm" pattern="([01]?[0-9]|2[0-3])[:h][0-5][0-9]" title="Heure sur 24 heures, au format hh:mm" value="${m.scheduleDefault.time}"></span>` : ''}
    !${(a.verb === 'publier' || a.verb === 'programmer') && m.canOverrideDuplicate && m.panel.duplicates?.length ? overrideBox(a.verb) : ''}
    <button type="submit" class="button ${a.className ?? ''}">${a.label}</button>
  </form>`,
  )}
</div>`
      : ''
  }
<div class="editor-grid">
<form method="post" action="${action}" class="editor-form" id="editor-form" data-article-id="${m.article?.id ?? ''}" data-status="${m.article?.status ?? 'new'}">
  !${csrfField(m.csrf)}
  !${m.article ? html`<input type="hidden" name="version" value="${m.article.version}">` : ''}
  !${field({ name: 'title', label: 'Titre', value: v.title, errors: m.errors, required: true, attrs: 'maxlength="300" dir="auto"' })}
  !${field({ name: 'slug', label: 'Adresse (slug)', value: v.slug, errors: m.errors, hint: 'Laissez vide pour la tirer du titre. Minuscules, chiffres et tirets (ou lettres arabes).', attrs: 'maxlength="120" dir="auto" pattern="[a-z0-9ء-غف-ي]+(-[a-z0-9ء-غف-ي]+)*"' })}
  !${textarea({ name: 'lead', label: 'Chapô', value: v.lead, errors: m.errors, rows: 3, attrs: 'maxlength="2000" dir="auto"' })}
  !${textarea({ name: 'bodySource', label: 'Texte (Markdown)', value: v.bodySource, errors: m.errors, rows: 18, attrs: `data-max-chars="${BODY_MAX_CHARS}" data-raw-html="${m.rawHtml}" dir="auto"`, hint: '## pour un intertitre, > pour une citation, - pour une liste, [texte](https://…) pour un lien, ![description](media:12 "Légende — Crédit") pour une image de la photothèque ; plusieurs lignes d’images qui se suivent forment une galerie.' })}
  <div class="row">
    !${select({ name: 'sectionId', label: 'Rubrique', value: v.sectionId, errors: m.errors, options: m.sections, empty: '— Choisir —' })}
    !${field({ name: 'tags', label: 'Sujets (séparés par des virgules)', value: v.tags, errors: m.errors, attrs: 'list="tag-suggestions" autocomplete="off"' })}
    <datalist id="tag-suggestions"></datalist>
  </div>
  !${suggestions(m.panel)}
  <fieldset class="row"><legend>Auteurs, dans l’ordre de la signature</legend>
    !${select({ name: 'author1', label: 'Premier auteur', value: v.author1, errors: m.errors, options: m.authors, empty: '—' })}
    !${select({ name: 'author2', label: 'Deuxième auteur', value: v.author2, errors: m.errors, options: m.authors, empty: '—' })}
    !${select({ name: 'author3', label: 'Troisième auteur', value: v.author3, errors: m.errors, options: m.authors, empty: '—' })}
  </fieldset>
  <fieldset class="cover-box" data-cover-box><legend>Image de couverture</legend>
    <input type="hidden" name="coverMediaId" value="${v.coverMediaId}">
    <img class="cover-preview"!${m.coverPreview ? html` src="${m.coverPreview}"` : ' hidden'} alt="" width="160" height="120">
    <p><button type="button" class="button" data-open-chooser="cover">Choisir dans la photothèque</button> <button type="button" class="link-button" data-remove-cover>Retirer l’image</button> <button type="button" class="button" data-open-chooser="body">Insérer une image dans le texte</button></p>
    !${uploadZone({ url: '/admin/medias', csrf: m.csrf, purpose: 'cover', label: 'Ou déposez ici une nouvelle photo de couverture' })}
    !${m.errors['coverMediaId'] ? html`<p class="error">${m.errors['coverMediaId']}</p>` : ''}
    !${field({ name: 'coverAlt', label: 'Texte alternatif de l’image', value: v.coverAlt, errors: m.errors, hint: 'Obligatoire pour publier, sauf image marquée décorative.' })}
    !${field({ name: 'coverCaption', label: 'Légende', value: v.coverCaption, errors: m.errors })}
    !${field({ name: 'coverCredit', label: 'Crédit', value: v.coverCredit, errors: m.errors, hint: 'Par exemple « Photo : Nom / MAP ».' })}
  </fieldset>
  <dialog id="media-chooser" aria-labelledby="chooser-title">
    <h2 id="chooser-title">Photothèque</h2>
    <label for="chooser-search">Rechercher</label> <input id="chooser-search" type="search" autocomplete="off">
    <div class="chooser-results" aria-live="polite"></div>
    <p><button type="button" class="button" data-close>Fermer</button></p>
  </dialog>
  <div class="row">!${checkbox({ name: 'featured', label: 'À la une', checked: v.featured })}!${checkbox({ name: 'breaking', label: 'Alerte info', checked: v.breaking })}</div>
  <details!${v.seoTitle || v.seoDescription || v.coverUrl || m.errors['coverUrl'] ? ' open' : ''}><summary>Référencement et image</summary>
    !${field({ name: 'seoTitle', label: 'Titre pour les moteurs de recherche', value: v.seoTitle, errors: m.errors, hint: '70 caractères au plus ; par défaut, le titre.', attrs: 'maxlength="300"' })}
    !${textarea({ name: 'seoDescription', label: 'Description', value: v.seoDescription, errors: m.errors, rows: 2, attrs: 'maxlength="500"' })}
    !${field({ name: 'coverUrl', label: 'Image de couverture hébergée ailleurs (URL)', value: v.coverUrl, errors: m.errors, type: 'url', hint: 'Seulement sans image de la photothèque.' })}
  </details>
  !${m.article?.status === 'published' ? textarea({ name: 'correctionNote', label: 'Rectificatif (affiché aux lecteurs)', value: v.correctionNote, errors: m.errors, rows: 2, hint: 'Remplissez-le pour une correction visible ; laissez-le tel quel pour une simple mise à jour.' }) : ''}
  <p class="save-bar">!${m.canSave ? html`<button type="submit" class="button primary">Enregistrer</button> <button type="submit" class="button" formaction="/admin/apercu/page" formtarget="_blank" formnovalidate data-preview-open title="Aperçu tel que les lecteurs le verront (Ctrl+Maj+P)">Aperçu lecteur</button>` : html`<span class="hint">Vous ne pouvez pas modifier cet article dans son état actuel.</span>`} <span class="autosave-status" aria-live="polite"></span></p>
</form>
<section class="preview" aria-labelledby="preview-title">
  <h2 id="preview-title">Aperçu</h2>
  <div class="article-body" id="preview-body"><p class="hint">L’aperçu s’affiche ici pendant la saisie.</p></div>
</section>
</div>`;
}

import { html } from '../html.ts';
import type {
  MarkedPassage,
  PassagePair,
} from '../../editorial/matchingPassages.ts';

/** What the editor shows of the editorial tools; each part is null when the site turned it off. */
export interface EditorialPanelModel {
  duplicates: DuplicateView[] | null;
  /** Duplicates the member may not open (someone else's work in progress), counted only. */
  hiddenDuplicates: number;
  entities: EntitySuggestionView[] | null;
  section: {
    id: number;
    name: string;
    confidence: number;
    topWords: string[];
  } | null;
}

export interface DuplicateView {
  id: number;
  title: string;
  status: string;
  statusLabel: string;
  when: string;
  authors: string;
  adminUrl: string;
  publicUrl: string | null;
  score: number;
  sharedTerms: string[];
  sharedEntities: string[];
  exact: boolean;
  /** « publié le même jour », « 2 jours plus tôt ». */
  gap: string;
  /** What decided, in words (« des phrases reprises telles quelles »). */
  signal: string;
  /** Passages of the text being written and of the other article that match, shared words marked. */
  passages: PassagePair[];
}

export interface EntitySuggestionView {
  name: string;
  kindLabel: string;
  existing: boolean;
  mentions: number;
}

const percent = (x: number) => `${Math.round(x * 100)} %`;

/** « Doublon probable »: the other articles, how alike, and why. */
export function duplicateWarning(m: EditorialPanelModel): string {
  if (!m.duplicates || (m.duplicates.length === 0 && m.hiddenDuplicates === 0))
    return '';
  return html`<section class="duplicate-warning" role="alert" aria-labelledby="duplicate-title">
  <h2 id="duplicate-title">Doublon probable</h2>
  <p>Cet article ressemble fortement à ${m.duplicates.length + m.hiddenDuplicates > 1 ? 'des articles récents' : 'un article récent'}. Vérifiez avant de publier : publier un doublon demande la confirmation d’un éditeur.</p>
  <ul class="duplicate-list">!${m.duplicates.map(
    (d) => html`<li>
    <p class="duplicate-head"><a href="${d.adminUrl}">${d.title}</a> <span class="status status-${d.status}">${d.statusLabel}</span> <span class="small">${d.when}${d.authors ? html` · ${d.authors}` : ''}</span></p>
    <p class="duplicate-why"><strong>Similarité ${percent(d.score)}</strong>${d.exact ? ' (texte identique)' : ''} · ${d.gap} · décidé par : ${d.signal}!${d.sharedTerms.length ? html` · mots communs : ${d.sharedTerms.join(', ')}` : ''}!${d.sharedEntities.length ? html` · cités dans les deux : ${d.sharedEntities.join(', ')}` : ''}</p>
    !${passages(d.passages)}
    <p><a class="button" href="${d.adminUrl}">Ouvrir cet article</a>!${d.publicUrl ? html` <a href="${d.publicUrl}" target="_blank" rel="noopener">Voir en ligne</a>` : ''}</p>
  </li>`,
  )}</ul>
  !${m.hiddenDuplicates ? html`<p class="small">Et ${m.hiddenDuplicates} article${m.hiddenDuplicates > 1 ? 's' : ''} en cours que vous ne pouvez pas ouvrir.</p>` : ''}
</section>`;
}

/** The matching passages side by side: this text on the left, the other article on the right, shared words marked. */
function passages(pairs: PassagePair[]): string {
  if (!pairs.length) return '';
  return html`<div class="passages" aria-label="Passages qui se correspondent">
    <p class="passages-head"><span>Votre texte</span><span>L’article existant</span></p>
    !${pairs.map((p) => html`<div class="passage-pair"><blockquote class="passage">!${marked(p.mine)}</blockquote><blockquote class="passage">!${marked(p.theirs)}</blockquote></div>`)}
  </div>`;
}

const marked = (m: MarkedPassage) =>
  m.pieces
    .map((p) => (p.shared ? html`<mark>${p.text}</mark>` : html`${p.text}`))
    .join('');

/** Suggested tags (people, organisations, places) and section, each applied with one click. */
export function suggestions(m: EditorialPanelModel): string {
  const entities = m.entities ?? [];
  if (!entities.length && !m.section) return '';
  return html`<div class="suggestions" aria-label="Suggestions">
  !${
    entities.length
      ? html`<p class="suggestion-title">Sujets suggérés <span class="hint">(cliquez pour ajouter)</span></p>
  <ul class="chips">!${entities.map((e) => html`<li><button type="button" class="chip" data-add-tag="${e.name}">+ ${e.name} <span class="small">${e.kindLabel}${e.existing ? ', sujet existant' : ', nouveau sujet'}</span></button></li>`)}</ul>`
      : ''
  }
  !${m.section ? html`<p class="suggestion-title">Rubrique suggérée : <button type="button" class="chip" data-set-section="${m.section.id}">${m.section.name}</button> <span class="small">confiance ${percent(m.section.confidence)}${m.section.topWords.length ? html` · mots : ${m.section.topWords.join(', ')}` : ''}</span></p>` : ''}
</div>`;
}

/** The « Publier quand même » box in the publish form (« Programmer quand même » in the schedule one), for editors facing a duplicate. */
export function overrideBox(verb: string): string {
  return html`<label class="override"><input type="checkbox" name="publierQuandMeme" value="1" id="override-${verb}"> ${verb === 'programmer' ? 'Programmer' : 'Publier'} quand même</label>`;
}

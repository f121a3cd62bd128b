import { html } from '../html.ts';
import { pictureTag } from './picture.ts';
import type { LinkView } from '../../presenters/article.ts';
import type { SearchResultView } from '../../presenters/searchResult.ts';

export interface SearchPageModel {
  /** What was changed in the parameters the reader gave (a page out of range, an unknown section…). */
  notices: string[];
  form: {
    q: string;
    section: string;
    from: string;
    to: string;
    sort: 'relevance' | 'date';
  };
  sections: { slug: string; name: string }[];
  /** The query was given (an empty form shows no result block). */
  searched: boolean;
  /** The query had words to look for (not only « le », « de »…). */
  searchable: boolean;
  filtered: boolean;
  results: SearchResultView[];
  total: number;
  totalIsExact: boolean;
  page: number;
  pageCount: number;
  links: {
    prev: string | null;
    next: string | null;
    withoutFilters: string;
    firstPage: string;
  };
  browse: LinkView[];
}

/** The search page: the form, then results with marked extracts, or a helpful empty state. */
export function searchView(m: SearchPageModel): string {
  return html`<header class="listing-header">
  <h1>Recherche</h1>
</header>
!${m.notices.length ? html`<div class="search-notices" role="status">!${m.notices.map((n) => html`<p>${n}</p>`)}</div>` : ''}
<form class="search-form" role="search" aria-label="Recherche détaillée" action="/recherche" method="get">
  <p class="search-main">
    <label for="search-q">Mots recherchés</label>
    <input id="search-q" type="search" name="q" value="${m.form.q}" placeholder="Ex. : partenariat stratégique Chine" autocomplete="off">
    <button type="submit">Rechercher</button>
  </p>
  <fieldset class="search-filters">
    <legend>Affiner</legend>
    <p><label for="search-section">Rubrique</label>
    <select id="search-section" name="rubrique">
      <option value="">Toutes les rubriques</option>
      !${m.sections.map((s) => html`<option value="${s.slug}"!${s.slug === m.form.section ? ' selected' : ''}>${s.name}</option>`)}
    </select></p>
    <p><label for="search-from">Du</label> <input id="search-from" type="date" name="du" value="${m.form.from}"></p>
    <p><label for="search-to">Au</label> <input id="search-to" type="date" name="au" value="${m.form.to}"></p>
    <p><label for="search-sort">Trier par</label>
    <select id="search-sort" name="tri">
      <option value="pertinence"!${m.form.sort === 'relevance' ? ' selected' : ''}>Pertinence</option>
      <option value="date"!${m.form.sort === 'date' ? ' selected' : ''}>Date (plus récents d’abord)</option>
    </select></p>
  </fieldset>
</form>
!${m.searched ? resultsBlock(m) : ''}`;
}

function resultsBlock(m: SearchPageModel): string {
  if (m.results.length === 0) return emptyState(m);
  return html`<section class="search-results" aria-labelledby="search-count">
  <h2 id="search-count" class="search-count">${m.totalIsExact ? '' : 'Plus de '}${m.total.toLocaleString('fr-FR')} résultat${m.total > 1 ? 's' : ''} pour « ${m.form.q} »!${m.page > 1 ? html` · page ${m.page}` : ''}</h2>
  <ol class="search-list">
    !${m.results.map(
      (r) => html`<li class="search-result">
      <article!${r.pictures ? ' class="has-picture"' : ''}>
        !${r.pictures ? html`<a class="teaser-picture" href="${r.url}" tabindex="-1" aria-hidden="true">!${pictureTag({ ...r.pictures.card, alt: '' }, { sizes: '160px' })}</a>` : ''}
        !${r.section ? html`<p class="kicker"><a href="${r.section.url}">${r.section.name}</a></p>` : ''}
        <h3 class="teaser-title"><a href="${r.url}">!${r.titleHtml}</a></h3>
        <p class="search-snippet">!${r.snippetHtml}</p>
        <p class="teaser-meta">!${r.authors.length ? html`Par ${r.authors.map((a) => a.name).join(', ')} · ` : ''}<time datetime="${r.published.iso}">${r.published.label}</time></p>
      </article>
    </li>`,
    )}
  </ol>
  !${
    m.pageCount > 1
      ? html`<nav class="pagination" aria-label="Pagination des résultats">
    !${m.links.prev ? html`<a rel="prev" href="${m.links.prev}">← Résultats précédents</a>` : '<span></span>'}
    <span class="page-count">Page ${m.page} sur ${m.pageCount}</span>
    !${m.links.next ? html`<a rel="next" href="${m.links.next}">Résultats suivants →</a>` : '<span></span>'}
  </nav>`
      : ''
  }
</section>`;
}

function emptyState(m: SearchPageModel): string {
  const heading = !m.searchable
    ? 'Précisez votre recherche'
    : m.page > 1
      ? 'Pas d’autres résultats'
      : html`Aucun résultat pour « ${m.form.q} »`;
  return html`<section class="search-empty" aria-labelledby="search-empty-title">
  <h2 id="search-empty-title">!${heading}</h2>
  !${!m.searchable ? html`<p>Votre recherche ne contient que des mots trop courants (« le », « de », « et »…) pour trier les articles. Ajoutez un nom, un lieu ou un sujet.</p>` : ''}
  <p>Quelques pistes :</p>
  <ul>
    !${m.page > 1 ? html`<li><a href="${m.links.firstPage}">Revenir à la première page des résultats</a></li>` : ''}
    <li>Vérifiez l’orthographe des mots ; les accents et les majuscules ne comptent pas.</li>
    <li>Essayez des mots plus généraux, ou moins de mots : tous doivent figurer dans l’article.</li>
    <li>Mettez une expression exacte entre guillemets, par exemple « coupe d’Afrique ».</li>
    !${m.filtered ? html`<li><a href="${m.links.withoutFilters}">Relancer la recherche sans les filtres de rubrique et de date</a></li>` : ''}
  </ul>
  !${
    m.browse.length
      ? html`<p>Ou parcourez les rubriques :</p>
  <ul class="search-browse">!${m.browse.map((l) => html`<li><a href="${l.url}">${l.name}</a></li>`)}</ul>`
      : ''
  }
</section>`;
}

import { html } from '../html.ts';
import type { ArticleTeaser } from '../../presenters/article.ts';
import { pagination, teaser } from './partials.ts';
import { withPage } from '../../presenters/urls.ts';

export interface ListingModel {
  kind:
    | 'Rubrique'
    | 'Sujet'
    | 'Auteur'
    | 'Personnalité'
    | 'Organisation'
    | 'Lieu';
  title: string;
  description: string;
  items: ArticleTeaser[];
  basePath: string;
  /** Null on a keyset page (`?avant=`), which follows the numbered ones. */
  page: number | null;
  /** Null when the listing has more articles than its numbered pages hold. */
  pageCount: number | null;
  /** Articles counted up to the numbered pages' worth; above it, « plus de ». Null on a keyset page. */
  total: number | null;
  /** The next page of an uncounted listing: numbered, or the keyset page after an article. */
  next?: { page: number } | { before: number };
}

/** Section, tag and author pages: a front (the lead story with a large picture, then a grid), paginated. */
export function listingView(m: ListingModel): string {
  return html`<header class="listing-header">
  <p class="kicker">${m.kind}</p>
  <h1>${m.title}</h1>
  !${m.description ? html`<p class="listing-description">${m.description}</p>` : ''}
  !${listingCount(m)}
</header>
!${
    m.items.length
      ? html`<div class="listing front">!${m.items.map((a, i) =>
          teaser(
            a,
            i === 0
              ? {
                  level: 2,
                  lead: true,
                  className: 'listing-item front-lead',
                  wide: true,
                  sizes: '(min-width: 1100px) 700px, 100vw',
                }
              : { level: 2, lead: true, className: 'listing-item' },
          ),
        )}</div>`
      : html`<p class="empty">Aucun article publié ici pour le moment.</p>`
  }
!${
    m.page !== null && m.pageCount !== null
      ? pagination(m.basePath, m.page, m.pageCount)
      : openPagination(m)
  }`;
}

/** The count line: exact up to the numbered pages' worth of articles, « plus de » past it. */
function listingCount(m: ListingModel): string {
  const page = m.page !== null && m.page > 1 ? html` · page ${m.page}` : '';
  if (m.total === null)
    return html`<p class="listing-count">Articles plus anciens</p>`;
  if (m.pageCount === null)
    return html`<p class="listing-count">Plus de ${(m.total - 1).toLocaleString('fr-FR')} articles!${page}</p>`;
  return html`<p class="listing-count">${m.total} article${m.total > 1 ? 's' : ''}!${page}</p>`;
}

/** Pagination of a listing whose end is not counted: numbered pages, then « plus anciens » by keyset. */
function openPagination(m: ListingModel): string {
  const prev =
    m.page === null
      ? html`<a href="${m.basePath}">← Articles les plus récents</a>`
      : m.page > 1
        ? html`<a rel="prev" href="${withPage(m.basePath, m.page - 1)}">← Page précédente</a>`
        : '<span></span>';
  const next = !m.next
    ? '<span></span>'
    : 'before' in m.next
      ? html`<a rel="next" href="${m.basePath}?avant=${String(m.next.before)}">Articles plus anciens →</a>`
      : html`<a rel="next" href="${withPage(m.basePath, m.next.page)}">Page suivante →</a>`;
  return html`<nav class="pagination" aria-label="Pagination">
  !${prev}
  <span class="page-count">!${m.page === null ? 'Suite' : html`Page ${m.page}`}</span>
  !${next}
</nav>`;
}

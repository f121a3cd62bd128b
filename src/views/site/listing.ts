import { html } from '../html.ts';
import type { ArticleTeaser } from '../../presenters/article.ts';
import { pagination, teaser } from './partials.ts';

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
  page: number;
  pageCount: number;
  total: number;
}

/** Section, tag and author pages: a front (the lead story with a large picture, then a grid), paginated. */
export function listingView(m: ListingModel): string {
  return html`<header class="listing-header">
  <p class="kicker">${m.kind}</p>
  <h1>${m.title}</h1>
  !${m.description ? html`<p class="listing-description">${m.description}</p>` : ''}
  <p class="listing-count">${m.total} article${m.total > 1 ? 's' : ''}!${m.page > 1 ? html` · page ${m.page}` : ''}</p>
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
!${pagination(m.basePath, m.page, m.pageCount)}`;
}

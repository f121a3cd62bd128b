import { html } from '../html.ts';
import type { ArticleTeaser, LinkView } from '../../presenters/article.ts';
import {
  LIVE_STATE_LABELS,
  type FilInfoDay,
} from '../../presenters/filInfo.ts';
import { withPage } from '../../presenters/urls.ts';
import { pictureTag } from './picture.ts';

/** How wide thumbnails are shown: a column of the grid on a desktop, about half the screen on a phone. */
export const THUMB_SIZES =
  '(min-width: 1100px) 260px, (min-width: 700px) 30vw, 45vw';

/** « Par Salma Bennani et Youssef Alaoui », each name linked to the author's page. */
export function byline(authors: LinkView[]): string {
  if (authors.length === 0) return '';
  const links = authors.map(
    (a) => html`<a href="${a.url}" rel="author">${a.name}</a>`,
  );
  const joined =
    links.length === 1
      ? links[0]!
      : `${links.slice(0, -1).join(', ')} et ${links.at(-1)}`;
  return html`<p class="byline">Par !${joined}</p>`;
}

/** The fil info: times HH:MM; today's items come first, then a separator per earlier day (« Hier », dates). `headingLevel` keeps the outline right. */
export function filInfo(
  days: FilInfoDay[],
  options: { headingId: string; headingLevel: 2 | 3 },
): string {
  const h = `h${options.headingLevel}`;
  const dayHeading = `h${options.headingLevel + 1}`;
  return html`<section class="fil-info" aria-labelledby="${options.headingId}">
  <!${h} id="${options.headingId}" class="block-title"><span class="pulse" aria-hidden="true"></span>Fil info</!${h}>
  !${days.map(
    (
      day,
    ) => html`!${day.label === 'Aujourd’hui' ? '' : html`<!${dayHeading} class="fil-day">${day.label}</!${dayHeading}>`}
  <ol class="fil-list" data-day="${day.key}">!${day.items.map((item) => html`<li data-id="${String(item.id)}"!${item.breaking ? ' class="breaking"' : ''}><time datetime="${item.iso}">${item.time}</time> !${item.live ? html`<span><span class="fil-live fil-live-${item.live}">${LIVE_STATE_LABELS[item.live]}</span> <a href="${item.url}">${item.title}</a></span>` : html`<a href="${item.url}">${item.title}</a>`}</li>`)}</ol>`,
  )}
</section>`;
}

/** A teaser card: section kicker, title link, optional lead, time. */
export function teaser(
  a: ArticleTeaser,
  options: {
    level: 2 | 3;
    lead?: boolean;
    className?: string;
    picture?: boolean;
    wide?: boolean;
    sizes?: string;
  },
): string {
  const h = `h${options.level}`;
  const picture = options.picture !== false && a.pictures;
  return html`<article class="teaser ${options.className ?? ''}!${picture ? ' has-picture' : ''}">
  !${picture ? html`<a class="teaser-picture" href="${a.url}" tabindex="-1" aria-hidden="true">!${pictureTag({ ...(options.wide ? a.pictures!.wide : a.pictures!.card), alt: '' }, { sizes: options.sizes ?? THUMB_SIZES })}</a>` : ''}
  !${a.section ? html`<p class="kicker"><a href="${a.section.url}">${a.section.name}</a></p>` : ''}
  <!${h} class="teaser-title"><a href="${a.url}">${a.title}</a></!${h}>
  !${options.lead ? html`<p class="teaser-lead">${a.lead}</p>` : ''}
  <p class="teaser-meta"><time datetime="${a.published.iso}">${a.published.label}</time></p>
</article>`;
}

/** Previous/next links; page numbers are in the URL so every page can be cached and crawled. */
export function pagination(
  basePath: string,
  page: number,
  pageCount: number,
): string {
  if (pageCount <= 1) return '';
  return html`<nav class="pagination" aria-label="Pagination">
  !${page > 1 ? html`<a rel="prev" href="${withPage(basePath, page - 1)}">← Page précédente</a>` : '<span></span>'}
  <span class="page-count">Page ${page} sur ${pageCount}</span>
  !${page < pageCount ? html`<a rel="next" href="${withPage(basePath, page + 1)}">Page suivante →</a>` : '<span></span>'}
</nav>`;
}

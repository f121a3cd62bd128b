import { html } from '../html.ts';
import type { MostReadItem } from '../../presenters/mostRead.ts';

/** « Les plus lus »: a numbered list, its own block so each page includes it with one line. */
export function mostReadView(
  items: MostReadItem[],
  title = 'Les plus lus',
): string {
  if (items.length === 0) return '';
  return html`<section class="most-read" aria-labelledby="most-read-title">
  <h2 id="most-read-title" class="block-title">${title}</h2>
  <ol class="most-read-list">!${items.map((i) => html`<li><a href="${i.url}">${i.title}</a></li>`)}</ol>
</section>`;
}

import { html } from '../html.ts';
import type { ArticleTeaser } from '../../presenters/article.ts';
import type { FilInfoDay } from '../../presenters/filInfo.ts';
import { filInfo, teaser } from './partials.ts';
import { pictureTag } from './picture.ts';

export interface HomeModel {
  lead: ArticleTeaser | null;
  topStories: ArticleTeaser[];
  filInfo: FilInfoDay[];
  sectionBlocks: { name: string; url: string; items: ArticleTeaser[] }[];
  siteName: string;
}

/** Home: « À la une » beside the fil info, then a block per section. */
export function homeView(m: HomeModel): string {
  return html`<h1 class="visually-hidden">${m.siteName} : l’actualité en continu</h1>
<div class="home-top">
  <section class="a-la-une" aria-labelledby="a-la-une-title">
    <h2 id="a-la-une-title" class="block-title">À la une</h2>
    !${
      m.lead
        ? html`<article class="lead-story!${m.lead.pictures ? ' has-picture' : ''}">
      !${m.lead.pictures ? html`<a class="lead-picture" href="${m.lead.url}" tabindex="-1" aria-hidden="true">!${pictureTag({ ...m.lead.pictures.wide, alt: '' }, { sizes: '(min-width: 1100px) 700px, 100vw', priority: true })}</a>` : ''}
      !${m.lead.section ? html`<p class="kicker"><a href="${m.lead.section.url}">${m.lead.section.name}</a></p>` : ''}
      <h3 class="lead-title"><a href="${m.lead.url}">${m.lead.title}</a></h3>
      <p class="lead-chapo">${m.lead.lead}</p>
      <p class="teaser-meta">!${m.lead.authors.length ? html`Par ${m.lead.authors.map((a) => a.name).join(', ')} · ` : ''}<time datetime="${m.lead.published.iso}">${m.lead.published.label}</time></p>
    </article>`
        : html`<p class="empty">Aucun article publié pour le moment.</p>`
    }
    !${m.topStories.length ? html`<div class="top-stories">!${m.topStories.map((a) => teaser(a, { level: 3, lead: true }))}</div>` : ''}
  </section>
  <aside class="home-fil" aria-label="Fil info">
    !${filInfo(m.filInfo, { headingId: 'fil-info-title', headingLevel: 2 })}
  </aside>
</div>
!${m.sectionBlocks
    .filter((b) => b.items.length > 0)
    .map(
      (
        b,
        i,
      ) => html`<section class="section-block" aria-labelledby="block-${i}">
  <h2 id="block-${i}" class="block-title"><a href="${b.url}">${b.name}</a></h2>
  <div class="block-grid">!${b.items.map((a, j) => teaser(a, { level: 3, lead: j === 0, className: j === 0 ? 'block-lead' : '' }))}</div>
</section>`,
    )}`;
}

import { html } from '../html.ts';
import type { ArticlePage, ArticleTeaser } from '../../presenters/article.ts';
import type { FilInfoDay } from '../../presenters/filInfo.ts';
import type { ShareLink } from '../../presenters/share.ts';
import { byline, filInfo, teaser } from './partials.ts';
import { pictureTag } from './picture.ts';

export interface ArticleModel {
  article: ArticlePage;
  share: ShareLink[];
  follow: string;
  related: ArticleTeaser[];
  filInfo: FilInfoDay[];
  /** The live blog under the text, already rendered (views/site/liveBlog.ts). */
  liveBlog?: string;
}

/** An article: breadcrumb, title, lead, bylines and dates, body, tags, sharing, related stories. */
export function articleView(m: ArticleModel): string {
  const a = m.article;
  return html`<div class="article-layout">
<article class="article" aria-labelledby="article-title">
  <nav class="breadcrumb" aria-label="Fil d’Ariane">
    <ol>
      <li><a href="/">Accueil</a></li>
      !${a.section ? html`<li><a href="${a.section.url}">${a.section.name}</a></li>` : ''}
      <li><span aria-current="page">${a.title}</span></li>
    </ol>
  </nav>
  <header class="article-header">
    !${a.breaking ? html`<p class="breaking-label">Alerte info</p>` : ''}
    <h1 id="article-title">${a.title}</h1>
    <p class="chapo">${a.lead}</p>
    !${byline(a.authors)}
    <p class="dates">Publié le <time datetime="${a.published.iso}">${a.published.label}</time>!${a.updated ? html`<br>Mis à jour le <time datetime="${a.updated.iso}">${a.updated.label}</time>` : ''}</p>
    !${shareBlock(m.share)}
  </header>
  !${
    a.cover
      ? html`<figure class="cover">
    !${a.pictures ? pictureTag(a.pictures.wide, { sizes: '(min-width: 1100px) 720px, 100vw', priority: true }) : html`<img src="${a.cover.url}" alt="${a.cover.alt}" width="1200" height="675">`}
    !${a.cover.caption || a.cover.credit ? html`<figcaption>${a.cover.caption ?? ''} !${a.cover.credit ? html`<span class="credit">${a.cover.credit}</span>` : ''}</figcaption>` : ''}
  </figure>`
      : ''
  }
  <div class="article-body">!${a.bodyHtml}</div>
  !${m.liveBlog ?? ''}
  !${a.correctionNote ? html`<aside class="correction" aria-label="Rectificatif"><p><strong>Rectificatif :</strong> ${a.correctionNote}</p></aside>` : ''}
  <footer class="article-footer">
    !${a.tags.length ? html`<nav aria-label="Sujets"><ul class="tags">!${a.tags.map((t) => html`<li><a href="${t.url}">${t.name}</a></li>`)}</ul></nav>` : ''}
    !${shareBlock(m.share)}
    <div class="follow-block"><p>Ne manquez rien de l’actualité :</p>!${m.follow}</div>
  </footer>
</article>
<aside class="article-aside" aria-label="Fil info">
  !${filInfo(m.filInfo, { headingId: 'fil-info-title', headingLevel: 2 })}
</aside>
</div>
!${
    m.related.length
      ? html`<section class="related" aria-labelledby="related-title">
  <h2 id="related-title" class="block-title">À lire aussi</h2>
  <div class="block-grid">!${m.related.map((r) => teaser(r, { level: 3 }))}</div>
</section>`
      : ''
  }`;
}

function shareBlock(links: ShareLink[]): string {
  return html`<ul class="share">!${links.map((l) => html`<li><a class="share-${l.network}" href="${l.url}" rel="noopener nofollow" target="_blank">Partager sur ${l.label}<span class="visually-hidden"> (nouvelle fenêtre)</span></a></li>`)}</ul>`;
}

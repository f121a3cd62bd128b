import { html } from '../html.ts';
import type {
  LiveBlogModel,
  LiveEntryModel,
} from '../../presenters/liveBlog.ts';

/** One entry, newest first in the list; the live script inserts, replaces and removes these by id. */
export function liveEntryView(e: LiveEntryModel): string {
  return html`<li class="live-entry!${e.keyMoment ? ' is-key' : ''}" id="entree-${e.id}" data-entry="${e.id}">
  <p class="live-entry-meta"><time datetime="${e.iso}" title="${e.fullTime}">${e.time}</time>!${e.author ? html` · <span class="live-entry-author">${e.author}</span>` : ''}!${e.keyMoment ? html` <strong class="key-badge">Moment clé</strong>` : ''}!${e.edited ? html` <span class="live-entry-edited">(modifié)</span>` : ''}</p>
  <div class="live-entry-body">!${e.bodyHtml}</div>
</li>`;
}

/** The state, the score box and the key moments: replaced as a whole when any of them changes. */
export function liveHeaderView(m: LiveBlogModel): string {
  const s = m.scoreboard;
  return html`<div class="live-header" id="live-header-${m.articleId}">
  <p class="live-state live-state-${m.state}">${m.stateLabel}</p>
  !${
    s
      ? html`<div class="scoreboard" role="group" aria-label="Score">
    <span class="sb-team">${s.home}</span> <span class="sb-score">${s.homeScore}</span><span class="sb-sep" aria-hidden="true">–</span><span class="sb-score">${s.awayScore}</span> <span class="sb-team">${s.away}</span>
    !${s.status ? html`<span class="sb-status">${s.status}</span>` : ''}
  </div>`
      : ''
  }
  !${m.keyMoments.length ? html`<nav class="key-moments" aria-label="Moments clés"><h3>Moments clés</h3><ol>!${m.keyMoments.map((k) => html`<li><a href="#entree-${k.id}"><time>${k.time}</time> ${k.summary}</a></li>`)}</ol></nav>` : ''}
</div>`;
}

/** The live blog under the article's text: header, the first entries, a link to older ones. */
export function liveBlogView(m: LiveBlogModel): string {
  return html`<section class="live-blog" data-article="${m.articleId}" aria-labelledby="live-title-${m.articleId}">
<h2 id="live-title-${m.articleId}" class="block-title">Le direct</h2>
!${liveHeaderView(m)}
<ol class="live-entries">!${m.entries.map(liveEntryView)}</ol>
!${m.olderUrl ? html`<p class="live-older"><a href="${m.olderUrl}">Entrées précédentes</a></p>` : ''}
</section>`;
}

/** The home page's « Les directs »: live blogs under way, and those ended in the last day. */
export function liveBlogsBlock(
  items: { url: string; title: string; state: 'live' | 'ended' }[],
): string {
  if (items.length === 0) return '';
  return html`<section class="live-blogs" aria-labelledby="live-blogs-title">
  <h2 id="live-blogs-title" class="block-title">Les directs</h2>
  <ul>!${items.map((i) => html`<li><span class="live-state live-state-${i.state}">${i.state === 'live' ? 'En direct' : 'Terminé'}</span> <a href="${i.url}">${i.title}</a></li>`)}</ul>
</section>`;
}

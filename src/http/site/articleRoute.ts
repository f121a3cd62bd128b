import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SiteDeps } from './context.ts';
import { pageRoute } from './context.ts';
import {
  findPublishedBySlug,
  listRelated,
  wasWithdrawn,
} from '../../db/repos/articles.ts';
import { presentArticle, presentTeaser } from '../../presenters/article.ts';
import { groupFilInfo } from '../../presenters/filInfo.ts';
import { shareLinks } from '../../presenters/share.ts';
import { articleView } from '../../views/site/article.ts';
import { followList } from '../../views/site/layout.ts';
import { AppError } from '../../errors.ts';
import { html } from '../../views/html.ts';
import { paths } from '../../presenters/urls.ts';
import { articleHead } from './pageHeads.ts';
import { similarToPublished } from '../../editorial/related.ts';
import { mostReadBlock, mostReadValidUntil } from './mostRead.ts';
import { findLiveBlog } from '../../db/repos/liveBlogs.ts';
import { keptEditions, knownRelations, latestArticles } from './keptData.ts';
import { loadLiveBlog } from '../../live/liveBlogData.ts';
import { liveBlogPostingLd } from '../../presenters/liveBlogLd.ts';
import { liveBlogView, liveEntryView } from '../../views/site/liveBlog.ts';
import { jsonLdScripts } from '../../views/site/head.ts';
import { translationLinks } from './translationLinks.ts';

const params = z.object({ slug: z.string().min(1).max(300) });
/** The fil info beside an article: its newest lines. */
const ARTICLE_FIL_INFO_SIZE = 10;

export function articleRoute(app: FastifyInstance, deps: SiteDeps): void {
  app.get(
    '/articles/:slug',
    pageRoute(deps, async (request) => {
      const parsed = params.safeParse(request.params);
      if (!parsed.success) throw new AppError('not_found');
      const { slug } = parsed.data;
      const now = deps.clock.now();
      const known = await knownRelations(deps);
      const article = await findPublishedBySlug(
        deps.db,
        slug,
        now,
        undefined,
        known,
      );
      if (!article) {
        throw new AppError(
          (await wasWithdrawn(deps.db, slug)) ? 'gone' : 'not_found',
        );
      }
      const [similarIds, blog, editions] = await Promise.all([
        similarToPublished(deps.db, article.id, now),
        findLiveBlog(deps.db, article.id),
        keptEditions(deps),
      ]);
      const [live, related, latest, translated] = await Promise.all([
        blog ? loadLiveBlog(deps.db, deps.site, article, blog) : null,
        listRelated(deps.db, article, now, 4, similarIds, known),
        latestArticles(deps, ARTICLE_FIL_INFO_SIZE),
        translationLinks(deps.db, deps.site, article, now, editions),
      ]);
      const page = presentArticle(article, deps.site);
      const main = articleView({
        article: page,
        share: shareLinks(page.absoluteUrl, page.title),
        follow: followList(deps.site, 'article-follow'),
        related: related.map((a) => presentTeaser(a, deps.site)),
        filInfo: groupFilInfo(latest.items, now, deps.site, latest.liveStates),
        ...(live ? { liveBlog: liveBlogView(live.model) } : {}),
      });
      return {
        title: page.seoTitle,
        description: page.description,
        canonicalPath: page.url,
        head:
          articleHead(article, deps.site, page.description) +
          (blog && live
            ? `\n${jsonLdScripts([liveBlogPostingLd(article, blog, live.entries, deps.site)])}`
            : '') +
          (translated.head ? `\n${translated.head}` : ''),
        main: translated.main + main + (await mostReadBlock(deps)),
        bodyClass: 'article-page',
        currentSection: article.section?.slug,
        surrogateKeys: [`article:${article.id}`, 'fil-info'],
        validUntil: mostReadValidUntil(now),
        live: {},
        articleId: article.id,
        // The facade script only where there is a facade (the body or a live entry embeds).
        embeds: main.includes('data-embed-frame'),
      };
    }),
  );

  // Older live blog entries, 20 at a time: a page of its own (kept like the others), which the
  // live script reads to append its entries under those shown.
  const olderQuery = z.object({
    avant: z.coerce
      .number()
      .int()
      .positive()
      .max(2 ** 31 - 1),
  });
  app.get(
    '/articles/:slug/direct',
    pageRoute(deps, async (request) => {
      const parsed = params.safeParse(request.params);
      const query = olderQuery.safeParse(request.query);
      if (!parsed.success) throw new AppError('not_found');
      if (!query.success) throw new AppError('invalid_page');
      const now = deps.clock.now();
      const article = await findPublishedBySlug(deps.db, parsed.data.slug, now);
      const blog = article && (await findLiveBlog(deps.db, article.id));
      if (!article || !blog) throw new AppError('not_found');
      const { model } = await loadLiveBlog(
        deps.db,
        deps.site,
        article,
        blog,
        query.data.avant,
      );
      return {
        title: `${article.title} : entrées précédentes`,
        description: article.lead,
        canonicalPath: paths.article(article.slug),
        noindex: true,
        main: html`<h1>${article.title} : entrées précédentes</h1><section class="live-blog" data-article="${article.id}"><ol class="live-entries">!${model.entries.map(liveEntryView)}</ol>!${model.olderUrl ? html`<p class="live-older"><a href="${model.olderUrl}">Entrées précédentes</a></p>` : ''}</section><p><a href="${paths.article(article.slug)}">Retour au direct</a></p>`,
        surrogateKeys: [`article:${article.id}`],
      };
    }),
  );
}

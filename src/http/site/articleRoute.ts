import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { SiteDeps } from './context.ts';
import { pageRoute } from './context.ts';
import { findPublishedBySlug, listPublished, listRelated, wasWithdrawn } from '../../db/repos/articles.ts';
import { presentArticle, presentTeaser } from '../../presenters/article.ts';
import { groupFilInfo } from '../../presenters/filInfo.ts';
import { shareLinks } from '../../presenters/share.ts';
import { articleView } from '../../views/site/article.ts';
import { followList } from '../../views/site/layout.ts';
import { AppError } from '../../errors.ts';
import { articleHead } from './pageHeads.ts';
import { similarToPublished } from '../../editorial/related.ts';

const params = z.object({ slug: z.string().min(1).max(300) });

export function articleRoute(app: FastifyInstance, deps: SiteDeps): void {
  app.get('/articles/:slug', pageRoute(deps, async (request) => {
    const parsed = params.safeParse(request.params);
    if (!parsed.success) throw new AppError('not_found');
    const { slug } = parsed.data;
    const now = deps.clock.now();
    const article = await findPublishedBySlug(deps.db, slug, now);
    if (!article) {
      throw new AppError(await wasWithdrawn(deps.db, slug) ? 'gone' : 'not_found');
    }
    const similarIds = await similarToPublished(deps.db, article.id, now);
    const [related, latest] = await Promise.all([
      listRelated(deps.db, article, now, 4, similarIds),
      listPublished(deps.db, { now, limit: 10 }),
    ]);
    const page = presentArticle(article, deps.site);
    const main = articleView({
      article: page,
      share: shareLinks(page.absoluteUrl, page.title),
      follow: followList(deps.site, 'article-follow'),
      related: related.map((a) => presentTeaser(a, deps.site)),
      filInfo: groupFilInfo(latest.items, now, deps.site),
    });
    return ({
      title: page.seoTitle,
      description: page.description,
      canonicalPath: page.url,
      head: articleHead(article, deps.site, page.description),
      main,
      bodyClass: 'article-page',
      currentSection: article.section?.slug,
      surrogateKeys: [`article:${article.id}`, 'fil-info'],
      live: {},
    });
  }));
}

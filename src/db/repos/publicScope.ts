import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../schema.ts';
import { DEFAULT_EDITION } from '../../domain/editions.ts';

/**
 * What a reader may see, as a query constraint rather than a check after fetching: published,
 * publication time reached, not deleted. Every public read in the repositories applies it, so no
 * page can show a draft by forgetting a test. Public pages show one edition (issue #20): the
 * default one unless told, so no French page, feed or sitemap lists an Arabic article.
 */
export function publiclyVisible(now: Date, edition: string = DEFAULT_EDITION) {
  return (eb: ExpressionBuilder<Database, 'articles'>) =>
    eb.and([
      eb('articles.status', '=', 'published'),
      eb('articles.published_at', '<=', now.toISOString()),
      eb('articles.deleted_at', 'is', null),
      eb('articles.edition', '=', edition),
    ]);
}

/**
 * A tag readers may know of: one carried by at least one publicly visible article. A tag used
 * only on drafts (or embargoed, trashed, unpublished work) has no page, feed or sitemap entry.
 * Read from the links' copy of their article's publication time (kept by triggers, see the
 * 0200 migration): the first entry of one index range, where a join walked public articles
 * newest first until one carried the tag, the whole archive for a tag last used long ago.
 */
export function tagPubliclyCarried(now: Date) {
  return (eb: ExpressionBuilder<Database, 'tags'>) =>
    eb.exists(
      eb
        .selectFrom('article_tags')
        .select('article_tags.article_id')
        .whereRef('article_tags.tag_id', '=', 'tags.id')
        .where('article_tags.public_at', '<=', now.toISOString()),
    );
}

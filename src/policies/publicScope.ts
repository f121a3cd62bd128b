import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../db/schema.ts';

/**
 * What a reader may see, as a query constraint rather than a check after fetching: published,
 * publication time reached, not deleted. Every public read in the repositories applies it, so no
 * page can show a draft by forgetting a test.
 */
export function publiclyVisible(now: Date) {
  return (eb: ExpressionBuilder<Database, 'articles'>) => eb.and([
    eb('articles.status', '=', 'published'),
    eb('articles.published_at', '<=', now.toISOString()),
    eb('articles.deleted_at', 'is', null),
  ]);
}

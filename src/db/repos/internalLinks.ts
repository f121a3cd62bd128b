import type { Queryable } from '../database.ts';
import { publiclyVisible } from './publicScope.ts';

/** Which of `slugs` name an article readers may see now (the publish checks' internal links). */
export async function publicSlugsAmong(
  db: Queryable,
  slugs: readonly string[],
  now: Date,
): Promise<Set<string>> {
  if (slugs.length === 0) return new Set();
  const rows = await db
    .selectFrom('articles')
    .select('slug')
    .where('slug', 'in', [...slugs])
    .where(publiclyVisible(now))
    .execute();
  return new Set(rows.map((r) => r.slug));
}

import type { Queryable } from '../database.ts';
import { toDate } from '../schema.ts';
import { publiclyVisible } from './publicScope.ts';
import type { SectionRef } from '../../domain/articleRecord.ts';

/** What a fil info line needs: no body, no lead, no bylines. */
export interface FilInfoRecord {
  id: number;
  slug: string;
  title: string;
  breaking: boolean;
  publishedAt: Date;
  section: SectionRef | null;
}

/** The articles among `ids` that readers may see now, by id: one query for a whole batch. */
export async function findPublicFilInfo(
  db: Queryable,
  ids: readonly number[],
  now: Date,
): Promise<Map<number, FilInfoRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('articles')
    .leftJoin('sections', 'sections.id', 'articles.section_id')
    .select([
      'articles.id',
      'articles.slug',
      'articles.title',
      'articles.is_breaking',
      'articles.published_at',
      'sections.id as section_id',
      'sections.slug as section_slug',
      'sections.name as section_name',
    ])
    .where('articles.id', 'in', [...new Set(ids)])
    .where(publiclyVisible(now))
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        slug: r.slug,
        title: r.title,
        breaking: Boolean(r.is_breaking),
        // The public scope guarantees a publication time.
        publishedAt: toDate(r.published_at!),
        section:
          r.section_id !== null &&
          r.section_slug !== null &&
          r.section_name !== null
            ? { id: r.section_id, slug: r.section_slug, name: r.section_name }
            : null,
      },
    ]),
  );
}

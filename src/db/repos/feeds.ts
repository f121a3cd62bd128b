import type { Queryable } from '../database.ts';
import { SUMMARY_COLUMNS, toArticleRecord, withRelations } from './articles.ts';
import { publiclyVisible } from './publicScope.ts';
import type { ArticleWithRelations } from '../../domain/articleRecord.ts';

/** Which articles a feed lists: the whole site, or one section, tag or author. */
export interface FeedFilter {
  sectionId?: number;
  tagId?: number;
  authorId?: number;
}

/**
 * The newest public articles for a feed, with bylines, section and tags; bodies only when the
 * feed carries full text (they weigh the most). Tag and author feeds join from the link table, so
 * the database can start from a rare tag's few rows rather than from the whole archive.
 */
export async function listFeedArticles(
  db: Queryable,
  query: FeedFilter & {
    now: Date;
    limit: number;
    withBody: boolean;
    /** The edition (db/repos/publicScope.ts): the default one when absent. */
    edition?: string;
  },
): Promise<ArticleWithRelations[]> {
  let q = db
    .selectFrom('articles')
    .where(publiclyVisible(query.now, query.edition));
  if (query.sectionId !== undefined)
    q = q.where('articles.section_id', '=', query.sectionId);
  if (query.tagId !== undefined) {
    q = q
      .innerJoin('article_tags', 'article_tags.article_id', 'articles.id')
      .where('article_tags.tag_id', '=', query.tagId);
  }
  if (query.authorId !== undefined) {
    q = q
      .innerJoin('article_authors', 'article_authors.article_id', 'articles.id')
      .where('article_authors.author_id', '=', query.authorId);
  }
  const rows = await q
    .select(SUMMARY_COLUMNS)
    .$if(query.withBody, (qb) => qb.select('articles.body_html'))
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(query.limit)
    .execute();
  const records = rows.map((r) =>
    toArticleRecord({ body_html: '', ...r, body_source: '' }),
  );
  return withRelations(db, records);
}

/** Where articles appear besides the site feed: their section, tags and authors (slugs), for WebSub pings. */
export async function listFeedScopesOf(
  db: Queryable,
  articleIds: number[],
): Promise<{ sections: string[]; tags: string[]; authors: string[] }> {
  if (articleIds.length === 0) return { sections: [], tags: [], authors: [] };
  const [sections, tags, authors] = await Promise.all([
    db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select('sections.slug')
      .where('articles.id', 'in', articleIds)
      .distinct()
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select('tags.slug')
      .where('article_tags.article_id', 'in', articleIds)
      .distinct()
      .execute(),
    db
      .selectFrom('article_authors')
      .innerJoin('authors', 'authors.id', 'article_authors.author_id')
      .select('authors.slug')
      .where('article_authors.article_id', 'in', articleIds)
      .distinct()
      .execute(),
  ]);
  return {
    sections: sections.map((r) => r.slug),
    tags: tags.map((r) => r.slug),
    authors: authors.map((r) => r.slug),
  };
}

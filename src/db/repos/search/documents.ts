import type { Queryable } from '../../database.ts';
import { publiclyVisible } from '../../../policies/publicScope.ts';
import { toArticleRecord, withRelations, type ArticleWithRelations } from '../articles.ts';

/** What the index is built from: the words of an article, whatever its status. */
export interface IndexSource { id: number; title: string; lead: string; bodyHtml: string }

export async function findIndexSource(db: Queryable, articleId: number): Promise<IndexSource | null> {
  const row = await db.selectFrom('articles').select(['id', 'title', 'lead', 'body_html'])
    .where('id', '=', articleId).executeTakeFirst();
  return row ? { id: row.id, title: row.title, lead: row.lead, bodyHtml: row.body_html } : null;
}

/** A batch of articles by id, from `afterId` on: how a rebuild walks the archive. */
export async function listIndexSources(db: Queryable, afterId: number, limit: number): Promise<IndexSource[]> {
  const rows = await db.selectFrom('articles').select(['id', 'title', 'lead', 'body_html'])
    .where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map((r) => ({ id: r.id, title: r.title, lead: r.lead, bodyHtml: r.body_html }));
}

/** Search hits as readers may see them (the public read scope again), in the hits' order. */
export async function loadPublicResults(db: Queryable, ids: number[], now: Date): Promise<ArticleWithRelations[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('articles').selectAll().where('id', 'in', ids).where(publiclyVisible(now)).execute();
  return inOrder(ids, await withRelations(db, rows.map(toArticleRecord)));
}

/** Search hits for the newsroom: the caller's visibility filter already chose them. */
export async function loadNewsroomResults(db: Queryable, ids: number[]): Promise<ArticleWithRelations[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('articles').selectAll().where('id', 'in', ids).execute();
  return inOrder(ids, await withRelations(db, rows.map(toArticleRecord)));
}

function inOrder(ids: number[], articles: ArticleWithRelations[]): ArticleWithRelations[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  return ids.map((id) => byId.get(id)).filter((a): a is ArticleWithRelations => a !== undefined);
}

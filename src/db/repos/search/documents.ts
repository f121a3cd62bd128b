import type { Queryable } from '../../database.ts';
import { toDate } from '../../schema.ts';
import { publiclyVisible } from '../publicScope.ts';
import type { ArticleStatus } from '../../../domain/article.ts';
import {
  attachRelations,
  loadRelations,
  SUMMARY_COLUMNS,
  toArticleRecord,
} from '../articles.ts';
import type { ArticleWithRelations } from '../../../domain/articleRecord.ts';

/** What the index is built from: the words of an article, whatever its status, and its dates. */
export interface IndexSource {
  id: number;
  title: string;
  lead: string;
  bodyHtml: string;
  status: ArticleStatus;
  sectionId: number | null;
  createdAt: Date;
  publishedAt: Date | null;
  deletedAt: Date | null;
}

const SOURCE_COLUMNS = [
  'id',
  'title',
  'lead',
  'body_html',
  'status',
  'section_id',
  'created_at',
  'published_at',
  'deleted_at',
] as const;

type SourceRow = {
  id: number;
  title: string;
  lead: string;
  body_html: string;
  status: string;
  section_id: number | null;
  created_at: Date | string;
  published_at: Date | string | null;
  deleted_at: Date | string | null;
};

function toSource(r: SourceRow): IndexSource {
  return {
    id: r.id,
    title: r.title,
    lead: r.lead,
    bodyHtml: r.body_html,
    status: r.status as ArticleStatus,
    sectionId: r.section_id,
    createdAt: toDate(r.created_at),
    publishedAt: toDate(r.published_at),
    deletedAt: toDate(r.deleted_at),
  };
}

export async function findIndexSource(
  db: Queryable,
  articleId: number,
): Promise<IndexSource | null> {
  const row = await db
    .selectFrom('articles')
    .select(SOURCE_COLUMNS)
    .where('id', '=', articleId)
    .executeTakeFirst();
  return row ? toSource(row) : null;
}

/** A batch of articles by id, from `afterId` on: how a rebuild walks the archive. */
export async function listIndexSources(
  db: Queryable,
  afterId: number,
  limit: number,
): Promise<IndexSource[]> {
  const rows = await db
    .selectFrom('articles')
    .select(SOURCE_COLUMNS)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toSource);
}

/** Every column but the Markdown source: results show the rendered body's words only. */
const RESULT_COLUMNS = [...SUMMARY_COLUMNS, 'articles.body_html'] as const;

/** Search hits as readers may see them (the public read scope again), in the hits' order. */
export function loadPublicResults(
  db: Queryable,
  ids: number[],
  now: Date,
  edition?: string,
): Promise<ArticleWithRelations[]> {
  return loadResults(db, ids, publiclyVisible(now, edition));
}

/** Search hits for the newsroom: the caller's visibility filter already chose them. */
export function loadNewsroomResults(
  db: Queryable,
  ids: number[],
): Promise<ArticleWithRelations[]> {
  return loadResults(db, ids, null);
}

async function loadResults(
  db: Queryable,
  ids: number[],
  scope: ReturnType<typeof publiclyVisible> | null,
): Promise<ArticleWithRelations[]> {
  if (ids.length === 0) return [];
  // The ids are known: bylines, tags and sections are read at the same time as the articles.
  const [rows, relations] = await Promise.all([
    db
      .selectFrom('articles')
      .select(RESULT_COLUMNS)
      .where('id', 'in', ids)
      .$if(scope !== null, (q) => q.where(scope!))
      .execute(),
    loadRelations(db, ids),
  ]);
  return inOrder(
    ids,
    attachRelations(
      rows.map((r) => toArticleRecord({ ...r, body_source: '' })),
      relations,
    ),
  );
}

function inOrder(
  ids: number[],
  articles: ArticleWithRelations[],
): ArticleWithRelations[] {
  const byId = new Map(articles.map((a) => [a.id, a]));
  return ids
    .map((id) => byId.get(id))
    .filter((a): a is ArticleWithRelations => a !== undefined);
}

import type { Queryable } from '../database.ts';
import { AUDITED_EVENTS } from '../../domain/auditLog.ts';
import { toArticleRecord, withRelations } from './articles.ts';
import type { ArticleStatus } from '../../domain/article.ts';
import type { ArticleWithRelations } from '../../domain/articleRecord.ts';
import type { NewsroomScope } from '../../policies/newsroomScope.ts';
import { inNewsroomScope, ownedBy } from './newsroomScope.ts';

export interface NewsroomQuery {
  statuses?: ArticleStatus[];
  sectionId?: number;
  authorId?: number;
  /** Title contains this text (case-insensitive on both databases). */
  title?: string;
  /** What the member looking may see (the article policy's `view`, from `newsroomScope`). */
  scope: NewsroomScope;
  /** Only articles this user created or signs (« Mes brouillons »). */
  ownedBy?: number;
  orderBy: 'updated_at' | 'scheduled_at' | 'published_at';
  direction?: 'asc' | 'desc';
  limit: number;
}

/** Back-office listings: every status, filtered, through the viewer's newsroom read scope. */
export async function listNewsroomArticles(
  db: Queryable,
  q: NewsroomQuery,
): Promise<ArticleWithRelations[]> {
  let query = db
    .selectFrom('articles')
    .selectAll('articles')
    .where(inNewsroomScope(q.scope));
  if (q.statuses?.length)
    query = query.where('articles.status', 'in', q.statuses);
  if (q.sectionId !== undefined)
    query = query.where('articles.section_id', '=', q.sectionId);
  if (q.authorId !== undefined) {
    const authorId = q.authorId;
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('article_authors')
          .select('article_authors.article_id')
          .whereRef('article_authors.article_id', '=', 'articles.id')
          .where('article_authors.author_id', '=', authorId),
      ),
    );
  }
  if (q.title) {
    // LIKE with the wildcards in the text escaped; lower() on both sides for case folding.
    const pattern = `%${q.title.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb(eb.fn('lower', ['articles.title']), 'like', eb.val(pattern)),
    );
  }
  if (q.ownedBy !== undefined) query = query.where(ownedBy(q.ownedBy));
  const rows = await query
    .orderBy(`articles.${q.orderBy}`, q.direction ?? 'desc')
    .orderBy('articles.id', 'desc')
    .limit(q.limit)
    .execute();
  return withRelations(db, rows.map(toArticleRecord));
}

/**
 * The articles among `ids` a newsroom member may be shown: what their read scope allows, and
 * whatever is published (it is public anyway). For lists built elsewhere (likely duplicates).
 */
export async function findShowableInNewsroom(
  db: Queryable,
  ids: readonly number[],
  scope: NewsroomScope,
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('articles')
    .select('articles.id')
    .where('articles.id', 'in', [...new Set(ids)])
    .where((eb) =>
      eb.or([
        eb('articles.status', '=', 'published'),
        inNewsroomScope(scope)(eb),
      ]),
    )
    .execute();
  return new Set(rows.map((r) => r.id));
}

export interface AuditEntry {
  id: number;
  name: string;
  actorName: string | null;
  articleId: number | null;
  payload: unknown;
  createdAt: Date | string;
}

/** The audit log is the event log, read for the actions that matter: who did what, when. */
export async function listAuditEntries(
  db: Queryable,
  limit: number,
  beforeId?: number,
): Promise<AuditEntry[]> {
  let q = db
    .selectFrom('events')
    .leftJoin('users', 'users.id', 'events.actor_id')
    .select([
      'events.id',
      'events.name',
      'events.article_id',
      'events.payload',
      'events.created_at',
      'users.display_name',
    ])
    .where('events.name', 'in', [...AUDITED_EVENTS]);
  if (beforeId !== undefined) q = q.where('events.id', '<', beforeId);
  const rows = await q.orderBy('events.id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    actorName: r.display_name,
    articleId: r.article_id,
    payload: r.payload,
    createdAt: r.created_at,
  }));
}

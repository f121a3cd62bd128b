import type { Queryable } from '../database.ts';

/** What each imported record became, by the source's ids (see migration 0700). */
export async function findMapped(
  db: Queryable,
  source: string,
  kind: string,
  sourceIds: readonly string[],
): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  for (let i = 0; i < sourceIds.length; i += 500) {
    const rows = await db
      .selectFrom('import_map')
      .select(['source_id', 'target_id'])
      .where('source', '=', source)
      .where('kind', '=', kind)
      .where('source_id', 'in', sourceIds.slice(i, i + 500))
      .execute();
    for (const r of rows) found.set(r.source_id, r.target_id);
  }
  return found;
}

export async function recordMapped(
  db: Queryable,
  rows: { source: string; kind: string; sourceId: string; targetId: number }[],
  at: Date,
): Promise<void> {
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto('import_map')
      .values(
        rows.slice(i, i + 400).map((r) => ({
          source: r.source,
          kind: r.kind,
          source_id: r.sourceId,
          target_id: r.targetId,
          created_at: at.toISOString(),
        })),
      )
      .execute();
}

/** The slugs among `slugs` that an article already has. */
export async function takenArticleSlugs(
  db: Queryable,
  slugs: readonly string[],
): Promise<Set<string>> {
  const taken = new Set<string>();
  for (let i = 0; i < slugs.length; i += 500) {
    const rows = await db
      .selectFrom('articles')
      .select('slug')
      .where('slug', 'in', slugs.slice(i, i + 500))
      .execute();
    for (const r of rows) taken.add(r.slug);
  }
  return taken;
}

export interface NewRedirect {
  fromPath: string;
  /** A fixed target (CSV); an article's redirect follows the article's slug instead. */
  toPath: string;
  articleId: number | null;
}

/** Adds redirects; a path that already redirects keeps its first target. Returns how many were new. */
export async function insertRedirects(
  db: Queryable,
  rows: readonly NewRedirect[],
  at: Date,
): Promise<number> {
  let added = 0;
  for (let i = 0; i < rows.length; i += 300) {
    const result = await db
      .insertInto('redirects')
      .values(
        rows.slice(i, i + 300).map((r) => ({
          from_path: r.fromPath,
          to_path: r.toPath,
          article_id: r.articleId,
          created_at: at.toISOString(),
        })),
      )
      .onConflict((oc) => oc.column('from_path').doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

/**
 * Where an old path goes: an article's redirect follows its current slug (null while the
 * article is not public: a draft's old URL must not reveal it), a fixed one its target.
 */
export async function findRedirect(
  db: Queryable,
  fromPath: string,
): Promise<{
  toPath: string;
  articleSlug: string | null;
  public: boolean;
} | null> {
  const row = await db
    .selectFrom('redirects')
    .leftJoin('articles', 'articles.id', 'redirects.article_id')
    .select([
      'redirects.to_path',
      'redirects.article_id',
      'articles.slug',
      'articles.status',
      'articles.deleted_at',
    ])
    .where('redirects.from_path', '=', fromPath)
    .executeTakeFirst();
  if (!row) return null;
  if (row.article_id === null)
    return { toPath: row.to_path, articleSlug: null, public: true };
  return {
    toPath: row.to_path,
    articleSlug: row.slug ?? null,
    public: row.status === 'published' && row.deleted_at === null,
  };
}

/** Every redirect, for the export and the tests. */
export async function listRedirects(
  db: Queryable,
): Promise<{ fromPath: string; toPath: string; articleId: number | null }[]> {
  const rows = await db
    .selectFrom('redirects')
    .select(['from_path', 'to_path', 'article_id'])
    .orderBy('from_path')
    .execute();
  return rows.map((r) => ({
    fromPath: r.from_path,
    toPath: r.to_path,
    articleId: r.article_id,
  }));
}

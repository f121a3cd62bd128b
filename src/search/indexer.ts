import type { Db, Queryable } from '../db/database.ts';
import { countArticles } from '../db/repos/taxonomy.ts';
import {
  findIndexSource,
  listIndexSources,
  type IndexSource,
} from '../db/repos/search/documents.ts';
import { indexTerms } from './normalize.ts';
import type { IndexDocument, SearchProvider } from './provider.ts';
import { htmlToText } from './text.ts';

/** An article's index terms, per field, read from its stored (rendered) body. */
export function indexFields(
  text: Pick<IndexSource, 'title' | 'lead' | 'bodyHtml'>,
): Pick<IndexDocument, 'title' | 'lead' | 'body'> {
  return {
    title: indexTerms(text.title),
    lead: indexTerms(text.lead),
    body: indexTerms(htmlToText(text.bodyHtml)),
  };
}

/** An article's index entry: its terms and the facts kept beside them. */
export function toIndexDocument(source: IndexSource): IndexDocument {
  return {
    articleId: source.id,
    ...indexFields(source),
    status: source.status,
    sectionId: source.sectionId,
    createdAt: source.createdAt,
    publishedAt: source.publishedAt,
    deletedAt: source.deletedAt,
  };
}

/** Re-reads one article and writes its entry, or removes the entry if the article is gone. */
export async function indexArticle(
  db: Queryable,
  search: SearchProvider,
  articleId: number,
): Promise<void> {
  const source = await findIndexSource(db, articleId);
  if (source) await search.upsert(db, [toIndexDocument(source)]);
  else await search.remove(db, articleId);
}

export interface ReindexOptions {
  /** Empty the index first (faster on a large archive; searches find less until it ends). */
  fresh?: boolean;
  batchSize?: number;
  onProgress?: (done: number, total: number) => void;
  /** Called when every article is written and the index is being built or compacted (minutes on a large archive). */
  onBuilding?: () => void;
}

/**
 * Rebuilds the whole index, one transaction per batch so that writers are never blocked for
 * long, then drops entries of articles that no longer exist and compacts the index.
 */
export async function reindexAll(
  db: Db,
  search: SearchProvider,
  options: ReindexOptions = {},
): Promise<{ indexed: number; ms: number }> {
  const started = performance.now();
  const batchSize = options.batchSize ?? 500;
  const total = await countArticles(db);
  if (options.fresh) await search.clear(db);
  let afterId = 0;
  let done = 0;
  options.onProgress?.(0, total);
  for (;;) {
    const batch = await listIndexSources(db, afterId, batchSize);
    if (batch.length === 0) break;
    const docs = batch.map(toIndexDocument);
    await db.transaction().execute((tx) => search.upsert(tx, docs));
    afterId = batch.at(-1)!.id;
    done += batch.length;
    options.onProgress?.(done, Math.max(total, done));
  }
  await search.removeOrphans(db);
  options.onBuilding?.();
  await search.optimize(db);
  return { indexed: done, ms: performance.now() - started };
}

/**
 * Fills an empty index when there are articles (a database from before search existed, or a
 * restored backup), so search works without an operator remembering `newsdesk reindex`.
 * Returns the number of articles indexed (0 when the index was already there).
 */
export async function ensureSearchIndex(
  db: Db,
  search: SearchProvider,
): Promise<number> {
  if (!(await search.isEmpty(db))) return 0;
  const { indexed } = await reindexAll(db, search);
  return indexed;
}

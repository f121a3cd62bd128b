import type { Db } from '../db/database.ts';
import { listArticleIdsAfter } from '../db/repos/articles.ts';
import { reindexArticle } from './indexer.ts';

/**
 * Rebuilds the editorial index from the articles, in batches of one transaction each: for a
 * database that had articles before the index existed, or after a change to how texts are read.
 * Safe to run on a live site (each article is re-read as it is now) and to run again.
 */
export async function reindexAll(
  db: Db,
  now: () => Date,
  onProgress: (done: number) => void = () => {},
): Promise<number> {
  let after = 0,
    done = 0;
  for (;;) {
    const ids = await listArticleIdsAfter(db, after, 200);
    if (ids.length === 0) return done;
    await db.transaction().execute(async (tx) => {
      for (const id of ids) await reindexArticle(tx, id, now());
    });
    after = ids.at(-1)!;
    done += ids.length;
    onProgress(done);
  }
}

import type { Queryable } from '../database.ts';

/** This process's number of live streams now (one row per process, rewritten). */
export async function reportLiveReaders(
  db: Queryable,
  nodeId: string,
  readers: number,
  at: Date,
): Promise<void> {
  await db
    .insertInto('live_readers')
    .values({ node_id: nodeId, readers, seen_at: at.toISOString() })
    .onConflict((oc) =>
      oc.column('node_id').doUpdateSet({ readers, seen_at: at.toISOString() }),
    )
    .execute();
}

/** Readers of the other processes that reported since `since` (a stopped one stops counting). */
export async function otherNodesLiveReaders(
  db: Queryable,
  nodeId: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('live_readers')
    .select((eb) => eb.fn.sum<number>('readers').as('n'))
    .where('node_id', '!=', nodeId)
    .where('seen_at', '>=', since.toISOString())
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A process that stops takes its row with it. */
export async function forgetLiveReaders(
  db: Queryable,
  nodeId: string,
): Promise<void> {
  await db.deleteFrom('live_readers').where('node_id', '=', nodeId).execute();
}

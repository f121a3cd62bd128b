import type { Kysely } from 'kysely';
import { timeType } from './dialect.ts';

/**
 * Live readers on every node: each process writes how many live streams it holds now (one row
 * per process, rewritten every few seconds), so the editors' audience page shows the sum over
 * the nodes that reported recently. A number per process; nothing about any reader.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('live_readers')
    .addColumn('node_id', 'text', (c) => c.primaryKey())
    .addColumn('readers', 'integer', (c) => c.notNull())
    .addColumn('seen_at', timeType(db), (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('live_readers').execute();
}

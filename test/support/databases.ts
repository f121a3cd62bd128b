import { describe, before, after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrateToLatest, openDatabase, type DatabaseHandle } from '../../src/db/database.ts';

export type DialectName = 'sqlite' | 'postgres';
export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

const adminUrl = process.env['DATABASE_URL_TEST'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function probePostgres(): Promise<string | null> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

const postgresProblem = await probePostgres();
if (postgresProblem) {
  const message = `\n!!! PostgreSQL is not reachable at ${adminUrl} (${postgresProblem}).\n!!! The PostgreSQL half of the data and HTTP tests is SKIPPED. Set DATABASE_URL_TEST to run it.\n`;
  // In CI a skipped half would be a silent hole: fail instead.
  if (process.env['CI']) throw new Error(message);
  process.stderr.write(message);
}

/** Why the PostgreSQL half is skipped, or false when it runs (for tests that need both at once). */
export const POSTGRES_SKIP: string | false = postgresProblem ? `PostgreSQL unreachable: ${postgresProblem}` : false;

export interface TestDatabase {
  dialect: DialectName;
  handle: DatabaseHandle;
  /** The URL the app would be configured with (a second process can open it too). */
  url: string;
  drop(): Promise<void>;
}

/** A new, migrated, empty database of its own: a temp SQLite file, or a new PostgreSQL database. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-test-'));
    const path = join(dir, 'test.sqlite');
    const handle = openDatabase({ dialect: 'sqlite', path });
    await migrateToLatest(handle.db);
    return { dialect, handle, url: `sqlite:${path}`, drop: async () => { await handle.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const name = `newsdesk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ dialect: 'postgres', connectionString: url.toString() }, { poolSize: 5 });
  await migrateToLatest(handle.db);
  return {
    dialect, handle, url: url.toString(),
    drop: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * Runs `body` once per dialect, each with a fresh database made before and dropped after.
 * The PostgreSQL run is skipped, loudly, only where no server is reachable (never in CI).
 */
export function describeEachDialect(title: string, body: (get: () => TestDatabase) => void): void {
  for (const dialect of DIALECTS) {
    const skip = dialect === 'postgres' && postgresProblem ? `PostgreSQL unreachable: ${postgresProblem}` : false;
    describe(`${title} [${dialect}]`, { skip }, () => {
      let db: TestDatabase | undefined;
      before(async () => { db = await createTestDatabase(dialect); });
      after(async () => { await db?.drop(); });
      body(() => {
        if (!db) throw new Error('test database not ready');
        return db;
      });
    });
  }
}

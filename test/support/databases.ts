import { describe, before, after } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import {
  migrateToLatest,
  openDatabase,
  type DatabaseHandle,
} from '../../src/db/database.ts';

export type DialectName = 'sqlite' | 'postgres';
export const DIALECTS: DialectName[] = ['sqlite', 'postgres'];

const adminUrl =
  process.env['DATABASE_URL_TEST'] ??
  'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * On a busy machine a connection can take seconds: wait for one this long before calling it a
 * failure, and try a few times with growing pauses. A server that is really down still fails,
 * just later.
 */
const CONNECT_TIMEOUT_MS = 20_000;
const ATTEMPTS = 4;

/** Runs `work` until it succeeds, at most ATTEMPTS times, pausing 0.5 s, 1 s, 2 s… in between. */
export async function withRetries<T>(
  what: string,
  work: () => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= ATTEMPTS)
        throw new Error(
          `${what}: ${error instanceof Error ? error.message : String(error)} (after ${ATTEMPTS} attempts)`,
          { cause: error },
        );
      await new Promise((resolve) =>
        setTimeout(resolve, 500 * 2 ** (attempt - 1)),
      );
    }
  }
}

/** One statement on the admin database, on a connection of its own. */
async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({
    connectionString: adminUrl,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  try {
    await client.connect();
    await client.query(statement);
  } finally {
    await client.end().catch(() => {});
  }
}

async function probePostgres(): Promise<string | null> {
  try {
    await withRetries('PostgreSQL probe', () => adminQuery('select 1'));
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const postgresProblem = await probePostgres();
if (postgresProblem) {
  const message = `\n!!! PostgreSQL is not reachable at ${adminUrl} (${postgresProblem}).\n!!! The PostgreSQL half of the data and HTTP tests is SKIPPED. Set DATABASE_URL_TEST to run it.\n`;
  // In CI a skipped half would be a silent hole: fail instead.
  if (process.env['CI']) throw new Error(message);
  process.stderr.write(message);
}

/** Why PostgreSQL tests skip here (never in CI, where the probe above throws), or false. */
export const POSTGRES_SKIP: string | false = postgresProblem
  ? `PostgreSQL unreachable: ${postgresProblem}`
  : false;

export interface TestDatabase {
  dialect: DialectName;
  handle: DatabaseHandle;
  /** The URL the app would be configured with (a second process can open it too). */
  url: string;
  drop(): Promise<void>;
}

/** A new, migrated, empty database of its own: a temp SQLite file, or a new PostgreSQL database. */
export async function createTestDatabase(
  dialect: DialectName,
): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-test-'));
    const path = join(dir, 'test.sqlite');
    const handle = openDatabase({ dialect: 'sqlite', path });
    await migrateToLatest(handle.db);
    return {
      dialect,
      handle,
      url: `sqlite:${path}`,
      drop: async () => {
        await handle.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const name = `newsdesk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  // `if not exists` is not PostgreSQL syntax: a retry after a create that did commit finds it there.
  await withRetries(`create database ${name}`, async () => {
    try {
      await adminQuery(`create database ${name}`);
    } catch (error) {
      if (!/already exists/.test(String(error))) throw error;
    }
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase(
    { dialect: 'postgres', connectionString: url.toString() },
    { poolSize: 5, connectionTimeoutMs: CONNECT_TIMEOUT_MS },
  );
  // Migrations run in one transaction each: one that failed to connect can simply run again.
  await withRetries(`migrate ${name}`, () => migrateToLatest(handle.db));
  return {
    dialect,
    handle,
    url: url.toString(),
    drop: async () => {
      await handle.close();
      await withRetries(`drop database ${name}`, () =>
        adminQuery(`drop database if exists ${name} with (force)`),
      );
    },
  };
}

/**
 * Runs `body` once per dialect, each with a fresh database made before and dropped after.
 * The PostgreSQL run is skipped, loudly, only where no server is reachable (never in CI).
 */
export function describeEachDialect(
  title: string,
  body: (get: () => TestDatabase) => void,
): void {
  for (const dialect of DIALECTS) {
    const skip =
      dialect === 'postgres' && postgresProblem
        ? `PostgreSQL unreachable: ${postgresProblem}`
        : false;
    describe(`${title} [${dialect}]`, { skip }, () => {
      let db: TestDatabase | undefined;
      before(async () => {
        db = await createTestDatabase(dialect);
      });
      after(async () => {
        await db?.drop();
      });
      body(() => {
        if (!db) throw new Error('test database not ready');
        return db;
      });
    });
  }
}

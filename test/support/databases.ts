import { describe, before, after } from 'node:test';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash, randomBytes } from 'node:crypto';
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

/** The PostgreSQL URL of database `name` on the test server. */
function databaseUrl(name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** What the migrated schema depends on: a change to any of these files makes a new template. */
const SCHEMA_SOURCES = ['migrations', 'dialects'].map((dir) =>
  fileURLToPath(new URL(`../../src/db/${dir}/`, import.meta.url)),
);

function schemaHash(): string {
  const hash = createHash('sha256');
  for (const dir of SCHEMA_SOURCES)
    for (const file of readdirSync(dir).sort())
      hash.update(file).update(readFileSync(join(dir, file)));
  hash.update(
    readFileSync(new URL('../../src/db/database.ts', import.meta.url)),
  );
  return hash.digest('hex').slice(0, 16);
}

/** Any number taken by nothing else: the lock that lets one test process build the template. */
const TEMPLATE_LOCK = 20_261_203;

let template: Promise<string> | undefined;

/**
 * Templates of earlier schemas, so that they do not pile up on the server: each is dropped
 * unless someone is connected to it (another checkout's run still copying it; it will build its
 * own again if it needs it).
 */
async function dropStaleTemplates(client: pg.Client, current: string) {
  const stale = await client.query<{ datname: string }>(
    "select datname from pg_database where datname like 'newsdesk\\_template\\_%' and datname <> $1",
    [current],
  );
  for (const { datname } of stale.rows)
    await client.query(`drop database if exists ${datname}`).catch(() => {});
}

/**
 * The name of a PostgreSQL database migrated to the current schema, made once (per schema) by
 * really running every migration on an empty database, then copied by each test. Migrating takes
 * ~2 s of PostgreSQL work per database and the suite makes well over a hundred; a copy
 * (`create database … template`) takes ~0.1 s. The name carries a hash of the migration sources,
 * so a changed migration is run again, on its own new template. Test processes run in parallel:
 * an advisory lock lets one build it while the others wait, and it gets its name (a rename) only
 * once migrated and closed, since a template nobody may be connected to.
 */
function postgresTemplate(): Promise<string> {
  template ??= withRetries('PostgreSQL template', async () => {
    const name = `newsdesk_template_${schemaHash()}`;
    const client = new pg.Client({
      connectionString: adminUrl,
      connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    });
    await client.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK]);
      const found = await client.query(
        'select 1 from pg_database where datname = $1',
        [name],
      );
      if (found.rowCount) return name;
      await dropStaleTemplates(client, name);
      const building = `${name}_build`;
      await client.query(`drop database if exists ${building} with (force)`);
      await client.query(`create database ${building}`);
      const handle = openDatabase(
        { dialect: 'postgres', connectionString: databaseUrl(building) },
        { poolSize: 1, connectionTimeoutMs: CONNECT_TIMEOUT_MS },
      );
      try {
        await migrateToLatest(handle.db);
      } finally {
        await handle.close();
      }
      await client.query(`alter database ${building} rename to ${name}`);
      return name;
    } finally {
      await client.end().catch(() => {});
    }
  });
  // A failed attempt is not kept: the next database asks again.
  template.catch(() => {
    template = undefined;
  });
  return template;
}

/**
 * A new, migrated, empty database of its own: a temp SQLite file (migrated on the spot, it is
 * cheap), or a new PostgreSQL database copied from the migrated template above.
 */
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
  const source = await postgresTemplate();
  const name = `newsdesk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  // `if not exists` is not PostgreSQL syntax: a retry after a create that did commit finds it there.
  await withRetries(`create database ${name}`, async () => {
    try {
      await adminQuery(`create database ${name} template ${source}`);
    } catch (error) {
      if (!/already exists/.test(String(error))) throw error;
    }
  });
  const url = databaseUrl(name);
  const handle = openDatabase(
    { dialect: 'postgres', connectionString: url },
    { poolSize: 5, connectionTimeoutMs: CONNECT_TIMEOUT_MS },
  );
  return {
    dialect,
    handle,
    url,
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

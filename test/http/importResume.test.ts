import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createTestDatabase,
  describeEachDialect,
  type TestDatabase,
} from '../support/databases.ts';
import { runCli } from '../support/cli.ts';
import { hasStatistics } from '../support/statistics.ts';
import { importState } from '../support/importState.ts';
import { SHARED_MISSING, sharedFile } from '../support/shared.ts';
import { generateWxr } from '../../bench/lib/generateWxr.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const NODE = join(ROOT, 'node_modules/.bin/node');
const CORPUS = sharedFile('data/fr-news/orangesum_fr_news.dev.jsonl');
const POSTS = 240;

const env = (db: TestDatabase, dir: string) => ({
  DATABASE_URL: db.url,
  SITE_URL: 'http://localhost:3000',
  MEDIA_DIR: join(dir, `media-${db.dialect}`),
});
const args = (file: string, report: string) => [
  'import',
  'wordpress',
  file,
  '--no-fetch',
  '--batch-size',
  '20',
  '--report',
  report,
];

describeEachDialect(
  'newsdesk import wordpress: killed midway, started again',
  (getDb) => {
    let dir: string;
    let file: string;
    let reference: TestDatabase;

    test('the uninterrupted import, for reference', {
      skip: CORPUS ? false : SHARED_MISSING,
    }, async () => {
      dir = mkdtempSync(join(tmpdir(), 'newsdesk-resume-'));
      file = join(dir, 'export.xml');
      await generateWxr(file, POSTS, { join: 1 });
      reference = await createTestDatabase(getDb().dialect);
      const run = await runCli(
        args(file, join(dir, 'ref.json')),
        env(reference, dir),
      );
      assert.equal(run.code, 0, run.stderr);
      // An import ends by refreshing the planner's statistics (db/repos/statistics.ts).
      assert.equal(
        await hasStatistics(reference.handle.db, reference.dialect, 'articles'),
        true,
      );
    });

    test('kill -9 midway, run again: the same database as the uninterrupted import', {
      skip: CORPUS ? false : SHARED_MISSING,
    }, async () => {
      const db = getDb();
      const child = spawn(
        NODE,
        [
          '--disable-warning=ExperimentalWarning',
          'src/cli.ts',
          ...args(file, join(dir, 'killed.json')),
        ],
        {
          cwd: ROOT,
          env: { ...process.env, ...env(db, dir) },
          stdio: 'ignore',
        },
      );
      const exited = new Promise((resolve) => child.once('exit', resolve));
      // Kill it once some batches are in, but well before the end.
      for (;;) {
        const { n } = await db.handle.db
          .selectFrom('import_map')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('kind', '=', 'article')
          .executeTakeFirstOrThrow();
        if (Number(n) >= 40) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      child.kill('SIGKILL');
      await exited;
      const partial = await importState(db.handle.db, db.handle.dialect.search);
      assert.ok(partial.counts['articles']! > 0, 'some articles were in');
      assert.ok(
        partial.counts['articles']! < POSTS,
        `killed before the end (${partial.counts['articles']})`,
      );
      // Every batch is whole: an article is in the index exactly when it is in the table.
      assert.equal(partial.counts['search'], partial.counts['articles']);
      assert.equal(
        partial.counts['import_map']! >= partial.counts['articles']!,
        true,
      );

      const rerun = await runCli(
        args(file, join(dir, 'rerun.json')),
        env(db, dir),
      );
      assert.equal(rerun.code, 0, rerun.stderr);
      const resumed = await importState(db.handle.db, db.handle.dialect.search);
      const expected = await importState(
        reference.handle.db,
        reference.handle.dialect.search,
      );
      assert.deepEqual(resumed.counts, expected.counts);
      assert.equal(resumed.hash, expected.hash);
      assert.equal(resumed.counts['articles'], POSTS);
    });

    test('a second run changes nothing', {
      skip: CORPUS ? false : SHARED_MISSING,
    }, async () => {
      const db = getDb();
      const before = await importState(db.handle.db, db.handle.dialect.search);
      const again = await runCli(
        args(file, join(dir, 'again.json')),
        env(db, dir),
      );
      assert.equal(again.code, 0, again.stderr);
      assert.match(again.stdout, /post\s+\d+\s+0\s+\d+\s+0/);
      assert.deepEqual(
        await importState(db.handle.db, db.handle.dialect.search),
        before,
      );
      // --dry-run says so too, and writes nothing.
      const dry = await runCli(
        [...args(file, join(dir, 'dry.json')), '--dry-run'],
        env(db, dir),
      );
      assert.equal(dry.code, 0, dry.stderr);
      assert.match(dry.stdout, /Dry run/);
      assert.deepEqual(
        await importState(db.handle.db, db.handle.dialect.search),
        before,
      );
    });

    test('teardown', async () => {
      await reference?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });
  },
);

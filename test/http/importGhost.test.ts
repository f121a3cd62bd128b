import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { storageEnv } from '../support/s3Server.ts';
import { SHARED_MISSING, sharedFile } from '../support/shared.ts';
import { importState } from '../support/importState.ts';
import { importGhost } from '../../src/import/importGhost.ts';
import { importRedirects } from '../../src/commands/importRedirects.ts';
import { systemActor } from '../../src/commands/context.ts';
import { listRedirects } from '../../src/db/repos/imports.ts';

const GHOST = sharedFile('data/ghost-export');
const files = GHOST
  ? ['tryghost-migrate', 'ghosttohugo'].flatMap((d) =>
      readdirSync(join(GHOST, d))
        .filter((f) => f.endsWith('.json'))
        .map((f) => join(GHOST, d, f)),
    )
  : [];

describeEachDialect(
  'newsdesk import ghost, and redirects from a CSV',
  (getDb) => {
    let t: TestApp;
    let stop: () => Promise<void>;

    test('every Ghost export imports: posts counted against the file, old URLs 301', {
      skip: GHOST ? false : SHARED_MISSING,
    }, async () => {
      const storage = await storageEnv('disk');
      stop = storage.stop;
      t = await buildTestApp(getDb(), storage.env);
      let expected = 0;
      for (const file of files) {
        const json = JSON.parse(readFileSync(file, 'utf8'));
        const data = (json.db?.[0] ?? json).data;
        const report = await importGhost(t.ctx, t.ctx.search, file, {
          dryRun: false,
          batchSize: 50,
        });
        assert.equal(report.error, null, file);
        const posts = data.posts.length;
        const c =
          (report.counts['post']?.read ?? 0) +
          (report.counts['page']?.read ?? 0);
        assert.equal(c, posts, file);
        const done =
          (report.counts['post']?.imported ?? 0) +
          (report.counts['post']?.unchanged ?? 0);
        assert.equal(done + report.skipped.length, posts, file);
        expected += report.counts['post']?.imported ?? 0;
        assert.equal(
          report.counts['author']?.read ?? 0,
          new Set(
            data.posts_authors?.map(
              (a: { author_id: string }) => a.author_id,
            ) ?? data.posts.map((p: { author_id: number }) => p.author_id),
          ).size,
          file,
        );
      }
      const state = await importState(t.ctx.db, t.ctx.search);
      assert.equal(state.counts['articles'], expected);
      // The Lexical-only post has its words.
      const lexical = await t.ctx.db
        .selectFrom('articles')
        .select(['body_source'])
        .where('slug', '=', 'post-3-lexical')
        .executeTakeFirst();
      assert.match(
        lexical?.body_source ?? '',
        /!\[\]\(https:\/\/example\.com\/images\/lexical-image\.jpg\)/,
      );
      for (const r of await listRedirects(t.ctx.db)) {
        const res = await t.app.inject({ method: 'GET', url: r.fromPath });
        assert.equal(res.statusCode, 301, r.fromPath);
        assert.equal(res.headers.location, r.toPath);
      }
      // Run again: nothing changes.
      for (const file of files)
        await importGhost(t.ctx, t.ctx.search, file, {
          dryRun: false,
          batchSize: 50,
        });
      assert.deepEqual(await importState(t.ctx.db, t.ctx.search), state);
    });

    test('a file that is not a Ghost export: a clear error, nothing written', async () => {
      t ??= await buildTestApp(getDb());
      const report = await importGhost(
        t.ctx,
        t.ctx.search,
        new URL(import.meta.url).pathname,
        { dryRun: false, batchSize: 50 },
      );
      assert.match(report.error ?? '', /not a JSON file/);
    });

    test('redirects import: good lines in (answered at once, cache forgotten), bad lines listed', async () => {
      const before = await t.app.inject({
        method: 'GET',
        url: '/ancienne-rubrique/page',
      });
      assert.equal(before.statusCode, 404);
      const result = await importRedirects(
        t.ctx,
        systemActor('test'),
        'from,to\n/ancienne-rubrique/page,/rubriques/politique\n/vieux,https://ailleurs.example/x\nnot-a-path,/x\n/a,javascript:alert(1)\n/b\n',
      );
      assert.equal(result.added, 2);
      assert.deepEqual(
        result.refused.map((r) => r.line),
        [4, 5, 6],
      );
      const after = await t.app.inject({
        method: 'GET',
        url: '/ancienne-rubrique/page',
      });
      assert.equal(after.statusCode, 301);
      assert.equal(after.headers.location, '/rubriques/politique');
      const again = await importRedirects(
        t.ctx,
        systemActor('test'),
        '/vieux,/autre\n',
      );
      assert.equal(again.added, 0);
      assert.equal(again.unchanged, 1);
      await t.app.close();
      await stop?.();
    });
  },
);

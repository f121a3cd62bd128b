import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { storageEnv } from '../support/s3Server.ts';
import { jpeg } from '../support/pictures.ts';
import { uploadMedia } from '../../src/commands/media/uploadMedia.ts';
import { systemActor } from '../../src/commands/context.ts';
import {
  checkMedia,
  currentRenditions,
  findOrphans,
  regenerateRenditions,
} from '../../src/media/maintenance.ts';
import { findMediaById } from '../../src/db/repos/media.ts';
import type { MediaRecord } from '../../src/domain/pictures.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

describeEachDialect('newsdesk media regenerate, check, orphans', (getDb) => {
  let t: TestApp;
  let env: Record<string, string>;
  let stop: () => Promise<void>;
  let a: MediaRecord, b: MediaRecord;

  test('setup: two pictures, one rendition made', async () => {
    const storage = await storageEnv('disk');
    env = storage.env;
    stop = storage.stop;
    t = await buildTestApp(getDb(), env);
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-fixture-'));
    const add = async (name: string, width: number) => {
      const path = join(dir, name);
      writeFileSync(
        path,
        await jpeg({ width, height: Math.round(width * 0.66) }),
      );
      return uploadMedia(t.ctx, systemActor('test'), { path, fileName: name });
    };
    a = await add('a.jpg', 1300);
    b = await add('b.jpg', 700);
    rmSync(dir, { recursive: true, force: true });
  });

  test('regenerate makes every current rendition and removes stale ones; --only-missing makes none twice', async () => {
    await t.ctx.media.storage.put(
      `renditions/${a.id}/000000000000-16x9-640.webp`,
      Buffer.from('old'),
      'image/webp',
    );
    const first = await regenerateRenditions(t.ctx.db, t.ctx.media, {
      onlyMissing: true,
    });
    const expected = currentRenditions(a).length + currentRenditions(b).length;
    assert.deepEqual(first, { pictures: 2, made: expected, removed: 1 });
    const again = await regenerateRenditions(t.ctx.db, t.ctx.media, {
      onlyMissing: true,
    });
    assert.deepEqual(again, { pictures: 2, made: 0, removed: 0 });
  });

  test('orphans finds files no picture needs; check finds a picture whose original is gone', async () => {
    await t.ctx.media.storage.put(
      'originals/ff/lost-upload.jpg',
      Buffer.from('x'),
      'image/jpeg',
    );
    await t.ctx.media.storage.put(
      'renditions/999/0123456789ab-full-320.jpg',
      Buffer.from('x'),
      'image/jpeg',
    );
    assert.deepEqual(
      await findOrphans(t.ctx.db, t.ctx.media, { remove: false }),
      [
        'originals/ff/lost-upload.jpg',
        'renditions/999/0123456789ab-full-320.jpg',
      ],
    );
    assert.deepEqual((await checkMedia(t.ctx.db, t.ctx.media)).problems, []);
    await t.ctx.media.storage.delete(
      (await findMediaById(t.ctx.db, b.id))!.originalKey,
    );
    const checked = await checkMedia(t.ctx.db, t.ctx.media);
    assert.equal(checked.checked, 2);
    assert.deepEqual(
      checked.problems.map((p) => [
        p.mediaId,
        /original missing/.test(p.problem),
      ]),
      [[b.id, true]],
    );
    await findOrphans(t.ctx.db, t.ctx.media, { remove: true });
    assert.deepEqual(
      await findOrphans(t.ctx.db, t.ctx.media, { remove: false }),
      [],
    );
  });

  test('the commands run from the command line, with --help, and check exits 1 on a problem', (ctx) => {
    if (getDb().dialect !== 'sqlite') {
      ctx.skip('one dialect is enough for the CLI wiring');
      return;
    }
    const run = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [
          '--disable-warning=ExperimentalWarning',
          'src/cli.ts',
          'media',
          ...args,
        ],
        {
          cwd: ROOT,
          env: { ...process.env, ...env, DATABASE_URL: getDb().url },
          encoding: 'utf8',
        },
      );
    assert.match(run('--help').stdout, /regenerate[\s\S]*check[\s\S]*orphans/);
    const check = run('check');
    assert.equal(check.status, 1, check.stderr);
    assert.match(
      check.stdout,
      /2 pictures checked, 1 problem\(s\)[\s\S]*original missing/,
    );
    assert.match(run('orphans').stdout, /0 orphan file\(s\)/);
  });

  test('teardown', async () => {
    await t.app.close();
    await stop();
  });
});

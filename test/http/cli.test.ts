import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../support/databases.ts';
import { runCli } from '../support/cli.ts';
import { startCliServer } from '../support/processes.ts';
import { buildArticle, buildSection } from '../support/factories.ts';
import { createServices } from '../../src/services.ts';
import { loadConfig } from '../../src/config.ts';
import { systemClock } from '../../src/domain/clock.ts';
import { findUserByEmail } from '../../src/db/repos/users.ts';
import {
  findArticleById,
  setArticleBodyHtml,
} from '../../src/db/repos/articles.ts';
import { listEventsAfter, maxEventId } from '../../src/db/repos/events.ts';
import { rerenderBodies } from '../../src/commands/rerenderBodies.ts';

/**
 * --help reads no database, so it runs once, not once per dialect; its eight processes run side
 * by side (each is a second of start-up, mostly waiting on the other core).
 */
test('--help lists every command, and each command has its own --help', async () => {
  const env = { SITE_URL: 'https://journal.example' };
  const subcommands = [
    ['serve'],
    ['migrate'],
    ['user'],
    ['user', 'add'],
    ['user', 'reset-password'],
    ['news-sitemap'],
    ['reindex'],
  ];
  const [top, ...helps] = await Promise.all(
    [[], ...subcommands].map((args) => runCli([...args, '--help'], env)),
  );
  assert.equal(top!.code, 0, top!.stderr);
  for (const name of ['serve', 'migrate', 'user', 'news-sitemap', 'reindex'])
    assert.match(
      top!.stdout,
      new RegExp(`^\\s+${name}\\b`, 'm'),
      `${name} in --help`,
    );
  for (const [i, args] of subcommands.entries()) {
    const help = helps[i]!;
    assert.equal(help.code, 0, `${args.join(' ')} --help: ${help.stderr}`);
    assert.match(
      help.stdout,
      new RegExp(`^Usage: newsdesk ${args.join(' ')}`, 'm'),
      args.join(' '),
    );
  }
});

/** Every command README.md « Command line » names, through the real `newsdesk` process. */
describeEachDialect('the newsdesk command line', (getDb) => {
  const env = () => ({
    DATABASE_URL: getDb().url,
    SITE_URL: 'https://journal.example',
  });
  const ctx = () =>
    createServices(
      loadConfig({ DATABASE_URL: getDb().url }),
      getDb().handle,
      systemClock,
    );

  test('migrate: the schema is brought up to date, then the process exits', async () => {
    const result = await runCli(['migrate'], env());
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /up to date|Applied/);
  });

  test('user add prints a one-time invitation link; user reset-password prints a reset link', async () => {
    const section = await buildSection(ctx(), { slug: 'sport-cli' });
    const added = await runCli(
      [
        'user',
        'add',
        '--email',
        'nadia@redaction.example',
        '--role',
        'editor',
        '--name',
        'Nadia B.',
        '--sections',
        'sport-cli',
      ],
      env(),
    );
    assert.equal(added.code, 0, added.stderr);
    assert.match(
      added.stdout,
      /https:\/\/journal\.example\/admin\/mot-de-passe\?token=\S{20,}/,
    );
    const user = await findUserByEmail(
      getDb().handle.db,
      'nadia@redaction.example',
    );
    assert.equal(user?.role, 'editor');
    assert.equal(user?.displayName, 'Nadia B.');
    assert.deepEqual(user?.sectionIds, [section.id]);

    const reset = await runCli(
      ['user', 'reset-password', '--email', 'nadia@redaction.example'],
      env(),
    );
    assert.equal(reset.code, 0, reset.stderr);
    assert.match(
      reset.stdout,
      /https:\/\/journal\.example\/admin\/mot-de-passe\?token=\S{20,}/,
    );
  });

  test('user commands refuse bad input with a message that says what to do', async () => {
    // Four refusals that do not depend on each other: their processes run side by side.
    const [badRole, badSection, nobody, missing] = await Promise.all([
      runCli(
        ['user', 'add', '--email', 'x@redaction.example', '--role', 'king'],
        env(),
      ),
      runCli(
        [
          'user',
          'add',
          '--email',
          'y@redaction.example',
          '--role',
          'editor',
          '--sections',
          'nulle-part',
        ],
        env(),
      ),
      runCli(
        ['user', 'reset-password', '--email', 'personne@redaction.example'],
        env(),
      ),
      runCli(['user', 'add', '--role', 'editor'], env()),
    ]);
    assert.equal(badRole.code, 1);
    assert.match(
      badRole.stderr,
      /--role must be one of: contributor, journalist, editor, admin/,
    );
    assert.equal(badSection.code, 1);
    assert.match(badSection.stderr, /unknown section "nulle-part"/);
    assert.equal(nobody.code, 1);
    assert.match(
      nobody.stderr,
      /no account with e-mail personne@redaction\.example/,
    );
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /--email/);
    const dup = ['user', 'add', '--email', 'deux@redaction.example'];
    assert.equal((await runCli([...dup, '--role', 'editor'], env())).code, 0);
    const again = await runCli([...dup, '--role', 'journalist'], env());
    assert.equal(again.code, 1);
    assert.match(
      again.stderr,
      /email: Un compte existe déjà avec cette adresse/,
      'the refused field and why, not only « informations non valides »',
    );
  });

  test('news-sitemap excludes and includes a section; an unknown slug is named', async () => {
    await buildSection(ctx(), { slug: 'opinions-cli' });
    const flag = async () =>
      (
        await getDb()
          .handle.db.selectFrom('sections')
          .select('in_news_sitemap')
          .where('slug', '=', 'opinions-cli')
          .executeTakeFirstOrThrow()
      ).in_news_sitemap;
    const excluded = await runCli(
      ['news-sitemap', 'opinions-cli', 'exclude'],
      env(),
    );
    assert.equal(excluded.code, 0, excluded.stderr);
    assert.equal(Number(await flag()), 0);
    const included = await runCli(
      ['news-sitemap', 'opinions-cli', 'include'],
      env(),
    );
    assert.equal(included.code, 0, included.stderr);
    assert.equal(Number(await flag()), 1);
    const unknown = await runCli(
      ['news-sitemap', 'nulle-part', 'exclude'],
      env(),
    );
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /no section with the slug "nulle-part"/);
    const badChoice = await runCli(
      ['news-sitemap', 'opinions-cli', 'maybe'],
      env(),
    );
    assert.notEqual(badChoice.code, 0);
    assert.match(badChoice.stderr, /include, exclude/);
  });

  test('reindex rebuilds both indexes, or one with --only', async () => {
    await buildArticle(ctx(), { status: 'published' });
    const all = await runCli(['reindex'], env());
    assert.equal(all.code, 0, all.stderr);
    assert.match(all.stdout, /Editorial index rebuilt: [1-9]\d* articles/);
    const only = await runCli(
      ['reindex', '--only', 'search', '--batch-size', '10'],
      env(),
    );
    assert.equal(only.code, 0, only.stderr);
    const bad = await runCli(['reindex', '--only', 'everything'], env());
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /search, editorial or bodies/);
  });

  test('reindex --only bodies renders bodies saved before a renderer change again, once', async () => {
    const video = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
    const article = await buildArticle(ctx(), {
      status: 'published',
      bodySource: `Avant la vidéo.\n\n${video}\n\nAprès la vidéo.`,
    });
    const fresh = (await findArticleById(getDb().handle.db, article.id))!;
    assert.match(fresh.bodyHtml, /class="embed/, 'saved today: a facade');
    // As the renderer before the facades wrote it: the URL as a plain link.
    const old = `<p>Avant la vidéo.</p>\n<p><a href="${video}">${video}</a></p>\n<p>Après la vidéo.</p>\n`;
    await setArticleBodyHtml(getDb().handle.db, article.id, old);
    const before = await maxEventId(getDb().handle.db);
    const run = await runCli(['reindex', '--only', 'bodies'], env());
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /Bodies rendered again: [1-9]\d* of \d+ articles/);
    const after = (await findArticleById(getDb().handle.db, article.id))!;
    assert.equal(after.bodyHtml, fresh.bodyHtml);
    assert.equal(after.version, fresh.version, 'the text did not change');
    const events = await listEventsAfter(getDb().handle.db, before, 100);
    assert.deepEqual(
      events.filter((e) => e.articleId === article.id).map((e) => e.name),
      ['articles.update'],
    );
    // A second pass finds nothing to change.
    const again = await rerenderBodies(ctx());
    assert.equal(again.changed, 0);
    assert.ok(again.seen >= 1);
  });

  test('serve listens and answers; a bad configuration stops it with the variable to fix', async () => {
    const server = await startCliServer(env());
    try {
      const res = await fetch(`${server.address}/healthz`);
      assert.equal(res.status, 200);
    } finally {
      await server.stop();
    }
    const bad = await runCli(['serve', '--no-demo'], {
      ...env(),
      PORT: 'quatre',
    });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /PORT:/);
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  buildArticle,
  buildAuthor,
  buildSection,
  buildTag,
} from '../support/factories.ts';
import { updateArticleForTest } from '../support/editorial.ts';
import { systemActor } from '../../src/commands/context.ts';
import { createArticle } from '../../src/commands/createArticle.ts';
import { publishArticle } from '../../src/commands/publishArticle.ts';
import { startWebSubPinger } from '../../src/events/websubPinger.ts';
import { loadConfig } from '../../src/config.ts';
import {
  addEdition,
  setSectionEditionCommand,
} from '../../src/commands/editions.ts';
import { ARABIC_DEMO_EDITION } from '../../src/demo/loadArabicDemo.ts';

/** A WebSub hub on 127.0.0.1 that records the pings it gets; its answer and delay can be set. */
async function startHub(): Promise<{
  url: string;
  pings: { mode: string | null; topic: string | null }[];
  status: number;
  delayMs: number;
  server: Server;
}> {
  const hub = {
    url: '',
    pings: [] as { mode: string | null; topic: string | null }[],
    status: 204,
    delayMs: 0,
    server: null as unknown as Server,
  };
  hub.server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      const form = new URLSearchParams(body);
      hub.pings.push({
        mode: form.get('hub.mode'),
        topic: form.get('hub.url'),
      });
      setTimeout(() => {
        res.statusCode = hub.status;
        res.end();
      }, hub.delayMs);
    });
  });
  await new Promise<void>((resolve) =>
    hub.server.listen(0, '127.0.0.1', resolve),
  );
  hub.url = `http://127.0.0.1:${(hub.server.address() as AddressInfo).port}/hub`;
  return hub;
}

async function waitFor(
  check: () => boolean,
  what: string,
  ms = 10_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The three formats of each feed base, as the hub is told of them. */
function feedTopics(bases: string[]): string[] {
  return bases.flatMap((base) =>
    ['xml', 'atom', 'json'].map(
      (ext) => `https://journal.example${base}.${ext}`,
    ),
  );
}

/** Waits until the hub has been pinged for every one of `topics`. */
function pingedFor(
  hub: { pings: { topic: string | null }[] },
  topics: string[],
  what: string,
): Promise<void> {
  return waitFor(
    () => topics.every((u) => hub.pings.some((p) => p.topic === u)),
    what,
  );
}

describeEachDialect(
  'WebSub: the hub is pinged after publication, outside the transaction',
  (getDb) => {
    let t: TestApp;
    let hub: Awaited<ReturnType<typeof startHub>>;
    let ids: { section: number; author: number; tag: number };

    test('setup: a hub, the app configured with it', async () => {
      hub = await startHub();
      t = await buildTestApp(getDb(), { WEBSUB_HUB: hub.url });
      ids = {
        section: (await buildSection(t.ctx, { slug: 'monde', name: 'Monde' }))
          .id,
        author: (
          await buildAuthor(t.ctx, {
            slug: 'imane-chraibi',
            name: 'Imane Chraïbi',
          })
        ).id,
        tag: (await buildTag(t.ctx, { slug: 'diplomatie', name: 'Diplomatie' }))
          .id,
      };
    });

    test('feeds advertise the hub (RSS, Atom, JSON Feed and the Link header)', async () => {
      const rss = await t.app.inject('/feed.xml');
      assert.match(
        rss.body,
        new RegExp(`<atom:link href="${hub.url}" rel="hub"/>`),
      );
      assert.match(
        rss.headers['link'] as string,
        new RegExp(
          `<${hub.url}>; rel="hub", <https://journal.example/feed.xml>; rel="self"`,
        ),
      );
      assert.match(
        (await t.app.inject('/rubrique/monde/feed.atom')).body,
        new RegExp(`<link rel="hub" href="${hub.url}"/>`),
      );
      assert.deepEqual(
        (
          JSON.parse((await t.app.inject('/feed.json')).body) as {
            hubs: unknown;
          }
        ).hubs,
        [{ type: 'WebSub', url: hub.url }],
      );
    });

    test('publishing pings hub.mode=publish for the site feeds and the article’s section, tag and author feeds', async () => {
      hub.pings.length = 0;
      await buildArticle(t.ctx, {
        slug: 'sommet',
        title: 'Sommet à Rabat',
        sectionId: ids.section,
        authorIds: [ids.author],
        tagIds: [ids.tag],
      });
      const expected = feedTopics([
        '/feed',
        '/rubrique/monde/feed',
        '/sujet/diplomatie/feed',
        '/auteur/imane-chraibi/feed',
      ]);
      await pingedFor(hub, expected, 'the twelve pings');
      assert.ok(hub.pings.every((p) => p.mode === 'publish'));
    });

    test('an update pings again; saving a draft does not', async () => {
      hub.pings.length = 0;
      const draft = await buildArticle(t.ctx, {
        slug: 'brouillon',
        sectionId: ids.section,
        authorIds: [ids.author],
        status: 'draft',
      });
      await updateArticleForTest(t.ctx, draft.id, {
        title: 'Brouillon retouché',
      });
      await new Promise((r) => setTimeout(r, 600));
      assert.deepEqual(hub.pings, [], 'nothing public changed');
      const a = await t.ctx.db
        .selectFrom('articles')
        .select('id')
        .where('slug', '=', 'sommet')
        .executeTakeFirstOrThrow();
      await updateArticleForTest(t.ctx, a.id, {
        title: 'Sommet à Rabat : la déclaration finale',
      });
      await waitFor(
        () =>
          hub.pings.some((p) => p.topic === 'https://journal.example/feed.xml'),
        'a ping after the update',
      );
    });

    test('a slow hub does not hold the publication (the ping comes after the commit)', async () => {
      hub.pings.length = 0;
      hub.delayMs = 3_000;
      const actor = systemActor('test');
      const id = await createArticle(t.ctx, actor, {
        title: 'Article pressé',
        lead: '',
        bodySource: 'Texte.',
        sectionId: ids.section,
        authorIds: [ids.author],
        tagIds: [],
      });
      const started = Date.now();
      await publishArticle(t.ctx, actor, { articleId: id });
      assert.ok(
        Date.now() - started < 1_000,
        `publishing took ${Date.now() - started} ms`,
      );
      const article = await t.ctx.db
        .selectFrom('articles')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      assert.equal(
        article.status,
        'published',
        'committed while the hub is still answering',
      );
      await waitFor(
        () =>
          hub.pings.some((p) => p.topic === 'https://journal.example/feed.xml'),
        'the slow ping',
      );
      hub.delayMs = 0;
    });

    test('a hub that refuses or cannot be reached is logged, never thrown', async () => {
      const logged: {
        level: string;
        msg: string;
        obj: Record<string, unknown>;
      }[] = [];
      const log = {
        info: (obj: object, msg: string) =>
          logged.push({
            level: 'info',
            msg,
            obj: obj as Record<string, unknown>,
          }),
        warn: (obj: object, msg: string) =>
          logged.push({
            level: 'warn',
            msg,
            obj: obj as Record<string, unknown>,
          }),
      };
      const site = loadConfig({ SITE_URL: 'https://journal.example' }).site;
      hub.status = 500;
      const refused = await startWebSubPinger({
        db: t.ctx.db,
        bus: t.ctx.bus,
        hubUrl: hub.url,
        site,
        log,
      });
      const closed = createServer();
      await new Promise<void>((resolve) =>
        closed.listen(0, '127.0.0.1', resolve),
      );
      const deadPort = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      const unreachable = await startWebSubPinger({
        db: t.ctx.db,
        bus: t.ctx.bus,
        hubUrl: `http://127.0.0.1:${deadPort}/hub`,
        site,
        log,
        timeoutMs: 1_000,
      });
      await buildArticle(t.ctx, {
        slug: 'pendant-la-panne',
        sectionId: ids.section,
        authorIds: [ids.author],
      });
      await waitFor(
        () =>
          logged.some((l) => l.msg === 'websub: hub refused the ping') &&
          logged.some((l) => l.msg === 'websub: hub unreachable'),
        'both warnings',
      );
      await Promise.all([refused.idle(), unreachable.idle()]);
      refused.stop();
      unreachable.stop();
      assert.equal(
        logged.find((l) => l.msg === 'websub: hub refused the ping')!.obj[
          'status'
        ],
        500,
      );
      assert.equal(
        (await t.app.inject('/articles/pendant-la-panne')).statusCode,
        200,
        'the article is online all the same',
      );
      hub.status = 204;
    });

    test('teardown', async () => {
      await t.app.close();
      hub.server.closeAllConnections(); // fetch keeps connections alive for a few seconds
      await new Promise<void>((resolve) => hub.server.close(() => resolve()));
    });
  },
);

describeEachDialect(
  'WebSub: an Arabic-edition article pings the Arabic edition’s feeds',
  (getDb) => {
    let t: TestApp;
    let hub: Awaited<ReturnType<typeof startHub>>;
    let ids: { section: number; author: number; tag: number };

    test('setup: the Arabic edition and one of its sections, then the app with a hub', async () => {
      hub = await startHub();
      // Editions are served from the next start: make it, then start the app that pings.
      const first = await buildTestApp(getDb());
      await addEdition(first.ctx, systemActor('test'), ARABIC_DEMO_EDITION);
      ids = {
        section: (
          await buildSection(first.ctx, { slug: 'iqtisad', name: 'اقتصاد' })
        ).id,
        author: (
          await buildAuthor(first.ctx, {
            slug: 'karim-berrada',
            name: 'Karim Berrada',
          })
        ).id,
        tag: (await buildTag(first.ctx, { slug: 'bourse', name: 'البورصة' }))
          .id,
      };
      await setSectionEditionCommand(first.ctx, systemActor('test'), {
        slug: 'iqtisad',
        edition: 'ar',
      });
      await first.app.close();
      t = await buildTestApp(getDb(), { WEBSUB_HUB: hub.url });
      await t.app.ready();
    });

    test('publishing pings the /ar/ feeds (site, section, tag, author), not the French ones', async () => {
      hub.pings.length = 0;
      await buildArticle(t.ctx, {
        slug: 'bourse-casablanca',
        title: 'بورصة الدار البيضاء ترتفع',
        sectionId: ids.section,
        authorIds: [ids.author],
        tagIds: [ids.tag],
      });
      const expected = feedTopics([
        '/ar/feed',
        '/ar/rubrique/iqtisad/feed',
        '/ar/sujet/bourse/feed',
        '/ar/auteur/karim-berrada/feed',
      ]);
      await pingedFor(hub, expected, 'the twelve Arabic pings');
      // Each topic the hub is told of is a feed that answers.
      for (const url of expected) {
        const res = await t.app.inject(
          url.replace('https://journal.example', ''),
        );
        assert.equal(res.statusCode, 200, url);
      }
      // One publication's topics go out in one pass: nothing else came with these twelve.
      assert.deepEqual(
        [...new Set(hub.pings.map((p) => p.topic))].sort(),
        [...expected].sort(),
        'no French feed is pinged for an Arabic article',
      );
    });

    test('teardown', async () => {
      await t.app.close();
      hub.server.closeAllConnections();
      await new Promise<void>((resolve) => hub.server.close(() => resolve()));
    });
  },
);

import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildAuthor, buildSection } from '../support/factories.ts';
import { buildUser } from '../support/newsroom.ts';
import { storageEnv } from '../support/s3Server.ts';
import { jpeg } from '../support/pictures.ts';
import {
  adminToken,
  ApiClient,
  assertContract,
  contentKey,
  validOpenApi,
} from '../support/api.ts';
import {
  editLiveEntry,
  postLiveEntry,
  startLiveBlog,
} from '../../src/commands/liveBlog.ts';

/**
 * Issue 17 items the first Admin/Content API left out: a script uploads a picture through the
 * Admin API (the back office's upload command), uses it as cover and in the body; the Content
 * API shows the pictures with every crop and rendition, the embeds, and the live blog's entries;
 * audience figures as ranks in the Content API and as counts for editors' tokens in the Admin API.
 */
describeEachDialect(
  'API: pictures, embeds, live blog entries, audience',
  (getDb) => {
    let t: TestApp;
    let api: ApiClient;
    let stopStorage: () => Promise<void>;
    let editorToken: string;
    let journalistToken: string;
    let key: string;
    let sportId: number;
    let bylineId: number;
    let coverId: number;
    let bodyPictureId: number;
    let articleId: number;
    const YOUTUBE = 'https://www.youtube.com/watch?v=dQw4w9WgXcQ';
    const mediaCount = async () =>
      Number(
        (
          await t.ctx.db
            .selectFrom('media')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    test('setup', async () => {
      const storage = await storageEnv('disk');
      stopStorage = storage.stop;
      t = await buildTestApp(getDb(), storage.env);
      api = new ApiClient(t.app);
      const editor = await buildUser(t.ctx, 'editor');
      const journalist = await buildUser(t.ctx, 'journalist');
      editorToken = await adminToken(
        t.ctx,
        { ...editor, role: 'editor' },
        'editor',
      );
      journalistToken = await adminToken(
        t.ctx,
        { ...journalist, role: 'journalist' },
        'journalist',
      );
      key = await contentKey(t.ctx, editor.id, { ratePerMinute: 1000 });
      sportId = (await buildSection(t.ctx, { slug: 'sport', name: 'Sport' }))
        .id;
      bylineId = (await buildAuthor(t.ctx)).id;
    });

    test('a script uploads pictures (multipart): stored through the library’s command, every crop and rendition described', async () => {
      const admin = api.admin(journalistToken);
      const res = await admin.upload(
        '/pictures',
        {
          name: 'derby.jpg',
          bytes: await jpeg({
            width: 1600,
            height: 1000,
            xmp: { caption: 'Le derby', credit: 'Photo Agence' },
          }),
          type: 'image/jpeg',
        },
        { purpose: 'cover' },
      );
      assert.equal(res.statusCode, 201, res.body);
      const picture = res.json();
      coverId = picture.id;
      assert.equal(res.headers.location, `/api/admin/v1/pictures/${coverId}`);
      assert.equal(picture.width, 1600);
      assert.match(picture.credit, /Photo Agence/);
      assert.deepEqual(
        picture.crops.map((c: { ratio: string }) => c.ratio),
        ['16:9', '4:3', '1:1', 'full'],
      );
      const wide = picture.crops[0];
      assert.equal(
        wide.region.width / wide.region.height,
        16 / 9,
        'the 16:9 crop is 16:9',
      );
      const largest = wide.renditions.at(-1);
      assert.equal(largest.width, 1600);
      assert.equal(largest.height, 900);
      // A rendition URL is the site's own and serves that size.
      const served = await t.app.inject(
        largest.urls.webp.replace('https://journal.example', ''),
      );
      assert.equal(served.statusCode, 200);
      assert.equal(served.headers['content-type'], 'image/webp');
      const meta = await sharp(served.rawPayload).metadata();
      assert.deepEqual([meta.width, meta.height], [1600, 900]);
      // The event the back office's upload records, once.
      const events = await t.ctx.db
        .selectFrom('events')
        .select('name')
        .where('name', '=', 'media.create')
        .execute();
      assert.equal(events.length, 1);
      const again = await admin.get(`/pictures/${coverId}`);
      assert.equal(again.statusCode, 200);
      assert.deepEqual(again.json(), picture);

      const body = await admin.upload('/pictures', {
        name: 'tribune.jpg',
        bytes: await jpeg({ width: 800, height: 600, hue: 30 }),
      });
      assert.equal(body.statusCode, 201, body.body);
      bodyPictureId = body.json().id;
    });

    test('bad uploads: a 4xx in JSON, nothing stored', async () => {
      const before = await mediaCount();
      const admin = api.admin(journalistToken);
      const notAPicture = await admin.upload('/pictures', {
        name: 'notes.jpg',
        bytes: Buffer.from('ceci n’est pas une image'),
      });
      assert.equal(notAPicture.statusCode, 422);
      assert.equal(notAPicture.json().error.code, 'media_rejected');
      const tooSmallCover = await admin.upload(
        '/pictures',
        { name: 'petite.jpg', bytes: await jpeg({ width: 640, height: 400 }) },
        { purpose: 'cover' },
      );
      assert.equal(tooSmallCover.statusCode, 422);
      const json = await admin.post('/pictures', { file: 'x' });
      assert.equal(json.statusCode, 422);
      assert.match(json.json().error.message, /multipart/);
      const anonymous = await api.admin('').upload('/pictures', {
        name: 'a.jpg',
        bytes: await jpeg(),
      });
      assert.equal(anonymous.statusCode, 401);
      assert.equal(await mediaCount(), before);
      assert.equal(
        (await admin.get('/pictures/999999')).statusCode,
        404,
        'an unknown picture',
      );
    });

    test('an article with the uploaded cover, a body picture and a pasted video: the Content API shows them', async () => {
      const created = await api.admin(editorToken).post('/articles', {
        title: 'Le derby de Casablanca',
        sectionId: sportId,
        authorIds: [bylineId],
        lead: 'Raja et Wydad se sont quittés dos à dos.',
        bodySource: `Premier paragraphe.\n\n![Les tribunes](media:${bodyPictureId} "Les tribunes pleines")\n\n${YOUTUBE}\n\nDernier paragraphe avec un lien https://example.org dans le texte.`,
        cover: { mediaId: coverId, alt: 'Le capitaine du Raja' },
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().cover.mediaId, coverId);
      assert.match(created.json().cover.credit, /Photo Agence/);
      articleId = created.json().id;
      const published = await api
        .admin(editorToken)
        .post(`/articles/${articleId}/publish`, {});
      assert.equal(published.statusCode, 200, published.body);

      const res = await api.content(key)(
        `/articles/${articleId}?include=pictures`,
      );
      assert.equal(res.statusCode, 200, res.body);
      const a = res.json();
      assert.equal(a.cover.alt, 'Le capitaine du Raja');
      assert.equal(a.pictures.cover.id, coverId);
      assert.match(a.pictures.cover.credit, /Photo Agence/);
      assert.deepEqual(
        a.pictures.body.map((p: { id: number }) => p.id),
        [bodyPictureId],
      );
      assert.ok(a.pictures.body[0].crops[3].renditions.length >= 2);
      assert.deepEqual(a.embeds, [{ url: YOUTUBE, provider: 'youtube' }]);
      assert.equal(a.liveBlog, null);
      assert.match(a.html, /<picture>/);
      // A list carries covers (no body, so no body pictures).
      const list = (
        await api.content(key)('/articles?include=pictures&fields=title')
      ).json();
      assert.equal(list.items[0].pictures.cover.id, coverId);
      assert.deepEqual(list.items[0].pictures.body, []);
      assert.equal(list.items[0].embeds, undefined);
      // Without include=pictures, no pictures key.
      assert.equal(
        (await api.content(key)(`/articles/${articleId}`)).json().pictures,
        undefined,
      );
    });

    test('live blog entries through the Content API: newest first, pictures rendered, edits applied, pages by `before`', async () => {
      assert.equal(
        (await api.content(key)(`/articles/${articleId}/live`)).statusCode,
        404,
        'not a live blog yet',
      );
      const actor = {
        kind: 'user' as const,
        id: (await api.admin(editorToken).get('/me')).json().userId,
        role: 'editor' as const,
        sectionIds: [],
      };
      await startLiveBlog(t.ctx, actor, { articleId });
      const ids: number[] = [];
      for (const [i, bodySource] of [
        'Coup d’envoi au stade Mohammed-V.',
        `But du Raja !\n\n![](media:${bodyPictureId})`,
        `La vidéo du but :\n\n${YOUTUBE}`,
      ].entries()) {
        t.clock.advance(60_000);
        ids.push(
          await postLiveEntry(t.ctx, actor, {
            articleId,
            bodySource,
            keyMoment: i === 1,
          }),
        );
      }
      await editLiveEntry(t.ctx, actor, {
        articleId,
        entryId: ids[0]!,
        bodySource: 'Coup d’envoi au stade Mohammed-V, à guichets fermés.',
      });
      const first = await api.content(key)(
        `/articles/${articleId}/live?limit=2`,
      );
      assert.equal(first.statusCode, 200, first.body);
      const page = first.json();
      assert.equal(page.state, 'live');
      assert.deepEqual(
        page.items.map((e: { id: number }) => e.id),
        [ids[2], ids[1]],
      );
      assert.deepEqual(page.items[0].embeds, [
        { url: YOUTUBE, provider: 'youtube' },
      ]);
      assert.equal(page.items[1].keyMoment, true);
      assert.match(page.items[1].html, /<picture>.*\/media\/\d+\//s);
      assert.equal(page.nextBefore, ids[1]);
      const older = (
        await api.content(key)(
          `/articles/${articleId}/live?before=${page.nextBefore}`,
        )
      ).json();
      assert.deepEqual(
        older.items.map((e: { id: number }) => e.id),
        [ids[0]],
      );
      assert.match(older.items[0].text, /guichets fermés/);
      assert.equal(older.nextBefore, null);
      const article = (
        await api.content(key)(`/articles/${articleId}?fields=liveBlog`)
      ).json();
      assert.deepEqual(article.liveBlog, {
        state: 'live',
        entriesUrl: `https://journal.example/api/v1/articles/${articleId}/live`,
      });
      const unknown = await api.content(key)(
        `/articles/${articleId}/live?page=2`,
      );
      assert.equal(unknown.statusCode, 400);
    });

    test('audience: ranks in the Content API, counts for editors’ tokens in the Admin API, refused below', async () => {
      const other = await api.admin(editorToken).post('/articles', {
        title: 'Le tirage au sort de la CAN',
        lead: 'Les poules de la Coupe d’Afrique sont connues.',
        sectionId: sportId,
        authorIds: [bylineId],
        bodySource: 'Texte.',
      });
      const otherId = other.json().id;
      const published = await api
        .admin(editorToken)
        .post(`/articles/${otherId}/publish`, {});
      assert.equal(published.statusCode, 200, published.body);
      const view = (a: number, reader: number) =>
        t.app.inject({
          method: 'POST',
          url: '/beacon',
          remoteAddress: `10.0.0.${reader}`,
          headers: {
            'content-type': 'text/plain;charset=UTF-8',
            'user-agent':
              'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
          },
          payload: JSON.stringify({ a, r: 'https://www.google.com/' }),
        });
      for (let i = 1; i <= 3; i++) await view(otherId, i);
      await view(articleId, 9);
      // Beacons are counted in memory and written in batches (audience/collector.ts).
      await t.ctx.audience.flush();

      const ranks = await api.content(key)('/most-read?section=sport');
      assert.equal(ranks.statusCode, 200, ranks.body);
      assert.deepEqual(
        ranks
          .json()
          .items.map((i: { id: number; rank: number }) => [i.id, i.rank]),
        [
          [otherId, 1],
          [articleId, 2],
        ],
      );
      assert.equal(
        'views' in ranks.json().items[0],
        false,
        'no counts for partners',
      );
      assert.equal(
        (await api.content(key)('/most-read?section=inconnue')).statusCode,
        400,
      );

      const figures = await api.admin(editorToken).get('/audience?days=1');
      assert.equal(figures.statusCode, 200, figures.body);
      const f = figures.json();
      assert.equal(f.views, 4);
      assert.deepEqual(
        f.articles.map((a: { id: number; views: number }) => [a.id, a.views]),
        [
          [otherId, 3],
          [articleId, 1],
        ],
      );
      assert.deepEqual(f.referrers, [{ kind: 'search', views: 4 }]);
      assert.deepEqual(f.sections, [{ id: sportId, name: 'Sport', views: 4 }]);
      assert.equal(
        (await api.admin(journalistToken).get('/audience')).statusCode,
        403,
      );
      assert.equal(
        (await api.admin(editorToken).get('/audience?days=31')).statusCode,
        400,
      );
    });

    test('contract: the document is valid and documents the upload; every response above matches it', async () => {
      const doc = await validOpenApi(t.app);
      const upload = doc['paths']['/api/admin/v1/pictures']['post'];
      assert.ok(upload.requestBody.content['multipart/form-data']);
      assert.ok(doc['paths']['/api/v1/articles/{id}/live']);
      assert.ok(doc['paths']['/api/v1/most-read']);
      assert.ok(doc['paths']['/api/admin/v1/audience']);
      const checked = assertContract(doc, api.exchanges);
      assert.ok(checked >= 20, `checked ${checked}`);
    });

    test('teardown', async () => {
      await t.app.close();
      await stopStorage();
    });
  },
);

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as cheerio from 'cheerio';
import sharp from 'sharp';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildSection } from '../support/factories.ts';
import { articleForm, buildUser, Client } from '../support/newsroom.ts';
import { STORAGES, storageEnv } from '../support/s3Server.ts';
import {
  htmlPolyglot,
  jpeg,
  png,
  pngBomb,
  SVG_WITH_SCRIPT,
  uploadAs,
  zipPolyglot,
} from '../support/pictures.ts';
import { findMediaById } from '../../src/db/repos/media.ts';
import { presentPicture } from '../../src/presenters/picture.ts';
import { regionOf, renditionPath } from '../../src/media/renditions.ts';

const articleIdFrom = (location: string | undefined) =>
  Number(/\/admin\/articles\/(\d+)/.exec(location ?? '')![1]);

describeEachDialect(
  'pictures: uploads, renditions, reuse, replace, delete',
  (getDb) => {
    for (const storageName of STORAGES) {
      let t: TestApp;
      let stopStorage: () => Promise<void>;
      let journalist: Client, editor: Client, contributor: Client;
      let sectionId: number;
      let authorId: number;

      const keys = async (prefix = '') => {
        const out: string[] = [];
        for await (const k of t.ctx.media.storage.list(prefix)) out.push(k);
        return out.sort();
      };
      const mediaCount = async () =>
        Number(
          (
            await t.ctx.db
              .selectFrom('media')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const uploadDirs = () =>
        readdirSync(tmpdir()).filter((d) => d.startsWith('newsdesk-upload-'))
          .length;

      before(async () => {
        const storage = await storageEnv(storageName);
        stopStorage = storage.stop;
        t = await buildTestApp(getDb(), storage.env);
        await t.ctx.db.deleteFrom('media_uses').execute();
        await t.ctx.db
          .updateTable('articles')
          .set({ cover_media_id: null })
          .execute();
        await t.ctx.db.deleteFrom('media').execute();
        sectionId = (
          await buildSection(t.ctx, {
            slug: `photos-${storageName}`,
            name: `Photos ${storageName}`,
          })
        ).id;
        const j = await buildUser(t.ctx, 'journalist');
        authorId = j.authorId;
        journalist = new Client(t.app);
        await journalist.signIn(j.email);
        editor = new Client(t.app);
        await editor.signIn((await buildUser(t.ctx, 'editor')).email);
        contributor = new Client(t.app);
        await contributor.signIn((await buildUser(t.ctx, 'contributor')).email);
      });
      after(async () => {
        await t.app.close();
        await stopStorage();
      });

      test(`[${storageName}] an upload is checked, stored and described from its XMP`, async () => {
        const res = await uploadAs(
          journalist,
          '/admin/medias',
          'port-tanger.jpg',
          await jpeg({
            xmp: {
              caption: 'Le port de Tanger Med au lever du jour',
              creator: 'Samira Alaoui',
              credit: 'MAP',
              rights: '© MAP 2026',
            },
          }),
        );
        assert.equal(res.statusCode, 201, res.body);
        const body = res.json() as {
          id: number;
          credit: string;
          caption: string;
          width: number;
        };
        assert.equal(body.credit, 'Photo : Samira Alaoui / MAP');
        assert.equal(body.caption, 'Le port de Tanger Med au lever du jour');
        assert.equal(body.width, 1600);
        const media = (await findMediaById(t.ctx.db, body.id))!;
        assert.equal(media.copyright, '© MAP 2026');
        assert.equal(media.mimeType, 'image/jpeg');
        assert.deepEqual(await keys('originals/'), [media.originalKey]);
        const event = await t.ctx.db
          .selectFrom('events')
          .select(['name', 'payload'])
          .where('name', '=', 'media.create')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow();
        assert.equal(
          (typeof event.payload === 'string'
            ? JSON.parse(event.payload)
            : event.payload
          ).mediaId,
          media.id,
        );
      });

      test(`[${storageName}] renditions are made on first request, kept, immutable, oriented and stripped of EXIF`, async () => {
        const res = await uploadAs(
          journalist,
          '/admin/medias',
          'gps-portrait.jpg',
          await jpeg({ orientation: 6, gps: true }),
        );
        assert.equal(res.statusCode, 201, res.body);
        const media = (await findMediaById(
          t.ctx.db,
          (res.json() as { id: number }).id,
        ))!;
        assert.deepEqual(
          [media.width, media.height],
          [1000, 1600],
          'EXIF orientation 6 turns the picture upright',
        );
        const view = presentPicture(media, null);
        const webp = view.sources
          .find((s) => s.type === 'image/webp')!
          .srcset.split(', ')[1]!
          .split(' ')[0]!;
        assert.match(webp, /^\/media\/\d+\/[0-9a-f]{12}-full-640\.webp$/);
        const first = await t.app.inject(webp);
        assert.equal(first.statusCode, 200);
        assert.equal(first.headers['content-type'], 'image/webp');
        assert.equal(
          first.headers['cache-control'],
          'public, max-age=31536000, immutable',
        );
        const meta = await sharp(first.rawPayload).metadata();
        assert.deepEqual(
          [meta.format, meta.width, meta.height],
          ['webp', 640, 1024],
        );
        assert.equal(
          meta.exif,
          undefined,
          'no EXIF (and so no GPS) in a rendition',
        );
        assert.equal(meta.orientation, undefined);
        assert.equal(
          (await keys(`renditions/${media.id}/`)).length,
          1,
          'kept in storage',
        );
        const second = await t.app.inject(webp);
        assert.deepEqual(second.rawPayload, first.rawPayload);
        const avif = await t.app.inject(
          renditionPath(media, '16x9', 1200, 'avif'),
        );
        assert.equal(avif.statusCode, 200);
        const crop = regionOf(media, '16x9');
        const avifMeta = await sharp(avif.rawPayload).metadata();
        assert.deepEqual(
          [avifMeta.format, avifMeta.width, avifMeta.height],
          ['heif', 1200, Math.round((1200 * crop.height) / crop.width)],
        );
        // Nothing we would not have written: unknown widths, formats or pictures are 404s.
        for (const url of [
          `/media/${media.id}/000000000000-full-641.webp`,
          `/media/${media.id}/abc.gif`,
          '/media/999999/0123456789ab-full-640.webp',
          '/media/x/y',
        ]) {
          assert.equal((await t.app.inject(url)).statusCode, 404, url);
        }
      });

      test(`[${storageName}] hostile or unsuitable files are refused in French and leave nothing behind`, async () => {
        const rows = await mediaCount();
        const stored = await keys();
        const dirs = uploadDirs();
        const big = Buffer.concat([
          await jpeg({ width: 400, height: 300 }),
          Buffer.alloc(50 * 1024 * 1024, 0x20),
        ]);
        const full = await jpeg();
        const cases: {
          name: string;
          bytes: Buffer;
          fields?: Record<string, string>;
          status: number;
          message: RegExp;
        }[] = [
          {
            name: 'vacances.jpg',
            bytes: await png(),
            status: 422,
            message: /porte l’extension \.jpg mais contient une image PNG/,
          },
          {
            name: 'coupee.jpg',
            bytes: full.subarray(0, Math.floor(full.length * 0.6)),
            status: 422,
            message: /abîmé ou incomplet/,
          },
          {
            name: 'enorme.jpg',
            bytes: big,
            status: 413,
            message: /dépasse 25 Mo/,
          },
          {
            name: 'bombe.png',
            bytes: pngBomb(),
            status: 422,
            message: /900 mégapixels .*le maximum est 60 mégapixels/,
          },
          {
            name: 'logo.svg',
            bytes: SVG_WITH_SCRIPT,
            status: 422,
            message: /SVG ne sont pas acceptées/,
          },
          {
            name: 'logo.jpg',
            bytes: SVG_WITH_SCRIPT,
            status: 422,
            message: /SVG ne sont pas acceptées/,
          },
          {
            name: 'page.jpg',
            bytes: await htmlPolyglot(),
            status: 422,
            message: /autre chose qu’une image/,
          },
          {
            name: 'archive.png',
            bytes: await zipPolyglot(),
            status: 422,
            message: /autre chose qu’une image/,
          },
          {
            name: 'texte.jpg',
            bytes: Buffer.from('Bonjour, ceci est un texte.'),
            status: 422,
            message: /pas une image que nous acceptons/,
          },
          {
            name: 'vide.jpg',
            bytes: Buffer.alloc(0),
            status: 422,
            message: /vide/,
          },
          {
            name: 'petite.jpg',
            bytes: await jpeg({ width: 800, height: 500 }),
            fields: { purpose: 'cover' },
            status: 422,
            message:
              /800 pixels de large : une image de couverture doit en faire au moins 1200/,
          },
          {
            name: 'minuscule.jpg',
            bytes: await jpeg({ width: 200, height: 150 }),
            status: 422,
            message: /au moins 320/,
          },
        ];
        for (const c of cases) {
          const res = await uploadAs(
            journalist,
            '/admin/medias',
            c.name,
            c.bytes,
            c.fields,
          );
          assert.equal(
            res.statusCode,
            c.status,
            `${c.name}: ${res.body.slice(0, 300)}`,
          );
          assert.match(
            (res.json() as { error: { message: string } }).error.message,
            c.message,
            c.name,
          );
        }
        const notMultipart = await journalist.postJson('/admin/medias', {
          file: 'x',
        });
        assert.equal(notMultipart.statusCode, 422);
        assert.equal(await mediaCount(), rows, 'no row');
        assert.deepEqual(await keys(), stored, 'no file in storage');
        assert.equal(uploadDirs(), dirs, 'no temporary file');
      });

      test(`[${storageName}] one picture is reused as a cover and in another article’s body; the pages show it with caption and credit`, async () => {
        const up = await uploadAs(
          journalist,
          '/admin/medias',
          'medina.jpg',
          await jpeg({ width: 2400, height: 1600, hue: 30 }),
        );
        const id = (up.json() as { id: number }).id;
        const media = (await findMediaById(t.ctx.db, id))!;
        const described = await journalist.post(
          `/admin/medias/${id}`,
          {
            version: String(media.version),
            alt: 'Ruelle de la médina de Fès',
            caption: 'La médina de Fès au petit matin',
            credit: 'Photo : Karim Tazi / MAP',
            copyright: 'MAP',
            usageNotes: '',
            focalX: '0.7',
            focalY: '0.4',
          },
          { csrf: await journalist.csrf(`/admin/medias/${id}`) },
        );
        assert.equal(described.statusCode, 303, described.body.slice(0, 500));
        const created = await journalist.post(
          '/admin/articles',
          articleForm({
            title:
              storageName === 'disk'
                ? 'Fès, la médina restaurée'
                : 'Tanger, la kasbah rénovée',
            sectionId: String(sectionId),
            author1: String(authorId),
            coverMediaId: String(id),
            lead:
              storageName === 'disk'
                ? 'Les artisans de Fès ont rouvert les fondouks du quartier.'
                : 'La kasbah accueille de nouveau les promeneurs après deux ans de travaux.',
            bodySource:
              storageName === 'disk'
                ? 'Les travaux ont duré trois ans et mobilisé des centaines de maâlems.'
                : 'Le chantier de Bab Boujloud a rouvert ses portes aux visiteurs venus de Meknès et de Taza.',
          }),
        );
        assert.equal(created.statusCode, 303, created.body.slice(0, 500));
        const coverArticle = articleIdFrom(created.headers.location);
        const body = await journalist.post(
          '/admin/articles',
          articleForm({
            title:
              storageName === 'disk'
                ? 'La restauration en images'
                : 'Les menuisiers de Tétouan',
            sectionId: String(sectionId),
            author1: String(authorId),
            lead:
              storageName === 'disk'
                ? 'Un reportage photographique sur les chantiers de zellige.'
                : 'Portraits d’artisans du bois dans le nord du royaume.',
            bodySource: `${storageName === 'disk' ? 'Les zelligeurs taillent chaque tesselle à la main.' : 'À Tétouan, les menuisiers sculptent le cèdre du Moyen Atlas.'}\n\n![Une ruelle](media:${id} "Une ruelle restaurée")\n\nLe chantier reprend en septembre.`,
          }),
        );
        const bodyArticle = articleIdFrom(body.headers.location);
        for (const articleId of [coverArticle, bodyArticle]) {
          const page = await editor.get(`/admin/articles/${articleId}`);
          const version = cheerio
            .load(page.body)('input[name="version"]')
            .first()
            .attr('value')!;
          const res = await editor.post(
            `/admin/articles/${articleId}/publier`,
            { version },
            { csrf: await editor.csrf(`/admin/articles/${articleId}`) },
          );
          assert.equal(
            res.statusCode,
            303,
            `publish ${articleId}: ${res.body.slice(0, 300)}`,
          );
        }
        const coverRow = await t.ctx.db
          .selectFrom('articles')
          .select(['slug', 'cover_alt', 'cover_credit', 'cover_media_id'])
          .where('id', '=', coverArticle)
          .executeTakeFirstOrThrow();
        assert.deepEqual(
          [coverRow.cover_media_id, coverRow.cover_alt, coverRow.cover_credit],
          [id, 'Ruelle de la médina de Fès', 'Photo : Karim Tazi / MAP'],
          'the cover starts with the picture’s description',
        );
        const page = cheerio.load(
          (await t.app.inject(`/articles/${coverRow.slug}`)).body,
        );
        const cover = page('figure.cover');
        assert.equal(cover.find('picture source[type="image/avif"]').length, 1);
        const img = cover.find('img');
        assert.equal(img.attr('alt'), 'Ruelle de la médina de Fès');
        assert.equal(img.attr('fetchpriority'), 'high');
        assert.ok(
          Number(img.attr('width')) > 0 && Number(img.attr('height')) > 0,
        );
        assert.match(
          cover.find('figcaption').text(),
          /La médina de Fès au petit matin/,
        );
        assert.match(
          cover.find('figcaption .credit').text(),
          /Photo : Karim Tazi \/ MAP/,
        );
        const src = img.attr('src')!;
        assert.equal((await t.app.inject(src)).statusCode, 200, src);
        const bodySlug = (
          await t.ctx.db
            .selectFrom('articles')
            .select('slug')
            .where('id', '=', bodyArticle)
            .executeTakeFirstOrThrow()
        ).slug;
        const bodyPage = cheerio.load(
          (await t.app.inject(`/articles/${bodySlug}`)).body,
        );
        const figure = bodyPage('.article-body figure');
        assert.equal(figure.find('picture img').attr('alt'), 'Une ruelle');
        assert.equal(figure.find('img').attr('loading'), 'lazy');
        assert.match(figure.find('figcaption').text(), /Une ruelle restaurée/);
        assert.match(
          figure.find('figcaption .credit').text(),
          /Karim Tazi/,
          'the library’s credit when the body gives none',
        );
        const library = cheerio.load(
          (await editor.get(`/admin/medias/${id}`)).body,
        );
        assert.equal(
          library('#uses-title').parent().find('li').length,
          2,
          'used in two articles',
        );
        const search = await editor.get('/admin/medias.json?q=medinas%20fes');
        assert.deepEqual(
          (search.json() as { items: { id: number }[] }).items.map((m) => m.id),
          [id],
          'French-aware search: « medinas fes » finds « médina de Fès »',
        );
      });

      test(`[${storageName}] replacing the file keeps every use; old renditions redirect to the new`, async () => {
        const media = await t.ctx.db
          .selectFrom('media')
          .select('id')
          .where('file_name', '=', 'medina.jpg')
          .executeTakeFirstOrThrow();
        const before = (await findMediaById(t.ctx.db, media.id))!;
        const oldUrl = renditionPath(before, '16x9', 640, 'webp');
        assert.equal((await t.app.inject(oldUrl)).statusCode, 200);
        const denied = await uploadAs(
          journalist,
          `/admin/medias/${media.id}/remplacer`,
          'autre.jpg',
          await jpeg({ width: 2000, height: 1300, hue: 300 }),
        );
        assert.equal(
          denied.statusCode,
          403,
          'journalists do not replace pictures',
        );
        const res = await uploadAs(
          editor,
          `/admin/medias/${media.id}/remplacer`,
          'medina-v2.jpg',
          await jpeg({ width: 2000, height: 1300, hue: 300 }),
        );
        assert.equal(res.statusCode, 200, res.body);
        const after = (await findMediaById(t.ctx.db, media.id))!;
        assert.notEqual(after.contentHash, before.contentHash);
        assert.equal(
          after.alt,
          'Ruelle de la médina de Fès',
          'the description stays',
        );
        assert.equal(
          (
            await t.ctx.db
              .selectFrom('media_uses')
              .select('article_id')
              .where('media_id', '=', media.id)
              .execute()
          ).length,
          2,
        );
        assert.equal(
          await t.ctx.media.storage.exists(before.originalKey),
          false,
          'the old original is gone',
        );
        const moved = await t.app.inject(oldUrl);
        assert.equal(moved.statusCode, 301);
        assert.equal(
          moved.headers.location,
          renditionPath(after, '16x9', 640, 'webp'),
        );
        assert.equal(
          (await t.app.inject(moved.headers.location!)).statusCode,
          200,
        );
      });

      test(`[${storageName}] delete: refused while used unless confirmed; an unused picture goes with all its files`, async () => {
        const used = (
          await t.ctx.db
            .selectFrom('media')
            .select('id')
            .where('file_name', '=', 'medina-v2.jpg')
            .executeTakeFirstOrThrow()
        ).id;
        const refused = await editor.post(
          `/admin/medias/${used}/supprimer`,
          {},
          { csrf: await editor.csrf(`/admin/medias/${used}`) },
        );
        assert.equal(refused.statusCode, 409);
        assert.match(refused.body, /utilisée par des articles/);
        assert.ok(await findMediaById(t.ctx.db, used));
        const up = await uploadAs(
          contributor,
          '/admin/medias',
          'inutile.jpg',
          await jpeg({ width: 1300, height: 900 }),
        );
        assert.equal(up.statusCode, 201, 'contributors upload');
        const unused = (up.json() as { id: number }).id;
        const m = (await findMediaById(t.ctx.db, unused))!;
        await t.app.inject(renditionPath(m, '1x1', 320, 'jpeg'));
        assert.equal((await keys(`renditions/${unused}/`)).length, 1);
        const forbidden = await contributor.post(
          `/admin/medias/${unused}/supprimer`,
          {},
          { csrf: await contributor.csrf(`/admin/medias/${unused}`) },
        );
        assert.equal(forbidden.statusCode, 403, 'contributors do not delete');
        const gone = await editor.post(
          `/admin/medias/${unused}/supprimer`,
          {},
          { csrf: await editor.csrf(`/admin/medias/${unused}`) },
        );
        assert.equal(gone.statusCode, 303);
        assert.equal(await findMediaById(t.ctx.db, unused), null);
        assert.deepEqual(await keys(`renditions/${unused}/`), []);
        assert.equal(await t.ctx.media.storage.exists(m.originalKey), false);
        const confirmed = await editor.post(
          `/admin/medias/${used}/supprimer`,
          { confirmUses: '1' },
          { csrf: await editor.csrf(`/admin/medias/${used}`) },
        );
        assert.equal(confirmed.statusCode, 303);
        const covers = await t.ctx.db
          .selectFrom('articles')
          .select('id')
          .where('cover_media_id', '=', used)
          .execute();
        assert.deepEqual(covers, [], 'taken off the covers');
      });

      test(`[${storageName}] a cover without alternative text is not published; the message sits by the field`, async () => {
        const up = await uploadAs(
          journalist,
          '/admin/medias',
          'sans-alt.jpg',
          await jpeg({ width: 1600, height: 900 }),
        );
        const id = (up.json() as { id: number }).id;
        const created = await journalist.post(
          '/admin/articles',
          articleForm({
            title: `Sans texte alternatif ${storageName}`,
            sectionId: String(sectionId),
            author1: String(authorId),
            coverMediaId: String(id),
            lead: `Un article sur les oliviers de Ouezzane ${storageName}.`,
            bodySource: 'La récolte commence en novembre dans le Rif.',
          }),
        );
        assert.equal(created.statusCode, 303, 'a draft saves without it');
        const articleId = articleIdFrom(created.headers.location);
        const page = await editor.get(`/admin/articles/${articleId}`);
        const version = cheerio
          .load(page.body)('input[name="version"]')
          .first()
          .attr('value')!;
        const res = await editor.post(
          `/admin/articles/${articleId}/publier`,
          { version },
          { csrf: await editor.csrf(`/admin/articles/${articleId}`) },
        );
        assert.equal(res.statusCode, 400);
        const $ = cheerio.load(res.body);
        assert.match($('#f-coverAlt-error').text(), /Décrivez l’image/);
        assert.equal(
          (
            await t.ctx.db
              .selectFrom('articles')
              .select('status')
              .where('id', '=', articleId)
              .executeTakeFirstOrThrow()
          ).status,
          'draft',
        );
      });
    }
  },
);

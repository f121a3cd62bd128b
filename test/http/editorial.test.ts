import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildArticle, buildSection } from '../support/factories.ts';
import { articleForm, buildUser, Client } from '../support/newsroom.ts';
import { sharedFile, SHARED_MISSING } from '../support/shared.ts';
import { insertTag } from '../../src/db/repos/taxonomy.ts';
import { addTagAlias } from '../../src/db/repos/tagAliases.ts';
import { writeSetting } from '../../src/db/repos/settings.ts';
import { findArticleById } from '../../src/db/repos/articles.ts';
import { fromJson } from '../../src/db/schema.ts';
import { reindexAll } from '../../src/editorial/reindexAll.ts';
import {
  LE_POINT_DAY_1,
  LE_POINT_DAY_2,
  REWRITE_A,
  REWRITE_B,
} from '../fixtures/editorialTexts.ts';

const idFrom = (location: unknown) =>
  Number(/\/admin\/articles\/(\d+)/.exec(String(location))![1]);
const DAY = 86_400_000;
const seedPath = sharedFile('seed/seed-page.txt');
const corpusPath = sharedFile('data/fr-news/orangesum_fr_news.dev.jsonl');

describeEachDialect(
  'editorial tools: duplicate guard, entity tags, section suggestions',
  (getDb) => {
    let t: TestApp;
    let economie: { id: number }, sport: { id: number };
    let editor: Client, journalist: Client, admin: Client;
    let journalistUser: Awaited<ReturnType<typeof buildUser>>,
      editorUser: Awaited<ReturnType<typeof buildUser>>;

    /** A draft written through the editor, as a member would (signed: what is published has a byline). */
    const write = async (
      c: Client,
      fields: {
        title: string;
        lead?: string;
        body?: string;
        sectionId?: number;
        tags?: string;
      },
    ) => {
      const res = await c.post(
        '/admin/articles',
        articleForm({
          title: fields.title,
          lead: fields.lead ?? '',
          bodySource: fields.body ?? '',
          sectionId: String(fields.sectionId ?? economie.id),
          tags: fields.tags ?? '',
          author1: String(journalistUser.authorId),
        }),
        { csrf: await c.csrf('/admin/articles/nouveau') },
      );
      assert.equal(res.statusCode, 303, res.body.slice(0, 300));
      return idFrom(res.headers.location);
    };
    const editorPage = async (c: Client, id: number) =>
      cheerio.load((await c.get(`/admin/articles/${id}`)).body);
    const versionOf = async (id: number) =>
      String((await findArticleById(t.ctx.db, id))!.version);
    const publish = async (
      c: Client,
      id: number,
      extra: Record<string, string> = {},
    ) =>
      c.post(
        `/admin/articles/${id}/publier`,
        { version: await versionOf(id), ...extra },
        { csrf: await c.csrf(`/admin/articles/${id}`) },
      );

    test('setup', async () => {
      t = await buildTestApp(getDb());
      economie = await buildSection(t.ctx, {
        slug: 'economie',
        name: 'Économie',
      });
      sport = await buildSection(t.ctx, { slug: 'sport', name: 'Sport' });
      journalistUser = await buildUser(t.ctx, 'journalist', {
        name: 'Samir Journaliste',
      });
      editorUser = await buildUser(t.ctx, 'editor', { name: 'Nadia Éditrice' });
      const adminUser = await buildUser(t.ctx, 'admin');
      [editor, journalist, admin] = [
        new Client(t.app),
        new Client(t.app),
        new Client(t.app),
      ];
      await editor.signIn(editorUser.email);
      await journalist.signIn(journalistUser.email);
      await admin.signIn(adminUser.email);
      await writeSetting(
        t.ctx.db,
        'journalistsCanPublish',
        true,
        t.clock.now(),
      );
    });

    test('a rewrite of a published story: « Doublon probable » with the other article, a score and why', async () => {
      const original = await buildArticle(t.ctx, {
        ...REWRITE_A,
        bodySource: REWRITE_A.body,
        sectionId: economie.id,
        publishedAt: new Date(t.clock.now().getTime() - 3 * 3_600_000),
      });
      const id = await write(journalist, REWRITE_B);
      const $ = await editorPage(journalist, id);
      const warning = $('.duplicate-warning');
      assert.equal(warning.find('h2').text(), 'Doublon probable');
      assert.equal(
        warning.find(`a[href="/admin/articles/${original.id}"]`).first().text(),
        REWRITE_A.title,
      );
      assert.match(warning.text(), /Publié/);
      assert.match(warning.text(), /Similarité \d+ %/);
      assert.match(warning.text(), /mots communs : .*(moumen|tramway)/i);
      assert.match(warning.text(), /cités dans les deux : .*Sidi Moumen/);
      // Why, for the journalist: the time gap, the deciding signal, the matching passages side by side.
      assert.match(
        warning.text(),
        /publié (le même jour|1 jour plus tôt) · décidé par : (des passages repris|les mêmes noms|le même titre|le même sujet)/,
      );
      const pair = warning.find('.passage-pair').first();
      assert.equal(pair.find('blockquote.passage').length, 2);
      assert.ok(
        pair.find('blockquote.passage').eq(0).find('mark').length >= 2 &&
          pair.find('blockquote.passage').eq(1).find('mark').length >= 2,
        pair.html() ?? '',
      );
      assert.equal(
        $('input[name="publierQuandMeme"]').length,
        0,
        'a journalist is not offered the override',
      );
    });

    test('publishing a likely duplicate: 409 with the editor page and nothing lost; only an editor overrides, and the audit log says so', async () => {
      const original = await buildArticle(t.ctx, {
        title: 'Grève des bus à Rabat lundi',
        lead: 'Les chauffeurs de la société de transport cesseront le travail 24 heures pour leurs salaires.',
        bodySource:
          'Le syndicat dénonce des horaires trop lourds. Un service minimum est promis sur les lignes 2, 7 et 32.',
        sectionId: economie.id,
      });
      const id = await write(journalist, {
        title: 'Rabat : les bus à l’arrêt lundi',
        lead: 'Grève de 24 heures des chauffeurs de la société de transport, qui réclament de meilleurs salaires.',
        body: 'Service minimum promis sur les lignes 2, 7 et 32 ; le syndicat dénonce des horaires trop lourds.',
      });
      const refused = await publish(journalist, id);
      assert.equal(refused.statusCode, 409);
      const $ = cheerio.load(refused.body);
      assert.match($('.flash-error').text(), /doublon probable/);
      assert.equal(
        $('#f-title').attr('value'),
        'Rabat : les bus à l’arrêt lundi',
        'the form is still there',
      );
      assert.equal($('.duplicate-warning').length, 1);
      assert.equal((await findArticleById(t.ctx.db, id))!.status, 'draft');
      assert.equal(
        (await publish(journalist, id, { publierQuandMeme: '1' })).statusCode,
        403,
        'journalists may publish, but not over the guard',
      );
      assert.equal((await findArticleById(t.ctx.db, id))!.status, 'draft');

      const page = await editorPage(editor, id);
      assert.equal(
        page('form[action$="/publier"] input[name="publierQuandMeme"]').length,
        1,
        'the editor sees « Publier quand même »',
      );
      assert.equal(
        (await publish(editor, id)).statusCode,
        409,
        'not without ticking it',
      );
      const done = await publish(editor, id, { publierQuandMeme: '1' });
      assert.equal(done.statusCode, 303);
      assert.equal((await findArticleById(t.ctx.db, id))!.status, 'published');
      const event = await t.ctx.db
        .selectFrom('events')
        .select(['payload', 'actor_id'])
        .where('article_id', '=', id)
        .where('name', '=', 'articles.publish')
        .executeTakeFirstOrThrow();
      const payload = fromJson<{
        duplicateOverride: { of: number; score: number };
      }>(event.payload);
      assert.equal(payload.duplicateOverride.of, original.id);
      assert.ok(
        payload.duplicateOverride.score >= 0.35 &&
          payload.duplicateOverride.score <= 1,
      );
      assert.equal(event.actor_id, editorUser.id);
      const audit = cheerio.load((await admin.get('/admin/journal')).body);
      assert.match(
        audit('tbody').text(),
        new RegExp(
          `a publié malgré un doublon probable \\(article ${original.id}, similarité \\d+ %\\)`,
        ),
      );
    });

    test('the seed’s KFC pair (headlines only) is flagged', {
      skip: seedPath ? false : SHARED_MISSING,
    }, async () => {
      const [late, early] = [
        ...readFileSync(seedPath!, 'utf8').matchAll(
          /^- \d{2}:\d{2}(KFC Maroc.*)$/gm,
        ),
      ].map((m) => m[1]!);
      const first = await buildArticle(t.ctx, {
        title: early!,
        lead: '',
        bodySource: '',
        sectionId: economie.id,
        publishedAt: new Date(t.clock.now().getTime() - 2 * 3_600_000),
      });
      const id = await write(editor, { title: late! });
      const $ = await editorPage(editor, id);
      assert.equal(
        $('.duplicate-warning')
          .find(`a[href="/admin/articles/${first.id}"]`)
          .first()
          .text(),
        early,
      );
    });

    test('two daily « le point » updates on different days are not flagged, and publish without an override', async () => {
      await buildArticle(t.ctx, {
        ...LE_POINT_DAY_1,
        bodySource: LE_POINT_DAY_1.body,
        sectionId: economie.id,
        publishedAt: new Date(t.clock.now().getTime() - DAY),
      });
      const id = await write(editor, LE_POINT_DAY_2);
      assert.equal(
        (await editorPage(editor, id))('.duplicate-warning').length,
        0,
      );
      assert.equal((await publish(editor, id)).statusCode, 303);
    });

    test('the corpus’s « Coronavirus : le point sur la pandémie » of 6 and 27 September, a day apart here, are not flagged', {
      skip: corpusPath ? false : SHARED_MISSING,
    }, async () => {
      const wanted = new Map<
        number,
        { title: string; heading: string; article: string }
      >();
      for (const line of readFileSync(corpusPath!, 'utf8').split('\n')) {
        if (
          !line.startsWith('{"id": 32475,') &&
          !line.startsWith('{"id": 31401,')
        )
          continue;
        const a = JSON.parse(line) as {
          id: number;
          title: string;
          heading: string;
          article: string;
        };
        wanted.set(a.id, a);
      }
      const [older, newer] = [wanted.get(32475)!, wanted.get(31401)!];
      await buildArticle(t.ctx, {
        title: older.title,
        lead: older.heading,
        bodySource: older.article,
        sectionId: economie.id,
        publishedAt: new Date(t.clock.now().getTime() - DAY),
      });
      const id = await write(editor, {
        title: newer.title,
        lead: newer.heading,
        body: newer.article,
      });
      assert.equal(
        (await editorPage(editor, id))('.duplicate-warning').length,
        0,
      );
    });

    test('the window: a copy of a story older than the window is not flagged; widening the window finds it', async () => {
      const old = await buildArticle(t.ctx, {
        title: 'Le port de Nador Ouest Med reçoit son premier navire',
        lead: 'Un porte-conteneurs de 300 mètres a accosté jeudi au nouveau port.',
        bodySource:
          'Le port, construit en huit ans, doit traiter trois millions de conteneurs par an.',
        sectionId: economie.id,
        publishedAt: new Date(t.clock.now().getTime() - 10 * DAY),
      });
      const id = await write(editor, {
        title: old.title,
        lead: old.lead,
        body: old.bodySource,
      });
      assert.equal(
        (await editorPage(editor, id))('.duplicate-warning').length,
        0,
      );
      await writeSetting(t.ctx.db, 'duplicateWindowDays', 14, t.clock.now());
      const $ = await editorPage(editor, id);
      assert.match($('.duplicate-warning').text(), /texte identique/);
      await writeSetting(t.ctx.db, 'duplicateWindowDays', 7, t.clock.now());
    });

    test('entities: suggested as tags, matched to existing tags and aliases; an accepted one becomes a person page', async () => {
      const chine = await insertTag(
        t.ctx.db,
        { slug: 'chine', name: 'Chine', kind: 'place' },
        t.clock.now(),
      );
      const bam = await insertTag(
        t.ctx.db,
        {
          slug: 'bank-al-maghrib',
          name: 'Bank Al-Maghrib',
          kind: 'organisation',
        },
        t.clock.now(),
      );
      await addTagAlias(t.ctx.db, bam, 'BAM', 'bam');
      const id = await write(editor, {
        title: 'Nasser Bourita en visite en Chine pour parler batteries',
        lead: 'Le chef de la diplomatie a rencontré les dirigeants de CATL et de BYD, selon BAM.',
        body: 'La Chine et le Japon investissent au Maroc. Nasser Bourita a rappelé que BYD envisage deux usines.',
      });
      const $ = await editorPage(editor, id);
      const chips = $('button[data-add-tag]')
        .map((_, b) => $(b).attr('data-add-tag'))
        .get();
      for (const name of [
        'Nasser Bourita',
        'Chine',
        'CATL',
        'BYD',
        'Japon',
        'Bank Al-Maghrib',
      ])
        assert.ok(chips.includes(name), `${name} in ${chips.join(', ')}`);
      assert.match(
        $('button[data-add-tag="Chine"]').text(),
        /lieu, sujet existant/,
      );
      assert.match(
        $('button[data-add-tag="Bank Al-Maghrib"]').text(),
        /organisation, sujet existant/,
        'found through its alias « BAM »',
      );
      assert.match(
        $('button[data-add-tag="Nasser Bourita"]').text(),
        /personne, nouveau sujet/,
      );
      assert.ok(chine > 0);

      const saved = await editor.post(
        `/admin/articles/${id}`,
        articleForm({
          title: 'Nasser Bourita en visite en Chine pour parler batteries',
          lead: 'Le chef de la diplomatie a rencontré les dirigeants de CATL et de BYD, selon BAM.',
          bodySource:
            'La Chine et le Japon investissent au Maroc. Nasser Bourita a rappelé que BYD envisage deux usines.',
          sectionId: String(economie.id),
          tags: 'Nasser Bourita, Chine, BAM',
          author1: String(journalistUser.authorId),
          version: await versionOf(id),
        }),
        { csrf: await editor.csrf(`/admin/articles/${id}`) },
      );
      assert.equal(saved.statusCode, 303);
      const tags = await t.ctx.db
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select(['tags.name', 'tags.kind'])
        .where('article_tags.article_id', '=', id)
        .orderBy('tags.name')
        .execute();
      assert.deepEqual(
        tags.map((r) => ({ name: r.name, kind: r.kind })),
        [
          { name: 'Bank Al-Maghrib', kind: 'organisation' },
          { name: 'Chine', kind: 'place' },
          { name: 'Nasser Bourita', kind: 'person' },
        ],
      );
      assert.equal(
        (await editorPage(editor, id))('button[data-add-tag="Nasser Bourita"]')
          .length,
        0,
        'an accepted tag is not suggested again',
      );
      assert.equal((await publish(editor, id)).statusCode, 303);
      const page = cheerio.load(
        (await t.app.inject('/sujet/nasser-bourita')).body,
      );
      assert.equal(page('.listing-header .kicker').text(), 'Personnalité');
      assert.match(
        page('.listing').text(),
        /Nasser Bourita en visite en Chine/,
      );
    });

    test('section suggestion: learnt from published articles, shown with its confidence and words; follows unpublishing', async () => {
      const sportTexts = [
        'Le Wydad remporte le derby face au Raja',
        'Les Lions de l’Atlas battent le Gabon en match amical',
        'Le Raja qualifié en Ligue des champions africaine',
        'Botola : le FUS Rabat s’impose à domicile',
      ];
      const ecoTexts = [
        'La Bourse de Casablanca termine en hausse',
        'L’inflation ralentit à 2 % selon le HCP',
        'Bank Al-Maghrib maintient son taux directeur',
        'Les exportations de phosphate progressent',
      ];
      const sportIds: number[] = [];
      for (const [i, title] of sportTexts.entries())
        sportIds.push(
          (
            await buildArticle(t.ctx, {
              title,
              lead: `Match de championnat, but à la ${80 + i}e minute, entraîneur et supporters au stade.`,
              bodySource:
                'Le club a dominé la rencontre ; le gardien, l’attaquant et l’entraîneur saluent les supporters du stade après le match et le but.',
              sectionId: sport.id,
            })
          ).id,
        );
      for (const title of ecoTexts)
        await buildArticle(t.ctx, {
          title,
          lead: 'Les marchés, la banque centrale et les entreprises suivent l’inflation, les taux et les exportations.',
          bodySource:
            'Les investisseurs et les banques observent la croissance, le dirham, les prix et le budget de l’État.',
          sectionId: economie.id,
        });
      const id = await write(editor, {
        title: 'Le Wydad recrute un nouvel attaquant',
        lead: 'Le club présentera son attaquant aux supporters avant le match de samedi au stade.',
        body: 'L’entraîneur compte sur lui pour marquer des buts dès le prochain match de championnat.',
        sectionId: economie.id,
      });
      const $ = await editorPage(editor, id);
      const button = $('button[data-set-section]');
      assert.equal(button.attr('data-set-section'), String(sport.id));
      assert.equal(button.text(), 'Sport');
      assert.match(button.parent().text(), /confiance \d+ %.*mots : /s);
      const before = await t.ctx.db
        .selectFrom('editorial_sections')
        .select('docs')
        .where('section_id', '=', sport.id)
        .executeTakeFirstOrThrow();
      const unpublished = await editor.post(
        `/admin/articles/${sportIds[0]}/depublier`,
        { version: await versionOf(sportIds[0]!) },
        { csrf: await editor.csrf(`/admin/articles/${sportIds[0]}`) },
      );
      assert.equal(unpublished.statusCode, 303);
      const after = await t.ctx.db
        .selectFrom('editorial_sections')
        .select('docs')
        .where('section_id', '=', sport.id)
        .executeTakeFirstOrThrow();
      assert.equal(
        Number(after.docs),
        Number(before.docs) - 1,
        'the model forgets a withdrawn article',
      );
    });

    test('the index follows events: trash removes an article from it, restore brings it back', async () => {
      const id = await write(editor, {
        title: 'Un festival de jazz à Tanger en octobre',
        lead: 'Vingt concerts sur la corniche.',
      });
      const count = async () =>
        Number(
          (
            await t.ctx.db
              .selectFrom('editorial_postings')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('article_id', '=', id)
              .executeTakeFirstOrThrow()
          ).n,
        );
      assert.ok((await count()) > 3);
      await editor.post(
        `/admin/articles/${id}/corbeille`,
        { version: await versionOf(id) },
        { csrf: await editor.csrf(`/admin/articles/${id}`) },
      );
      assert.equal(await count(), 0);
      assert.equal(
        await t.ctx.db
          .selectFrom('editorial_signatures')
          .select('article_id')
          .where('article_id', '=', id)
          .executeTakeFirst(),
        undefined,
      );
      await editor.post(
        `/admin/articles/${id}/restaurer`,
        { version: await versionOf(id) },
        { csrf: await editor.csrf(`/admin/articles/${id}`) },
      );
      assert.ok((await count()) > 3);
    });

    test('« À lire aussi » shows articles on the same subject, newest first', async () => {
      const base = {
        lead: 'Le roi a inauguré la nouvelle station de dessalement d’eau de mer de Dakhla, qui alimentera la ville et ses cultures.',
        sectionId: sport.id,
      };
      const older = await buildArticle(t.ctx, {
        ...base,
        title: 'Dakhla : la station de dessalement en chantier',
        bodySource:
          'Les travaux de la station de dessalement de Dakhla avancent ; l’eau de mer servira aussi à irriguer 5 000 hectares.',
        publishedAt: new Date(t.clock.now().getTime() - 20 * DAY),
      });
      const newer = await buildArticle(t.ctx, {
        ...base,
        title: 'Dessalement : Dakhla irrigue ses premières cultures',
        bodySource:
          'Grâce à la station de dessalement, les premières parcelles de Dakhla reçoivent l’eau de mer traitée ; 5 000 hectares sont prévus.',
        publishedAt: new Date(t.clock.now().getTime() - 2 * DAY),
      });
      const main = await buildArticle(t.ctx, {
        ...base,
        title: 'Dakhla inaugure sa station de dessalement',
        bodySource:
          'La station de dessalement de Dakhla produira de l’eau potable et irriguera 5 000 hectares de cultures.',
        publishedAt: new Date(t.clock.now().getTime() - 3_600_000),
      });
      const $ = cheerio.load(
        (await t.app.inject(`/articles/${main.slug}`)).body,
      );
      const titles = $('.related .teaser-title')
        .map((_, e) => $(e).text())
        .get();
      // As readers get them: U+00A0 before « : » (French typography on output).
      assert.deepEqual(
        titles.slice(0, 2),
        [newer.title, older.title].map((t) => t.replace(' :', '\u00A0:')),
      );
    });

    test('switchable per site: with the tools off, no warning, no suggestion, no override needed', async () => {
      await buildArticle(t.ctx, {
        title: 'Le salon de l’automobile ouvre à Casablanca',
        lead: 'Quarante marques exposent jusqu’à dimanche.',
        bodySource:
          'Les constructeurs présentent leurs modèles électriques au parc des expositions.',
        sectionId: economie.id,
      });
      const id = await write(editor, {
        title: 'Casablanca : ouverture du salon de l’automobile',
        lead: 'Jusqu’à dimanche, quarante marques exposent.',
        body: 'Modèles électriques à l’honneur au parc des expositions, chez tous les constructeurs.',
      });
      assert.equal(
        (await editorPage(editor, id))('.duplicate-warning').length,
        1,
      );
      const off = await admin.post(
        '/admin/reglages',
        { duplicateWindowDays: '7' },
        { csrf: await admin.csrf('/admin/reglages') },
      );
      assert.equal(off.statusCode, 200);
      const $ = await editorPage(editor, id);
      assert.equal($('.duplicate-warning').length, 0);
      assert.equal($('.suggestions').length, 0);
      assert.equal(
        $('.passages').length + $('mark').length,
        0,
        'no explanation either',
      );
      assert.equal((await publish(editor, id)).statusCode, 303);
      const bad = await admin.post(
        '/admin/reglages',
        { duplicateGuard: '1', duplicateWindowDays: '0' },
        { csrf: await admin.csrf('/admin/reglages') },
      );
      assert.equal(bad.statusCode, 400);
      assert.match(bad.body, /Indiquez un nombre de jours entre 1 et 90/);
      const on = await admin.post(
        '/admin/reglages',
        {
          duplicateGuard: '1',
          entitySuggestions: '1',
          sectionSuggestions: '1',
          journalistsCanPublish: '1',
          duplicateWindowDays: '7',
        },
        { csrf: await admin.csrf('/admin/reglages') },
      );
      assert.equal(on.statusCode, 200);
      assert.equal(
        cheerio.load(on.body)('#f-duplicateGuard').attr('checked'),
        'checked',
      );
    });

    test('the counts kept event by event equal a rebuild from scratch (`newsdesk reindex`)', async () => {
      const snapshot = async () => ({
        sections: (
          await t.ctx.db
            .selectFrom('editorial_sections')
            .select(['section_id', 'docs', 'terms'])
            .where('docs', '<>', 0)
            .orderBy('section_id')
            .execute()
        ).map((r) => `${r.section_id}:${r.docs}:${r.terms}`),
        terms: (
          await t.ctx.db
            .selectFrom('editorial_terms')
            .select(['term', 'section_id', 'docs'])
            .where('docs', '<>', 0)
            .orderBy('term')
            .orderBy('section_id')
            .execute()
        ).map((r) => `${r.term}:${r.section_id}:${r.docs}`),
        postings: Number(
          (
            await t.ctx.db
              .selectFrom('editorial_postings')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
        signatures: (
          await t.ctx.db
            .selectFrom('editorial_signatures')
            .select('article_id')
            .orderBy('article_id')
            .execute()
        ).map((r) => r.article_id),
      });
      const kept = await snapshot();
      assert.ok(kept.terms.length > 50 && kept.signatures.length > 10);
      for (const table of [
        'editorial_postings',
        'editorial_signatures',
        'editorial_terms',
        'editorial_sections',
      ] as const)
        await t.ctx.db.deleteFrom(table).execute();
      assert.equal(
        await reindexAll(t.ctx.db, () => t.clock.now()),
        Number(
          (
            await t.ctx.db
              .selectFrom('articles')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      );
      const rebuilt = await snapshot();
      assert.deepEqual(rebuilt.sections, kept.sections);
      assert.deepEqual(rebuilt.signatures, kept.signatures);
      assert.equal(rebuilt.terms.length, kept.terms.length);
      assert.deepEqual(rebuilt.terms, kept.terms);
    });

    test('teardown', async () => {
      await t.app.close();
    });
  },
);

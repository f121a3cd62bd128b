import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildSection } from '../support/factories.ts';
import {
  articleForm,
  buildUser,
  Client,
  PASSWORD,
} from '../support/newsroom.ts';
import { issueOneTimeLink } from '../../src/commands/accounts/tokens.ts';
import { findArticleById } from '../../src/db/repos/articles.ts';
import { publishDueArticles } from '../../src/jobs/scheduler.ts';
import { toFrenchFields, toZonedLocal } from '../../src/domain/frenchDates.ts';

const articleIdFrom = (location: string | undefined) =>
  Number(/\/admin\/articles\/(\d+)/.exec(location ?? '')![1]);

describeEachDialect('newsroom: accounts and editorial workflow', (getDb) => {
  let t: TestApp;
  let politique: { id: number };
  let journalist: Awaited<ReturnType<typeof buildUser>>;
  let editor: Awaited<ReturnType<typeof buildUser>>;

  test('setup: first run creates the owner through the one-time link only', async () => {
    t = await buildTestApp(getDb());
    const anonymous = new Client(t.app);
    assert.equal(
      (await anonymous.get('/admin/setup?token=faux-jeton-de-test')).statusCode,
      404,
    );
    const link = await issueOneTimeLink(
      t.ctx.db,
      'https://journal.example',
      'setup',
      null,
      t.clock.now(),
    );
    const path = link.replace('https://journal.example', '');
    const page = await anonymous.get(path);
    assert.equal(page.statusCode, 200);
    const token = new URL(link).searchParams.get('token')!;
    const weak = await anonymous.post(
      '/admin/setup',
      {
        token,
        email: 'patron@journal.example',
        displayName: 'La Patronne',
        password: 'court',
      },
      { csrf: await anonymous.csrf(path) },
    );
    assert.equal(weak.statusCode, 400);
    assert.match(weak.body, /au moins 10 caractères/);
    assert.match(
      weak.body,
      /value="patron@journal.example"/,
      'what was typed is kept',
    );
    const ok = await anonymous.post(
      '/admin/setup',
      {
        token,
        email: 'patron@journal.example',
        displayName: 'La Patronne',
        password: PASSWORD,
      },
      { csrf: await anonymous.csrf(path) },
    );
    assert.equal(ok.statusCode, 303);
    const again = await anonymous.post(
      '/admin/setup',
      {
        token,
        email: 'autre@journal.example',
        displayName: 'Autre',
        password: PASSWORD,
      },
      { csrf: await anonymous.csrf('/admin/connexion') },
    );
    assert.equal(
      again.statusCode,
      403,
      'the link works once, and only while no account exists',
    );
    const owner = new Client(t.app);
    assert.equal(
      (await owner.signIn('patron@journal.example')).statusCode,
      303,
    );
    assert.equal((await owner.get('/admin')).statusCode, 200);
    politique = await buildSection(t.ctx, {
      slug: 'politique',
      name: 'Politique',
    });
    journalist = await buildUser(t.ctx, 'journalist', {
      name: 'Samir Journaliste',
    });
    editor = await buildUser(t.ctx, 'editor', { name: 'Nadia Éditrice' });
  });

  test('sessions: HttpOnly SameSite=Lax cookie, stored hashed; logout ends it; forms need CSRF', async () => {
    const c = new Client(t.app);
    const res = await c.signIn(journalist.email);
    const cookie = res.cookies.find((k) => k.name === 'nd_session')!;
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.secure, true, 'the site URL is https');
    const stored = await t.ctx.db
      .selectFrom('sessions')
      .select('token_hash')
      .execute();
    assert.ok(
      stored.every(
        (s) =>
          s.token_hash !== cookie.value && /^[0-9a-f]{64}$/.test(s.token_hash),
      ),
    );
    const noCsrf = await c.post(
      '/admin/articles',
      articleForm({ title: 'Sans jeton' }),
      { csrf: false },
    );
    assert.equal(noCsrf.statusCode, 403);
    assert.match(noCsrf.body, /formulaire a expiré/);
    await c.post('/admin/deconnexion', {}, { csrf: await c.csrf('/admin') });
    assert.equal(
      (await c.get('/admin')).statusCode,
      303,
      'signed out: sent to the login page',
    );
  });

  test('login failures are limited per account, with a French message', async () => {
    const victim = await buildUser(t.ctx, 'journalist');
    const c = new Client(t.app);
    for (let i = 0; i < 5; i++)
      assert.equal(
        (await c.signIn(victim.email, 'mauvais mot de passe')).statusCode,
        401,
      );
    const blocked = await c.signIn(victim.email, PASSWORD);
    assert.equal(blocked.statusCode, 429);
    assert.match(blocked.body, /Trop de tentatives de connexion/);
    t.clock.advance(16 * 60_000);
    assert.equal(
      (await c.signIn(victim.email, PASSWORD)).statusCode,
      303,
      'the window passes',
    );
  });

  test('a journalist writes and submits; an editor publishes; it tops the fil info and the section page', async () => {
    const j = new Client(t.app);
    await j.signIn(journalist.email);
    const invalid = await j.post(
      '/admin/articles',
      articleForm({
        title: '',
        lead: 'Mon chapô tapé',
        sectionId: String(politique.id),
      }),
      { csrf: await j.csrf('/admin/articles/nouveau') },
    );
    assert.equal(invalid.statusCode, 400);
    assert.match(invalid.body, /Le titre est obligatoire/);
    assert.match(invalid.body, /Mon chapô tapé/, 'nothing typed is lost');
    const created = await j.post(
      '/admin/articles',
      articleForm({
        title: 'Le Parlement adopte la loi de finances',
        sectionId: String(politique.id),
        author1: String(journalist.authorId),
        tags: 'Budget, Parlement',
      }),
      { csrf: await j.csrf('/admin/articles/nouveau') },
    );
    assert.equal(created.statusCode, 303);
    const id = articleIdFrom(created.headers.location as string);
    const editorPage = await j.get(`/admin/articles/${id}`);
    const version = cheerio
      .load(editorPage.body)('#editor-form input[name="version"]')
      .attr('value')!;
    assert.equal(
      (
        await j.post(
          `/admin/articles/${id}/publier`,
          { version },
          { csrf: await j.csrf(`/admin/articles/${id}`) },
        )
      ).statusCode,
      403,
      'journalists cannot publish by default',
    );
    assert.equal(
      (
        await j.post(
          `/admin/articles/${id}/soumettre`,
          { version },
          { csrf: await j.csrf(`/admin/articles/${id}`) },
        )
      ).statusCode,
      303,
    );
    assert.equal((await findArticleById(t.ctx.db, id))!.status, 'review');

    const e = new Client(t.app);
    await e.signIn(editor.email);
    const dashboard = cheerio.load((await e.get('/admin')).body);
    assert.match(
      dashboard('#review').parent().text(),
      /Le Parlement adopte la loi de finances/,
    );
    const v2 = cheerio
      .load((await e.get(`/admin/articles/${id}`)).body)(
        '#editor-form input[name="version"]',
      )
      .attr('value')!;
    assert.equal(
      (
        await e.post(
          `/admin/articles/${id}/publier`,
          { version: v2 },
          { csrf: await e.csrf(`/admin/articles/${id}`) },
        )
      ).statusCode,
      303,
    );
    const home = cheerio.load((await t.app.inject('/')).body);
    assert.equal(
      home('.home-fil .fil-list a').first().text(),
      'Le Parlement adopte la loi de finances',
    );
    const section = cheerio.load(
      (await t.app.inject('/rubrique/politique')).body,
    );
    assert.equal(
      section('.listing-item .teaser-title').first().text(),
      'Le Parlement adopte la loi de finances',
    );
    const events = await t.ctx.db
      .selectFrom('events')
      .select(['name', 'actor_id'])
      .where('article_id', '=', id)
      .orderBy('id')
      .execute();
    assert.deepEqual(
      events.map((ev) => ev.name),
      ['articles.create', 'articles.submit', 'articles.publish'],
    );
    assert.equal(events.at(-1)!.actor_id, editor.id);
  });

  test('newsroom search: French full text over drafts, within what each member may see', async () => {
    const j = new Client(t.app);
    await j.signIn(journalist.email);
    await j.post(
      '/admin/articles',
      articleForm({
        title: 'Les partenariats stratégiques du port de Tanger',
        sectionId: String(politique.id),
        bodySource: 'Brouillon confidentiel.',
      }),
      { csrf: await j.csrf('/admin/articles/nouveau') },
    );
    const e = new Client(t.app);
    await e.signIn(editor.email);
    const found = cheerio.load(
      (await e.get('/admin?q=partenariat%20strategique')).body,
    );
    assert.match(
      found('#results').parent().text(),
      /Les partenariats stratégiques du port de Tanger/,
      'unaccented, singular: the draft is found',
    );
    assert.match(found('#results').parent().text(), /Brouillon/);
    const contributor = await buildUser(t.ctx, 'contributor');
    const c = new Client(t.app);
    await c.signIn(contributor.email);
    const hidden = cheerio.load(
      (await c.get('/admin?q=partenariat%20strategique')).body,
    );
    assert.doesNotMatch(
      hidden('main').text(),
      /port de Tanger/,
      'a contributor finds only their own work',
    );
    const hostile = await e.get(
      `/admin?q=${encodeURIComponent('" OR 1=1 -- <script> NEAR( ^*')}`,
    );
    assert.equal(hostile.statusCode, 200);
  });

  test('hostile input in the editor: NUL characters, payloads and huge fields never give a 500, nothing is lost', async () => {
    const j = new Client(t.app);
    await j.signIn(journalist.email);
    const nul = await j.post(
      '/admin/articles',
      articleForm({
        title: 'Titre\u0000avec NUL',
        lead: 'Chapô\u0000',
        bodySource: 'Corps\u0000 <script>alert(1)</script>',
        sectionId: String(politique.id),
        tags: 'a\u0000b',
      }),
      { csrf: await j.csrf('/admin/articles/nouveau') },
    );
    assert.equal(nul.statusCode, 303);
    const id = articleIdFrom(nul.headers.location as string);
    assert.equal((await findArticleById(t.ctx.db, id))!.title, 'Titreavec NUL');
    for (const form of [
      articleForm({
        title: "'; drop table articles; --",
        sectionId: '1 or 1=1',
        author1: '../../etc/passwd',
        tags: '<img src=x onerror=alert(1)>',
      }),
      articleForm({ title: 'x'.repeat(5000) }),
      articleForm({ title: 'Titre', slug: 'Pas Un Slug!' }),
      articleForm({ title: 'Titre', coverUrl: 'javascript:alert(1)' }),
      { title: ['a', 'b'] as unknown as string },
    ]) {
      const res = await j.post('/admin/articles', form, {
        csrf: await j.csrf('/admin/articles/nouveau'),
      });
      assert.ok(
        res.statusCode < 500,
        `${JSON.stringify(form).slice(0, 60)} → ${res.statusCode}`,
      );
    }
    assert.ok(
      (await t.ctx.db.selectFrom('articles').select('id').execute()).length > 0,
      'nothing dropped',
    );
  });

  test('two editors on one article: the stale save is refused with a diff, and nothing is lost', async () => {
    const e1 = new Client(t.app),
      e2 = new Client(t.app);
    await e1.signIn(editor.email);
    const other = await buildUser(t.ctx, 'editor');
    await e2.signIn(other.email);
    const created = await e1.post(
      '/admin/articles',
      articleForm({
        title: 'Article disputé',
        sectionId: String(politique.id),
        bodySource: 'Version initiale du texte.',
      }),
      { csrf: await e1.csrf('/admin/articles/nouveau') },
    );
    const id = articleIdFrom(created.headers.location as string);
    const opened = cheerio
      .load((await e1.get(`/admin/articles/${id}`)).body)(
        '#editor-form input[name="version"]',
      )
      .attr('value')!;
    const openedToo = cheerio
      .load((await e2.get(`/admin/articles/${id}`)).body)(
        '#editor-form input[name="version"]',
      )
      .attr('value')!;
    const first = await e2.post(
      `/admin/articles/${id}`,
      articleForm({
        title: 'Article disputé',
        sectionId: String(politique.id),
        bodySource: 'Texte réécrit par la seconde éditrice.',
        version: openedToo,
      }),
      { csrf: await e2.csrf(`/admin/articles/${id}`) },
    );
    assert.equal(first.statusCode, 303);
    const stale = await e1.post(
      `/admin/articles/${id}`,
      articleForm({
        title: 'Article disputé',
        sectionId: String(politique.id),
        bodySource: 'Ajout précieux de la première éditrice.',
        version: opened,
      }),
      { csrf: await e1.csrf(`/admin/articles/${id}`) },
    );
    assert.equal(stale.statusCode, 409);
    const $ = cheerio.load(stale.body);
    assert.match(
      $('.flash-error').text(),
      /vos modifications n’ont pas été écrasées/,
    );
    assert.equal(
      $('textarea[name="bodySource"]').text(),
      'Ajout précieux de la première éditrice.',
      'the refused text is still in the form',
    );
    assert.match(
      $('.diff ins').text(),
      /réécrit par la seconde éditrice/,
      'what the other editor changed is shown',
    );
    const saved = await findArticleById(t.ctx.db, id);
    assert.equal(
      saved!.bodySource,
      'Texte réécrit par la seconde éditrice.',
      'the first save stands',
    );
    const resubmitVersion = $('#editor-form input[name="version"]').attr(
      'value',
    )!;
    assert.equal(
      Number(resubmitVersion),
      saved!.version,
      'saving again after reading the diff is an informed choice',
    );
  });

  test('scheduling: published on time by the scheduler, exactly once even when two run at once', async () => {
    const e = new Client(t.app);
    await e.signIn(editor.email);
    const created = await e.post(
      '/admin/articles',
      articleForm({
        title: 'Annonce programmée',
        sectionId: String(politique.id),
        author1: String(editor.authorId),
      }),
      { csrf: await e.csrf('/admin/articles/nouveau') },
    );
    const id = articleIdFrom(created.headers.location as string);
    const page = cheerio.load((await e.get(`/admin/articles/${id}`)).body);
    const version = page('#editor-form input[name="version"]').attr('value')!;
    const past = await e.post(
      `/admin/articles/${id}/programmer`,
      { version, at: '2020-01-01T10:00' },
      { csrf: await e.csrf(`/admin/articles/${id}`) },
    );
    assert.match(past.headers.location as string, /erreur=invalid_schedule/);
    // One minute ahead, typed as local (Casablanca) wall-clock time in the form.
    const inAMinute = new Date(
      Math.ceil((t.clock.now().getTime() + 60_000) / 60_000) * 60_000,
    );
    // The form types a French date and a 24-hour time, in two text fields whatever the
    // browser's locale (a datetime-local field would show a US 12-hour clock).
    const dayField = page('input[name="at_day"]');
    const timeField = page('input[name="at_time"]');
    assert.match(dayField.attr('value')!, /^\d{2}\/\d{2}\/\d{4}$/);
    assert.match(timeField.attr('value')!, /^([01]\d|2[0-3]):[0-5]\d$/);
    assert.equal(dayField.attr('type'), undefined, 'a text field');
    for (const [at_day, at_time] of [
      ['31/02/2030', '10:00'],
      ['01/01/2030', '25:00'],
      ['01/01/2030', '10:00 PM'],
      ['2030-01-01', '10:00'],
    ] as const)
      assert.match(
        (
          await e.post(
            `/admin/articles/${id}/programmer`,
            { version, at_day, at_time },
            { csrf: await e.csrf(`/admin/articles/${id}`) },
          )
        ).headers.location as string,
        /erreur=invalid_schedule/,
        `${at_day} ${at_time}`,
      );
    const fields = toFrenchFields(inAMinute, 'Africa/Casablanca');
    const scheduled = await e.post(
      `/admin/articles/${id}/programmer`,
      {
        version,
        at_day: fields.day,
        at_time: fields.time.replace(':', 'h'),
      },
      { csrf: await e.csrf(`/admin/articles/${id}`) },
    );
    assert.match(scheduled.headers.location as string, /ok=programmer/);
    const article = await findArticleById(t.ctx.db, id);
    assert.equal(article!.scheduledAt!.toISOString(), inAMinute.toISOString());
    assert.equal(
      toZonedLocal(new Date('2025-07-10T11:04:00Z'), 'Africa/Casablanca'),
      '2025-07-10T12:04',
      'the form speaks local time',
    );
    assert.deepEqual(
      toFrenchFields(new Date('2025-07-10T21:04:00Z'), 'Africa/Casablanca'),
      { day: '10/07/2025', time: '22:04' },
      'in French, on a 24-hour clock',
    );
    assert.deepEqual(await publishDueArticles(t.ctx), [], 'not yet');
    assert.equal(
      (await t.app.inject('/articles/annonce-programmee')).statusCode,
      404,
    );
    t.clock.advance(120_000);
    const [a, b] = await Promise.all([
      publishDueArticles(t.ctx),
      publishDueArticles(t.ctx),
    ]);
    assert.deepEqual(
      [...a, ...b],
      [id],
      'one of the two runs published it, the other saw it done',
    );
    const publishes = await t.ctx.db
      .selectFrom('events')
      .select('id')
      .where('article_id', '=', id)
      .where('name', '=', 'articles.publish')
      .execute();
    assert.equal(publishes.length, 1);
    assert.equal(
      (await t.app.inject('/articles/annonce-programmee')).statusCode,
      200,
    );
  });

  test('unpublish answers 410; correction shows a note and a new modified date; trash and restore', async () => {
    const e = new Client(t.app);
    await e.signIn(editor.email);
    const created = await e.post(
      '/admin/articles',
      articleForm({
        title: 'Article à corriger',
        sectionId: String(politique.id),
        author1: String(editor.authorId),
        bodySource: 'Le chiffre est 12.',
      }),
      { csrf: await e.csrf('/admin/articles/nouveau') },
    );
    const id = articleIdFrom(created.headers.location as string);
    const version = async () =>
      cheerio
        .load((await e.get(`/admin/articles/${id}`)).body)(
          '#editor-form input[name="version"]',
        )
        .attr('value')!;
    await e.post(
      `/admin/articles/${id}/publier`,
      { version: await version() },
      { csrf: await e.csrf(`/admin/articles/${id}`) },
    );
    t.clock.advance(3_600_000);
    const corrected = await e.post(
      `/admin/articles/${id}`,
      articleForm({
        title: 'Article à corriger',
        sectionId: String(politique.id),
        author1: String(editor.authorId),
        bodySource: 'Le chiffre est 21.',
        correctionNote: 'Une version précédente donnait 12 au lieu de 21.',
        version: await version(),
      }),
      { csrf: await e.csrf(`/admin/articles/${id}`) },
    );
    assert.match(corrected.headers.location as string, /ok=corrige/);
    const page = cheerio.load(
      (await t.app.inject('/articles/article-a-corriger')).body,
    );
    assert.match(
      page('.correction').text(),
      /Rectificatif : Une version précédente donnait 12 au lieu de 21\./,
    );
    assert.match(page('.dates').text(), /Mis à jour le/);
    await e.post(
      `/admin/articles/${id}/depublier`,
      { version: await version() },
      { csrf: await e.csrf(`/admin/articles/${id}`) },
    );
    const gone = await t.app.inject('/articles/article-a-corriger');
    assert.equal(gone.statusCode, 410);
    assert.match(gone.body, /Article retiré/);
    await e.post(
      `/admin/articles/${id}/corbeille`,
      { version: await version() },
      { csrf: await e.csrf(`/admin/articles/${id}`) },
    );
    assert.equal((await findArticleById(t.ctx.db, id))!.status, 'trashed');
    await e.post(
      `/admin/articles/${id}/restaurer`,
      { version: await version() },
      { csrf: await e.csrf(`/admin/articles/${id}`) },
    );
    assert.equal((await findArticleById(t.ctx.db, id))!.status, 'draft');
  });

  test('revisions: every save is kept; compare two; restore one as a new revision', async () => {
    const e = new Client(t.app);
    await e.signIn(editor.email);
    const created = await e.post(
      '/admin/articles',
      articleForm({
        title: 'Révisé',
        sectionId: String(politique.id),
        bodySource: 'Premier jet.',
      }),
      { csrf: await e.csrf('/admin/articles/nouveau') },
    );
    const id = articleIdFrom(created.headers.location as string);
    await e.post(
      `/admin/articles/${id}`,
      articleForm({
        title: 'Révisé',
        sectionId: String(politique.id),
        bodySource: 'Second jet, meilleur.',
        version: '1',
      }),
      { csrf: await e.csrf(`/admin/articles/${id}`) },
    );
    const list = cheerio.load(
      (await e.get(`/admin/articles/${id}/revisions`)).body,
    );
    const revisionIds = list('select[name="a"] option')
      .map((_, o) => list(o).attr('value'))
      .get();
    assert.equal(revisionIds.length, 2);
    const compared = cheerio.load(
      (
        await e.get(
          `/admin/articles/${id}/revisions?a=${revisionIds[1]}&b=${revisionIds[0]}`,
        )
      ).body,
    );
    assert.match(compared('.diff del').text(), /Premier/);
    assert.match(compared('.diff ins').text(), /Second/);
    const restored = await e.post(
      `/admin/articles/${id}/revisions/${revisionIds[1]}/restaurer`,
      { version: '2' },
      { csrf: await e.csrf(`/admin/articles/${id}/revisions`) },
    );
    assert.match(restored.headers.location as string, /ok=revision/);
    const article = await findArticleById(t.ctx.db, id);
    assert.equal(article!.bodySource, 'Premier jet.');
    assert.equal(article!.version, 3, 'a new revision, history kept');
  });

  test('an admin deactivates a member: their session ends at once; the audit log says who did what', async () => {
    const admin = await buildUser(t.ctx, 'admin', { name: 'Amine Admin' });
    const victim = await buildUser(t.ctx, 'journalist');
    const v = new Client(t.app);
    await v.signIn(victim.email);
    assert.equal((await v.get('/admin')).statusCode, 200);
    const a = new Client(t.app);
    await a.signIn(admin.email);
    assert.equal(
      (
        await a.post(
          `/admin/utilisateurs/${victim.id}/desactiver`,
          {},
          { csrf: await a.csrf('/admin/utilisateurs') },
        )
      ).statusCode,
      200,
    );
    assert.equal((await v.get('/admin')).statusCode, 303, 'signed out');
    assert.equal((await v.signIn(victim.email)).statusCode, 401);
    const invite = await a.post(
      '/admin/utilisateurs',
      {
        email: 'nouvelle@journal.example',
        displayName: 'Nouvelle Recrue',
        role: 'contributor',
      },
      { csrf: await a.csrf('/admin/utilisateurs') },
    );
    const link = cheerio.load(invite.body)('.copy-link').attr('value')!;
    assert.match(link, /\/admin\/mot-de-passe\?token=/);
    const recruit = new Client(t.app);
    const path = link.replace('https://journal.example', '');
    assert.equal(
      (
        await recruit.post(
          '/admin/mot-de-passe',
          {
            token: new URL(link).searchParams.get('token')!,
            password: PASSWORD,
          },
          { csrf: await recruit.csrf(path) },
        )
      ).statusCode,
      303,
    );
    assert.equal(
      (await recruit.signIn('nouvelle@journal.example')).statusCode,
      303,
    );
    const audit = cheerio.load((await a.get('/admin/journal')).body);
    const text = audit('tbody').text();
    assert.match(text, /Amine Admin\s*a modifié le compte/);
    assert.match(
      text,
      /Nadia Éditrice\s*a publié\s*Le Parlement adopte la loi de finances/,
    );
    assert.equal(
      (await new Client(t.app).get('/admin/journal')).statusCode,
      303,
    );
    const j = new Client(t.app);
    await j.signIn(journalist.email);
    assert.equal((await j.get('/admin/journal')).statusCode, 403);
  });

  test('teardown', async () => {
    await t.app.close();
  });
});

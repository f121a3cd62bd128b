import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildSection } from '../support/factories.ts';
import { buildUser, Client } from '../support/newsroom.ts';
import { hashToken } from '../../src/auth/tokens.ts';

describeEachDialect('integrations in the back office', (getDb) => {
  let t: TestApp;
  let admin: Client;
  let journalist: Client;

  test('setup', async () => {
    t = await buildTestApp(getDb());
    await buildSection(t.ctx, { slug: 'politique', name: 'Politique' });
    const a = await buildUser(t.ctx, 'admin');
    const j = await buildUser(t.ctx, 'journalist');
    admin = new Client(t.app);
    journalist = new Client(t.app);
    assert.equal((await admin.signIn(a.email)).statusCode, 303);
    assert.equal((await journalist.signIn(j.email)).statusCode, 303);
  });

  const secretOn = (body: string) =>
    cheerio.load(body)('input.copy-link').attr('value');

  test('an admin makes a Content API key: shown once, stored hashed, works at once, revoked at once', async () => {
    const res = await admin.post(
      '/admin/integrations/cles',
      {
        name: 'Application mobile',
        corsOrigins: 'https://app.journal.example',
        ratePerMinute: '120',
      },
      { csrf: await admin.csrf('/admin/integrations') },
    );
    assert.equal(res.statusCode, 200);
    const secret = secretOn(res.body)!;
    assert.match(secret, /^ndc_[A-Za-z0-9_-]{43}$/);
    const stored = await t.ctx.db
      .selectFrom('api_credentials')
      .selectAll()
      .where('name', '=', 'Application mobile')
      .executeTakeFirstOrThrow();
    assert.equal(stored.token_hash, hashToken(secret));
    assert.ok(
      !JSON.stringify(stored).includes(secret.slice(4)),
      'the secret itself is not stored',
    );
    const page = await admin.get('/admin/integrations');
    assert.ok(!page.body.includes(secret), 'never shown again');
    assert.ok(
      page.body.includes(secret.slice(0, 10)),
      'its beginning tells it apart',
    );
    assert.equal(
      (
        await t.app.inject({
          url: '/api/v1/sections',
          headers: { 'x-api-key': secret },
        })
      ).statusCode,
      200,
    );
    const revoked = await admin.post(
      `/admin/integrations/${stored.id}/revoquer`,
      {},
      { csrf: await admin.csrf('/admin/integrations') },
    );
    assert.equal(revoked.statusCode, 200);
    assert.equal(
      (
        await t.app.inject({
          url: '/api/v1/sections',
          headers: { 'x-api-key': secret },
        })
      ).statusCode,
      401,
    );
  });

  test('bad input is a French message on the form, nothing made', async () => {
    const res = await admin.post(
      '/admin/integrations/cles',
      { name: 'X', corsOrigins: 'pas une origine', ratePerMinute: 'beaucoup' },
      { csrf: await admin.csrf('/admin/integrations') },
    );
    assert.equal(res.statusCode, 400);
    const $ = cheerio.load(res.body);
    assert.match($('#f-name-error').text(), /2 à 200 caractères/);
    assert.match($('#f-corsOrigins-error').text(), /n’est pas une origine/);
    assert.match($('#f-ratePerMinute-error').text(), /requêtes par minute/);
    assert.equal(
      $('#f-corsOrigins').attr('value'),
      'pas une origine',
      'what was typed is kept',
    );
  });

  test('a journalist makes their own Admin API token, at most journalist, and sees only their tokens', async () => {
    const tooHigh = await journalist.post(
      '/admin/integrations/jetons',
      { name: 'Mon script', role: 'editor' },
      { csrf: await journalist.csrf('/admin/integrations') },
    );
    assert.equal(tooHigh.statusCode, 403);
    const res = await journalist.post(
      '/admin/integrations/jetons',
      { name: 'Mon script', role: 'journalist' },
      { csrf: await journalist.csrf('/admin/integrations') },
    );
    assert.equal(res.statusCode, 200);
    const secret = secretOn(res.body)!;
    assert.match(secret, /^nda_/);
    const me = await t.app.inject({
      url: '/api/admin/v1/me',
      headers: { authorization: `Bearer ${secret}` },
    });
    assert.equal(me.json().role, 'journalist');
    const page = cheerio.load(
      (await journalist.get('/admin/integrations')).body,
    );
    assert.deepEqual(
      page('tbody tr td:first-child')
        .toArray()
        .map((td) => page(td).text()),
      ['Mon script'],
    );
    assert.equal(
      page('form[action="/admin/integrations/cles"]').length,
      0,
      'keys are for admins',
    );
  });

  test('teardown', async () => {
    await t.app.close();
  });
});

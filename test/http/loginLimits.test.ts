import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildUser, Client, PASSWORD } from '../support/newsroom.ts';
import { deactivateUser } from '../../src/commands/accounts/changeUser.ts';
import { systemActor } from '../../src/commands/context.ts';

/** The login limits: 5 failures per account, 20 per address, in 15 minutes. */
describeEachDialect('login limits', (getDb) => {
  let t: TestApp;
  before(async () => {
    t = await buildTestApp(getDb());
  });

  test('without TRUST_PROXY, X-Forwarded-For does not change the address counted', async () => {
    const c = new Client(t.app);
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) {
      // A different account each time, so only the per-address limit can stop this.
      const res = await c.post(
        '/admin/connexion',
        { email: `inconnu-${i}@ailleurs.example`, password: 'x' },
        {
          remoteAddress: '203.0.113.7',
          headers: { 'x-forwarded-for': `198.51.100.${i}` },
        },
      );
      statuses.push(res.statusCode);
    }
    assert.deepEqual(statuses.slice(0, 20), Array(20).fill(401));
    assert.equal(
      statuses[20],
      429,
      'the 21st attempt from one address waits, whatever X-Forwarded-For says',
    );
  });

  test('with TRUST_PROXY naming the proxy, X-Forwarded-For from it is the client address', async () => {
    const behindProxy = await buildTestApp(getDb(), {
      TRUST_PROXY: '192.0.2.10',
    });
    const c = new Client(behindProxy.app);
    for (let i = 0; i < 21; i++) {
      const res = await c.post(
        '/admin/connexion',
        { email: `proxy-${i}@ailleurs.example`, password: 'x' },
        {
          remoteAddress: '192.0.2.10',
          headers: { 'x-forwarded-for': `198.51.100.${100 + i}` },
        },
      );
      assert.equal(
        res.statusCode,
        401,
        `attempt ${i + 1} comes from its own client address`,
      );
    }
    const spoofed = await c.post(
      '/admin/connexion',
      { email: 'proxy-x@ailleurs.example', password: 'x' },
      {
        remoteAddress: '203.0.113.99',
        headers: { 'x-forwarded-for': '198.51.100.250' },
      },
    );
    assert.equal(spoofed.statusCode, 401);
    const rows = await getDb()
      .handle.db.selectFrom('login_failures')
      .select('ip')
      .where('email', '=', 'proxy-x@ailleurs.example')
      .execute();
    assert.deepEqual(
      rows.map((r) => r.ip),
      ['203.0.113.99'],
      'a client that is not the proxy cannot name its address',
    );
    await behindProxy.app.close();
  });

  test('12 wrong passwords sent 6 at a time: at most 5 are checked, the rest wait', async () => {
    const victim = await buildUser(t.ctx, 'journalist');
    const clients = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const c = new Client(t.app);
        return { c, csrf: await c.csrf() };
      }),
    );
    const statuses: number[] = [];
    for (const batch of [clients.slice(0, 6), clients.slice(6)]) {
      const results = await Promise.all(
        batch.map(({ c, csrf }, i) =>
          c.post(
            '/admin/connexion',
            { email: victim.email, password: `faux-${i}` },
            { csrf, remoteAddress: `198.51.100.${i + 1}` },
          ),
        ),
      );
      statuses.push(...results.map((r) => r.statusCode));
    }
    const checked = statuses.filter((s) => s === 401).length;
    assert.ok(
      checked >= 1 && checked <= 5,
      `${checked} password checks for a limit of 5: ${statuses.join(' ')}`,
    );
    assert.equal(statuses.filter((s) => s === 429).length, 12 - checked);
    assert.equal(
      (await new Client(t.app).signIn(victim.email, PASSWORD)).statusCode,
      429,
      'even the right password waits',
    );
  });

  test('a deactivated account is answered as a wrong password: its password is not confirmed', async () => {
    const gone = await buildUser(t.ctx, 'journalist');
    await deactivateUser(t.ctx, systemActor('test'), { userId: gone.id });
    const right = await new Client(t.app).signIn(gone.email, PASSWORD);
    const wrong = await new Client(t.app).signIn(
      gone.email,
      'mauvais mot de passe',
    );
    assert.equal(right.statusCode, 401);
    assert.equal(wrong.statusCode, 401);
    assert.match(right.body, /Adresse e-mail ou mot de passe incorrect/);
    assert.doesNotMatch(right.body, /désactivé/);
  });
});

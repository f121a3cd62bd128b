import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';

describeEachDialect('security headers', (getDb) => {
  let https: TestApp;
  let http: TestApp;
  before(async () => {
    https = await buildTestApp(getDb());
    http = await buildTestApp(getDb(), { SITE_URL: 'http://journal.example' });
  });

  test('every HTML page, public or back office, has the policy, Permissions-Policy and frame protection', async () => {
    for (const url of [
      '/',
      '/recherche?q=maroc',
      '/admin/connexion',
      '/rubrique/nulle-part',
    ]) {
      const res = await https.app.inject(url);
      const csp = String(res.headers['content-security-policy']);
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'self'",
      ]) {
        assert.ok(csp.includes(directive), `${url}: ${directive} in ${csp}`);
      }
      assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
      assert.match(
        String(res.headers['permissions-policy']),
        /camera=\(\), microphone=\(\), geolocation=\(\)/,
      );
      assert.equal(res.headers['x-frame-options'], 'SAMEORIGIN');
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(
        res.headers['referrer-policy'],
        'strict-origin-when-cross-origin',
      );
      // Headers only browsers long gone read are not sent (securityHeaders.ts).
      assert.equal(res.headers['x-download-options'], undefined);
      assert.equal(res.headers['x-xss-protection'], undefined);
    }
  });

  test('HSTS only when SITE_URL is https', async () => {
    assert.match(
      String(
        (await https.app.inject('/')).headers['strict-transport-security'],
      ),
      /max-age=31536000/,
    );
    assert.equal(
      (await http.app.inject('/')).headers['strict-transport-security'],
      undefined,
    );
  });
});

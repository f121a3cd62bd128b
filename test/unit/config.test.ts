import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  adoptServedAddress,
  ConfigError,
  loadConfig,
  siteUrlWarning,
} from '../../src/config.ts';

test('TRUST_PROXY: off by default; true; a list of addresses and CIDR ranges; anything else is refused with what to write', () => {
  assert.equal(loadConfig({}).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
  assert.equal(loadConfig({ TRUST_PROXY: 'true' }).trustProxy, true);
  assert.deepEqual(
    loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,fd00::/8,loopback' })
      .trustProxy,
    ['127.0.0.1', '10.0.0.0/8', 'fd00::/8', 'loopback'],
  );
  assert.throws(
    () => loadConfig({ TRUST_PROXY: '10.0.0.0/33' }),
    (e: unknown) =>
      e instanceof ConfigError &&
      /TRUST_PROXY: not an address or CIDR range: 10\.0\.0\.0\/33/.test(
        e.message,
      ),
  );
  assert.throws(
    () => loadConfig({ TRUST_PROXY: 'proxy.example' }),
    /TRUST_PROXY: not an address/,
  );
  assert.throws(
    () => loadConfig({ TRUST_PROXY: '2' }),
    /TRUST_PROXY: a hop count is not supported: list your proxies' addresses/,
  );
});

test('SITE_URL unset follows the address served and is flagged; an https public address is not', () => {
  const site = loadConfig({ PORT: '3417' }).site;
  assert.equal(site.url, 'http://localhost:3417');
  adoptServedAddress(site, { address: '127.0.0.1', port: 41234 });
  assert.equal(site.url, 'http://localhost:41234');
  assert.match(
    siteUrlWarning(site) ?? '',
    /SITE_URL is not set.*not https.*set SITE_URL/,
  );
  const configured = loadConfig({ SITE_URL: 'https://journal.example/' }).site;
  adoptServedAddress(configured, { address: '127.0.0.1', port: 41234 });
  assert.equal(configured.url, 'https://journal.example');
  assert.equal(siteUrlWarning(configured), null);
  assert.match(
    siteUrlWarning(loadConfig({ SITE_URL: 'http://journal.example' }).site) ??
      '',
    /not https/,
  );
  assert.equal(loadConfig({ SITE_URL: '' }).site.urlFromServer, true);
});

test('MEDIA_PUBLIC_URL: with S3 storage, without its trailing slash; refused with disk storage', () => {
  const s3 = loadConfig({
    MEDIA_STORAGE: 's3',
    S3_BUCKET: 'photos',
    MEDIA_PUBLIC_URL: 'https://cdn.journal.example/photos/',
  }).media.storage;
  assert.equal(
    s3.kind === 's3' && s3.publicUrl,
    'https://cdn.journal.example/photos',
  );
  const plain = loadConfig({ MEDIA_STORAGE: 's3', S3_BUCKET: 'photos' }).media
    .storage;
  assert.equal(plain.kind === 's3' && plain.publicUrl, null);
  assert.throws(
    () => loadConfig({ MEDIA_PUBLIC_URL: 'https://cdn.journal.example/' }),
    /MEDIA_PUBLIC_URL: only with MEDIA_STORAGE=s3/,
  );
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sharedFile } from './shared.ts';

export const XMLLINT_MISSING = spawnSync('xmllint', ['--version']).error
  ? 'xmllint is not installed (apt-get install libxml2-utils; .ci/run does it)'
  : false;

const sitemapXsd = sharedFile('schemas/sitemaps/sitemap.xsd');
const indexXsd = sharedFile('schemas/sitemaps/siteindex.xsd');

export const SITEMAP_SCHEMAS_MISSING =
  sitemapXsd && indexXsd
    ? false
    : 'shared/schemas/sitemaps is absent (../shared): sitemap validation needs its XSDs';
// CI installs xmllint (.ci/run): there, skipping the validation would hide a missing install step.
if (XMLLINT_MISSING && process.env['CI']) throw new Error(XMLLINT_MISSING);

let schemaDir: string | null = null;

/**
 * A schema for <urlset> that also knows the image and news extensions: sitemap.xsd lets foreign
 * elements in only if they validate strictly, and shared/'s all.xsd fetches the extension
 * schemas from the network, which tests must not. This one imports the local copies.
 */
function urlsetSchema(): string {
  if (!schemaDir) {
    schemaDir = mkdtempSync(join(tmpdir(), 'newsdesk-xsd-'));
    const local = (name: string) => sharedFile(`schemas/sitemaps/${name}`)!;
    writeFileSync(
      join(schemaDir, 'urlset.xsd'),
      `<?xml version="1.0" encoding="UTF-8"?>
<schema elementFormDefault="qualified" xmlns="http://www.w3.org/2001/XMLSchema">
  <import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="file://${local('sitemap.xsd')}"/>
  <import namespace="http://www.google.com/schemas/sitemap-image/1.1" schemaLocation="file://${local('sitemap-image.xsd')}"/>
  <import namespace="http://www.google.com/schemas/sitemap-news/0.9" schemaLocation="file://${local('sitemap-news.xsd')}"/>
</schema>
`,
    );
  }
  return join(schemaDir, 'urlset.xsd');
}

/** Runs `xmllint --schema` on a sitemap (index or urlset) and returns its verdict and messages. */
export function validateSitemap(xml: string): {
  valid: boolean;
  output: string;
} {
  const schema = xml.includes('<sitemapindex') ? indexXsd! : urlsetSchema();
  const run = spawnSync(
    'xmllint',
    ['--noout', '--nonet', '--schema', schema, '-'],
    { input: xml, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  return {
    valid: run.status === 0,
    output: `${run.stdout}${run.stderr}`.trim(),
  };
}

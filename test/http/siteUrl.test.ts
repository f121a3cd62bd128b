import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import * as cheerio from 'cheerio';
import {
  createTestDatabase,
  DIALECTS,
  POSTGRES_SKIP,
  type TestDatabase,
} from '../support/databases.ts';
import { startDrivenNode, type DrivenNode } from '../support/processes.ts';
import { buildArticle, buildSection, buildTag } from '../support/factories.ts';
import { buildUser, PASSWORD } from '../support/newsroom.ts';
import { createServices } from '../../src/services.ts';
import { loadConfig } from '../../src/config.ts';
import { systemClock } from '../../src/domain/clock.ts';

/** A port nothing listens on now (and not 3000, the old hard-coded default). */
async function freePort(): Promise<number> {
  for (;;) {
    const port = await new Promise<number>((resolve, reject) => {
      const probe = createServer()
        .once('error', reject)
        .listen(0, '127.0.0.1', () => {
          const { port } = probe.address() as { port: number };
          probe.close(() => resolve(port));
        });
    });
    if (port !== 3000) return port;
  }
}

/** A browser-like client over real HTTP: keeps cookies, reads the form's CSRF token. */
class HttpClient {
  readonly base: string;
  cookies = new Map<string, string>();
  constructor(base: string) {
    this.base = base;
  }
  private async send(path: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(this.base + path, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
    return res;
  }
  get(path: string) {
    return this.send(path);
  }
  async postForm(
    pagePath: string,
    path: string,
    form: Record<string, string>,
  ): Promise<Response> {
    const page = await (await this.get(pagePath)).text();
    const csrf =
      cheerio.load(page)('input[name="_csrf"]').first().attr('value') ?? '';
    return this.send(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...form, _csrf: csrf }).toString(),
    });
  }
}

/** Without SITE_URL, every absolute link names the address the server really listens on. */
for (const dialect of DIALECTS)
  describe(`SITE_URL unset: links use the address served [${dialect}]`, {
    skip: dialect === 'postgres' && POSTGRES_SKIP,
  }, () => {
    let db: TestDatabase;
    const getDb = () => db;
    let node: DrivenNode | undefined;
    let port: number;
    let base: string;
    let slug: string;
    let adminEmail: string;

    before(async () => {
      db = await createTestDatabase(dialect);
      const ctx = createServices(
        loadConfig({ DATABASE_URL: getDb().url }),
        getDb().handle,
        systemClock,
      );
      const section = await buildSection(ctx, { slug: 'economie-port' });
      const tag = await buildTag(ctx, { slug: 'port-tag' });
      const article = await buildArticle(ctx, {
        sectionId: section.id,
        tagIds: [tag.id],
        status: 'published',
      });
      slug = article.slug;
      adminEmail = (await buildUser(ctx, 'admin')).email;
      port = await freePort();
      delete process.env['SITE_URL']; // the child inherits this environment
      node = await startDrivenNode({
        DATABASE_URL: getDb().url,
        PORT: String(port),
      });
      base = `http://localhost:${port}`;
    });
    // The server first, then its database.
    after(async () => {
      await node?.stop();
      await db?.drop();
    });

    const noWrongPort = (body: string, what: string) => {
      const decoded = decodeURIComponent(
        body.replace(/%(?![0-9A-Fa-f]{2})/g, '%25'),
      );
      for (const m of decoded.matchAll(
        /https?:\/\/(?:localhost|127\.0\.0\.1)(?::(\d+))?/g,
      ))
        assert.equal(m[1], String(port), `${what}: ${m[0]}`);
    };

    test('the article page: canonical, og:url, share links and JSON-LD', async () => {
      const res = await fetch(`http://127.0.0.1:${port}/articles/${slug}`);
      assert.equal(res.status, 200);
      const body = await res.text();
      const $ = cheerio.load(body);
      const url = `${base}/articles/${slug}`;
      assert.equal($('link[rel="canonical"]').attr('href'), url);
      assert.equal($('meta[property="og:url"]').attr('content'), url);
      assert.ok($('.share a').length > 0);
      for (const a of $('.share a').toArray())
        assert.ok(
          ($(a).attr('href') ?? '').includes(encodeURIComponent(url)),
          $(a).attr('href'),
        );
      noWrongPort(body, 'article page');
    });

    test('feeds and sitemaps', async () => {
      for (const path of [
        '/feed.xml',
        '/feed.atom',
        '/feed.json',
        '/rubrique/economie-port/feed.xml',
        '/sitemap.xml',
        '/sitemaps/sections.xml',
        '/sitemaps/news.xml',
        '/robots.txt',
      ]) {
        const res = await fetch(`http://127.0.0.1:${port}${path}`);
        assert.equal(res.status, 200, path);
        const body = await res.text();
        assert.ok(body.includes(`${base}/`), `${path} names ${base}`);
        noWrongPort(body, path);
      }
    });

    test('invitation and password reset links from the back office', async () => {
      const client = new HttpClient(`http://127.0.0.1:${port}`);
      const signedIn = await client.postForm(
        '/admin/connexion',
        '/admin/connexion',
        { email: adminEmail, password: PASSWORD },
      );
      assert.equal(signedIn.status, 303);
      const invited = await client.postForm(
        '/admin/utilisateurs',
        '/admin/utilisateurs',
        {
          email: 'port@redaction.example',
          displayName: 'Port Test',
          role: 'journalist',
        },
      );
      assert.equal(invited.status, 200);
      const link =
        cheerio
          .load(await invited.text())('input.copy-link')
          .attr('value') ?? '';
      assert.match(
        link,
        new RegExp(
          `^${base.replace(/[.:/]/g, '\\$&')}/admin/mot-de-passe\\?token=`,
        ),
      );
    });
  });

import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as cheerio from 'cheerio';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  buildArticle,
  buildAuthor,
  buildSection,
  buildTag,
} from '../support/factories.ts';
import { buildUser, Client } from '../support/newsroom.ts';
import { adminToken, contentKey } from '../support/api.ts';
import { randomQueries, seededRandom } from '../support/hostile.ts';
import { loadSecurityPayloads, type PayloadList } from '../support/payloads.ts';
import { SHARED_MISSING } from '../support/shared.ts';

/**
 * The route-table walk: every route the app registers (told by its `onRoute` hook), and in every
 * path parameter, query parameter and form field of it, hostile strings from the shared payload
 * lists and random bytes, as an anonymous visitor and as a signed-in editor whose forms carry a
 * valid CSRF token (path values as both, other values alternately). No answer may be a 5xx. Query and form names are found the way a visitor
 * finds them, by walking the pages' links and forms; every route also gets the names seen
 * anywhere. Payloads are sampled with a fixed seed, so a failure replays.
 */
const payloadLists = loadSecurityPayloads();
const SAMPLES_PER_SLOT = 2;
const RANDOM_BYTES_PER_SLOT = 1;
/** Query names every route gets besides its own: the ones any page might read. */
const COMMON_QUERY = ['page', 'q', 'next', 'ok', 'erreur'];
const SEED = 20261201;

type Persona = 'anonymous' | 'editor';

interface RouteInfo {
  method: string;
  pattern: string;
  regex: RegExp;
  params: string[];
  /** A concrete URL of this route met while walking, its path parameters valid. */
  example: string | null;
  query: Set<string>;
  /** Form fields with the values the page offered (a hidden version, a selected option). */
  form: Map<string, string>;
  /** A form posting here was found (its fields may be none but the CSRF token). */
  formSeen: boolean;
}

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function routeInfo(method: string, pattern: string): RouteInfo {
  const params: string[] = [];
  const source = pattern
    .split(/(:[A-Za-z]+)/)
    .map((part) => {
      if (part.startsWith(':')) {
        params.push(part.slice(1));
        return '([^/]+?)';
      }
      return escapeRegex(part);
    })
    .join('');
  return {
    method,
    pattern,
    regex: new RegExp(`^${source}/?$`),
    params,
    example: null,
    query: new Set(),
    form: new Map(),
    formSeen: false,
  };
}

/** Bytes as they would arrive percent-encoded: most are not UTF-8. */
function randomBytesEncoded(next: () => number): string {
  const length = 1 + Math.floor(next() * 48);
  let out = '';
  for (let i = 0; i < length; i++)
    out += `%${Math.floor(next() * 256)
      .toString(16)
      .padStart(2, '0')
      .toUpperCase()}`;
  return out;
}

/** A value to send, already encoded for a URL or a form body. */
interface Sample {
  label: string;
  encoded: string;
}

/**
 * Shapes that broke a database or a header before, kept in every draw beside the lists: text with
 * NUL, ids past 32 bits, line breaks and U+2028, a long value, nothing at all.
 */
const EDGES = [
  'a\u0000b',
  '\u0000',
  '99999999999',
  '-1',
  '1e3',
  'a\r\nSet-Cookie: x=1',
  'x\u2028y',
  'é'.repeat(5000),
  '',
  ' ',
];
const edge = (value: string): Sample => ({
  label: `edge ${JSON.stringify(value.slice(0, 30))}`,
  encoded: encodeURIComponent(value),
});

/** Well-formed random strings (scripts, operators, control characters) from the search fuzzer. */
const RANDOM_TEXT = randomQueries(2000, SEED);

function samplesFor(
  next: () => number,
  lists: PayloadList[],
  edges: number,
): Sample[] {
  const out: Sample[] = [];
  for (let i = 0; i < edges; i++)
    out.push(edge(EDGES[Math.floor(next() * EDGES.length)]!));
  out.push({
    label: 'random text',
    encoded: encodeURIComponent(
      RANDOM_TEXT[Math.floor(next() * RANDOM_TEXT.length)]!,
    ),
  });
  for (let i = 0; i < SAMPLES_PER_SLOT; i++) {
    const list = lists[Math.floor(next() * lists.length)]!;
    const payload = list.payloads[Math.floor(next() * list.payloads.length)]!;
    out.push({
      label: `${list.name}: ${JSON.stringify(payload.slice(0, 80))}`,
      encoded: encodeURIComponent(payload.toWellFormed()),
    });
  }
  for (let i = 0; i < RANDOM_BYTES_PER_SLOT; i++) {
    const encoded = randomBytesEncoded(next);
    out.push({ label: `random bytes ${encoded.slice(0, 60)}`, encoded });
  }
  return out;
}

describeEachDialect('route walk with hostile input', (getDb) => {
  let t: TestApp;
  const routes: RouteInfo[] = [];
  const clients = new Map<Persona, Client>();
  const csrf = new Map<Persona, string>();
  /** The API's credentials (a Content API key and an Admin API token): the editor's requests carry them, the visitor's none. */
  const apiHeaders = new Map<Persona, Record<string, string>>();
  let editorEmail = '';

  const routeOf = (method: string, path: string) =>
    routes.find((r) => r.method === method && r.regex.test(path));

  test('setup: a small newspaper, an editor, and the pages walked for their links and forms', {
    skip: payloadLists ? false : SHARED_MISSING,
  }, async () => {
    t = await buildTestApp(getDb());
    const section = await buildSection(t.ctx, {
      slug: 'economie',
      name: 'Économie',
    });
    const author = await buildAuthor(t.ctx, { slug: 'nadia', name: 'Nadia' });
    const tag = await buildTag(t.ctx, { slug: 'phosphate', name: 'Phosphate' });
    const published = await buildArticle(t.ctx, {
      slug: 'ocp-resultats',
      title: 'Résultats de l’OCP',
      sectionId: section.id,
      authorIds: [author.id],
      tagIds: [tag.id],
    });
    const draft = await buildArticle(t.ctx, {
      status: 'draft',
      title: 'Brouillon sur le port',
      sectionId: section.id,
      authorIds: [author.id],
    });
    const admin = await buildUser(t.ctx, 'admin');
    const editor = await buildUser(t.ctx, 'editor');
    editorEmail = editor.email;
    for (const r of t.routes)
      if (r.method !== 'HEAD') routes.push(routeInfo(r.method, r.url));

    // Walk as an admin, who sees every form, from the home page and the back office.
    const walker = new Client(t.app);
    assert.equal((await walker.signIn(admin.email)).statusCode, 303);
    const anonymous = new Client(t.app);
    const queue = [
      '/',
      '/recherche?q=port&rubrique=economie&tri=date&page=1',
      '/admin',
      '/admin/articles/nouveau',
      `/admin/articles/${draft.id}`,
      `/admin/articles/${published.id}`,
      `/admin/articles/${draft.id}/revisions`,
      '/admin/utilisateurs',
      '/admin/reglages',
      '/admin/rubriques',
      '/admin/journal',
    ];
    const seen = new Set<string>();
    while (queue.length && seen.size < 80) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await walker.get(url);
      const page = cheerio.load(res.body);
      const base = new URL(url, 'http://site.example');
      page('a[href]').each((_i, a) => {
        const href = new URL(page(a).attr('href')!, base);
        if (href.host !== 'site.example') return;
        const route = routeOf('GET', href.pathname);
        if (!route) return;
        route.example ??= href.pathname;
        for (const name of href.searchParams.keys()) route.query.add(name);
        if (
          !seen.has(href.pathname + href.search) &&
          href.pathname.split('/').length < 6
        )
          queue.push(href.pathname + href.search);
      });
      page('form').each((_i, f) => {
        const form = page(f);
        const method = (form.attr('method') ?? 'get').toUpperCase();
        const action = new URL(form.attr('action') ?? url, base);
        const route = routeOf(method, action.pathname);
        if (!route) return;
        route.example ??= action.pathname;
        if (method === 'POST') route.formSeen = true;
        form
          .find('input[name], select[name], textarea[name]')
          .each((_j, el) => {
            const field = page(el);
            const name = field.attr('name')!;
            if (name === '_csrf') return;
            const value =
              el.tagName === 'select'
                ? (field.find('option[selected]').attr('value') ??
                  field.find('option').first().attr('value') ??
                  '')
                : el.tagName === 'textarea'
                  ? field.text()
                  : field.attr('type') === 'checkbox'
                    ? (field.attr('value') ?? '1')
                    : (field.attr('value') ?? '');
            if (method === 'GET') route.query.add(name);
            else if (!route.form.has(name)) route.form.set(name, value);
          });
      });
    }
    // The login page, as a visitor sees it.
    const login = cheerio.load(
      (await anonymous.get('/admin/connexion?next=/admin')).body,
    );
    const loginRoute = routeOf('POST', '/admin/connexion')!;
    loginRoute.formSeen = true;
    login('form input[name]').each((_i, el) => {
      const n = login(el).attr('name')!;
      if (n !== '_csrf') loginRoute.form.set(n, login(el).attr('value') ?? '');
    });
    routeOf('GET', '/admin/connexion')!.query.add('next');

    clients.set('anonymous', anonymous);
    csrf.set('anonymous', await anonymous.csrf('/admin/connexion'));
    const editorClient = new Client(t.app);
    assert.equal((await editorClient.signIn(editor.email)).statusCode, 303);
    clients.set('editor', editorClient);
    apiHeaders.set('anonymous', {});
    apiHeaders.set('editor', {
      'x-api-key': await contentKey(t.ctx, admin.id),
      authorization: `Bearer ${await adminToken(t.ctx, { id: editor.id, role: 'editor' }, 'editor')}`,
    });
    csrf.set('editor', await editorClient.csrf('/admin'));

    const withForms = routes
      .filter((r) => r.form.size > 0)
      .map((r) => `${r.method} ${r.pattern}`);
    assert.ok(
      withForms.length >= 10,
      `forms found for ${withForms.join(', ')}`,
    );
    assert.ok(routes.length >= 40, `${routes.length} routes`);
  });

  test('no path parameter, query parameter or form field of any route answers 5xx', {
    skip: payloadLists ? false : SHARED_MISSING,
    timeout: 300_000,
  }, async () => {
    const next = seededRandom(SEED);

    const everyFormField = new Map(routes.flatMap((r) => [...r.form]));
    const failures: string[] = [];
    let sent = 0;
    const byStatus = new Map<number, number>();

    const send = async (
      persona: Persona,
      method: string,
      url: string,
      form: Record<string, string> | null,
    ) => {
      const client = clients.get(persona)!;
      let payload: string | undefined;
      if (form) {
        // Already encoded by the caller, field by field: random bytes stay bytes.
        payload = [
          ...Object.entries(form),
          ['_csrf', encodeURIComponent(csrf.get(persona)!)],
        ]
          .map(([k, v]) => `${encodeURIComponent(k!)}=${v}`)
          .join('&');
      }
      const res = await t.app.inject({
        method: method as 'GET',
        url,
        ...(payload !== undefined ? { payload } : {}),
        // Logins come from many addresses, so the per-address limit does not lock the editor out.
        remoteAddress: url.startsWith('/admin/connexion')
          ? `10.${sent % 250}.${Math.floor(sent / 250) % 250}.1`
          : '127.0.0.1',
        headers: {
          cookie: client.cookieHeader,
          ...(url.startsWith('/api/') ? apiHeaders.get(persona) : {}),
          ...(payload !== undefined
            ? { 'content-type': 'application/x-www-form-urlencoded' }
            : {}),
        },
      });
      sent++;
      return res;
    };
    const check = async (
      persona: Persona,
      method: string,
      url: string,
      form: Record<string, string> | null,
      what: string,
    ) => {
      const res = await send(persona, method, url, form);
      byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500) {
        failures.push(
          `${res.statusCode} ${method} ${url.slice(0, 160)} as ${persona}, ${what}: ${res.body.slice(0, 160)}`,
        );
        process.stderr.write(`${failures.at(-1)}\n`);
      }
      // Signing out ends the editor's session: sign in again, outside the count.
      if (persona === 'editor' && url.startsWith('/admin/deconnexion')) {
        const c = new Client(t.app);
        await c.signIn(editorEmail);
        clients.set('editor', c);
        csrf.set('editor', await c.csrf('/admin'));
      }
    };

    const timeByRoute = new Map<string, { ms: number; n: number }>();
    for (const route of routes) {
      const started = performance.now();
      const before = sent;
      const pathValue = (name: string, index: number) => {
        const fromExample = route.example
          ? route.regex.exec(route.example)?.[index + 1]
          : undefined;
        return (
          fromExample ??
          (name === 'month' ? '2025-07' : name === 'name' ? 'site.css' : '1')
        );
      };
      const buildPath = (override?: { index: number; encoded: string }) => {
        let i = 0;
        return route.pattern.replace(/:[A-Za-z]+/g, (m) => {
          const index = i++;
          return override?.index === index
            ? override.encoded
            : encodeURIComponent(pathValue(m.slice(1), index));
        });
      };
      // A route whose form no page shows (the editor's JSON endpoints, token pages) gets every field seen anywhere.
      const baseForm = () =>
        Object.fromEntries(
          [...(route.formSeen ? route.form : everyFormField)].map(([k, v]) => [
            k,
            encodeURIComponent(v),
          ]),
        );
      const isPost = route.method === 'POST';
      const slots: {
        what: string;
        edges?: 'all';
        url: (s: Sample) => string;
        form: (s: Sample) => Record<string, string> | null;
      }[] = [];
      route.params.forEach((name, index) =>
        slots.push({
          what: `path :${name}`,
          edges: 'all',
          url: (s) => buildPath({ index, encoded: s.encoded }),
          form: () => (isPost ? baseForm() : null),
        }),
      );
      for (const name of new Set([...COMMON_QUERY, ...route.query]))
        slots.push({
          what: `query ${name}`,
          url: (s) => `${buildPath()}?${encodeURIComponent(name)}=${s.encoded}`,
          form: () => (isPost ? baseForm() : null),
        });
      if (isPost) {
        for (const name of Object.keys(baseForm()))
          slots.push({
            what: `field ${name}`,
            url: () => buildPath(),
            form: (s) => ({ ...baseForm(), [name]: s.encoded }),
          });
      }
      for (const slot of slots) {
        const samples =
          slot.edges === 'all'
            ? [...EDGES.map(edge), ...samplesFor(next, payloadLists!, 0)]
            : samplesFor(next, payloadLists!, 1);
        // Path parameters go out as both personas; other values alternate between them (time).
        for (const [i, sample] of samples.entries()) {
          const personas: Persona[] =
            slot.edges === 'all'
              ? ['anonymous', 'editor']
              : [i % 2 === 0 ? 'editor' : 'anonymous'];
          for (const persona of personas)
            await check(
              persona,
              route.method,
              slot.url(sample),
              slot.form(sample),
              `${slot.what} = ${sample.label}`,
            );
        }
      }
      timeByRoute.set(`${route.method} ${route.pattern}`, {
        ms: performance.now() - started,
        n: sent - before,
      });
    }
    const statuses = [...byStatus]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
    process.stdout.write(
      `# route walk [${getDb().dialect}]: ${sent} requests over ${routes.length} routes, ${failures.length} answers ≥ 500 (${statuses})\n`,
    );
    const slowest = [...timeByRoute]
      .sort(([, a], [, b]) => b.ms - a.ms)
      .slice(0, 5)
      .map(([r, { ms, n }]) => `${r} ${n} in ${Math.round(ms)} ms`);
    process.stdout.write(`# slowest: ${slowest.join('; ')}\n`);
    // Not mostly refusals: at least half the walk gets past authentication, CSRF and rate limits
    // to the handlers (whose answer may be a 400 for the bad input it carries).
    const refused = [401, 403, 429].reduce(
      (n, status) => n + (byStatus.get(status) ?? 0),
      0,
    );
    assert.ok(sent - refused > sent / 2, statuses);
    assert.ok(
      (byStatus.get(200) ?? 0) + (byStatus.get(303) ?? 0) > sent / 10,
      statuses,
    );
    assert.deepEqual(failures.slice(0, 30), []);
    assert.ok(sent > 1500, `${sent} requests`);
  });

  test('teardown', async () => {
    await t?.app.close();
  });
});

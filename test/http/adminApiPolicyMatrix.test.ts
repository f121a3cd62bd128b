import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  buildArticle,
  buildAuthor,
  buildSection,
  type ArticleState,
} from '../support/factories.ts';
import { buildUser } from '../support/newsroom.ts';
import {
  adminToken,
  ApiClient,
  assertContract,
  validOpenApi,
} from '../support/api.ts';
import { ADMIN_API_VERBS } from '../../src/http/api/adminApi.ts';
import { jpeg } from '../support/pictures.ts';
import { storageEnv } from '../support/s3Server.ts';

/**
 * API token × role × route: every Admin API route, for every kind of token, allowed or denied,
 * with the same answers as the back office's matrix (test/http/policyMatrix.test.ts). Two tokens
 * are narrower than their member: an admin's token with the journalist role acts as a journalist,
 * an all-sections editor's token limited to Sport acts as the Sport editor. The target article
 * is someone else's, in Politique (publish and schedule confirm over the duplicate guard: the
 * targets look alike on purpose). Loosen any policy and a "deny" cell turns into "allow".
 */
type Persona =
  | 'none'
  | 'revoked'
  | 'contributor'
  | 'journalist'
  | 'adminAsJournalist'
  | 'sportEditor'
  | 'editorLimitedToSport'
  | 'editor'
  | 'admin';
const PERSONAS: Persona[] = [
  'none',
  'revoked',
  'contributor',
  'journalist',
  'adminAsJournalist',
  'sportEditor',
  'editorLimitedToSport',
  'editor',
  'admin',
];
const TOKENS: Persona[] = [
  'contributor',
  'journalist',
  'adminAsJournalist',
  'sportEditor',
  'editorLimitedToSport',
  'editor',
  'admin',
];
const VIEWERS: Persona[] = [
  'journalist',
  'adminAsJournalist',
  'sportEditor',
  'editorLimitedToSport',
  'editor',
  'admin',
];
const EDITORS: Persona[] = ['editor', 'admin'];
/** The audience page's figures: editors of any scope and above (policies/newsroom.ts readAudience). */
const AUDIENCE_READERS: Persona[] = [
  'sportEditor',
  'editorLimitedToSport',
  'editor',
  'admin',
];

interface Cell {
  route: string;
  allowed: Persona[];
  run: (token: string) => Promise<LightMyRequestResponse>;
}

/** Refused: no token, not allowed, or (for an article the member may not even see) not found, as in the back office. */
const denied = (res: LightMyRequestResponse) =>
  [401, 403, 404].includes(res.statusCode);

describeEachDialect('Admin API policy matrix', (getDb) => {
  let t: TestApp;
  let api: ApiClient;
  let politique: { id: number };
  let byline: { id: number };
  let picture: Buffer;
  let pictureId: number;
  let stopStorage: () => Promise<void>;
  const tokens = new Map<Persona, string>();

  const article = async (status: ArticleState) =>
    buildArticle(t.ctx, {
      status,
      sectionId: politique.id,
      title: `Cible ${status} ${Math.random()}`,
    });
  const input = () => ({
    title: `Modifié ${Math.random()}`,
    sectionId: politique.id,
    authorIds: [byline.id],
    bodySource: 'Texte.',
  });
  const verb =
    (name: string, status: ArticleState, body: unknown = {}) =>
    async (token: string) => {
      const a = await article(status);
      return api.admin(token).post(`/articles/${a.id}/${name}`, body, {
        'if-match': `"${a.version}"`,
      });
    };

  const cells: Cell[] = [
    {
      route: 'GET /api/admin/v1/me',
      allowed: TOKENS,
      run: (k) => api.admin(k).get('/me'),
    },
    {
      route: 'GET /api/admin/v1/articles/:id',
      allowed: VIEWERS,
      run: async (k) =>
        api.admin(k).get(`/articles/${(await article('draft')).id}`),
    },
    {
      route: 'POST /api/admin/v1/articles',
      allowed: TOKENS,
      run: (k) => api.admin(k).post('/articles', input()),
    },
    {
      route: 'PUT /api/admin/v1/articles/:id',
      allowed: EDITORS,
      run: async (k) => {
        const a = await article('draft');
        return api
          .admin(k)
          .put(`/articles/${a.id}`, input(), { 'if-match': `"${a.version}"` });
      },
    },
    {
      route: 'POST /api/admin/v1/articles/:id/correct',
      allowed: EDITORS,
      run: async (k) => {
        const a = await article('published');
        return api
          .admin(k)
          .post(
            `/articles/${a.id}/correct`,
            { article: input(), note: 'Une date était fausse.' },
            { 'if-match': `"${a.version}"` },
          );
      },
    },
    {
      route: 'POST /api/admin/v1/pictures',
      allowed: TOKENS,
      run: (k) =>
        api.admin(k).upload('/pictures', { name: 'photo.jpg', bytes: picture }),
    },
    {
      route: 'GET /api/admin/v1/pictures/:id',
      allowed: TOKENS,
      run: (k) => api.admin(k).get(`/pictures/${pictureId}`),
    },
    {
      route: 'GET /api/admin/v1/audience',
      allowed: AUDIENCE_READERS,
      run: (k) => api.admin(k).get('/audience?days=7'),
    },
    {
      route: 'POST /api/admin/v1/articles/:id/submit',
      allowed: EDITORS,
      run: verb('submit', 'draft'),
    },
    {
      route: 'POST /api/admin/v1/articles/:id/return',
      allowed: EDITORS,
      run: verb('return', 'review', { note: 'À revoir' }),
    },
    {
      route: 'POST /api/admin/v1/articles/:id/publish',
      allowed: EDITORS,
      run: verb('publish', 'review', { overrideDuplicate: true }),
    },
    {
      route: 'POST /api/admin/v1/articles/:id/schedule',
      allowed: EDITORS,
      run: verb('schedule', 'draft', {
        at: '2030-01-01T10:00:00Z',
        overrideDuplicate: true,
      }),
    },
    {
      route: 'POST /api/admin/v1/articles/:id/unschedule',
      allowed: EDITORS,
      run: verb('unschedule', 'scheduled'),
    },
    {
      route: 'POST /api/admin/v1/articles/:id/unpublish',
      allowed: EDITORS,
      run: verb('unpublish', 'published'),
    },
    {
      route: 'POST /api/admin/v1/articles/:id/trash',
      allowed: EDITORS,
      run: verb('trash', 'draft'),
    },
    {
      route: 'POST /api/admin/v1/articles/:id/restore',
      allowed: EDITORS,
      run: verb('restore', 'trashed'),
    },
  ];

  test('setup: one token per kind of member, and tokens narrower than their member', async () => {
    // Uploads go to a temporary directory, on both databases.
    const storage = await storageEnv('disk');
    stopStorage = storage.stop;
    t = await buildTestApp(getDb(), storage.env);
    api = new ApiClient(t.app);
    politique = await buildSection(t.ctx, {
      slug: 'politique',
      name: 'Politique',
    });
    byline = await buildAuthor(t.ctx);
    const sport = await buildSection(t.ctx, { slug: 'sport', name: 'Sport' });
    await buildUser(t.ctx, 'owner');
    const contributor = await buildUser(t.ctx, 'contributor');
    const journalist = await buildUser(t.ctx, 'journalist');
    const sportEditor = await buildUser(t.ctx, 'editor', {
      sectionIds: [sport.id],
    });
    const editor = await buildUser(t.ctx, 'editor');
    const admin = await buildUser(t.ctx, 'admin');
    tokens.set('none', '');
    tokens.set(
      'contributor',
      await adminToken(
        t.ctx,
        { ...contributor, role: 'contributor' },
        'contributor',
      ),
    );
    tokens.set(
      'journalist',
      await adminToken(
        t.ctx,
        { ...journalist, role: 'journalist' },
        'journalist',
      ),
    );
    tokens.set(
      'adminAsJournalist',
      await adminToken(t.ctx, { ...admin, role: 'admin' }, 'journalist'),
    );
    tokens.set(
      'sportEditor',
      await adminToken(
        t.ctx,
        { ...sportEditor, role: 'editor', sectionIds: [sport.id] },
        'editor',
      ),
    );
    tokens.set(
      'editorLimitedToSport',
      await adminToken(t.ctx, { ...editor, role: 'editor' }, 'editor', [
        sport.id,
      ]),
    );
    tokens.set(
      'editor',
      await adminToken(t.ctx, { ...editor, role: 'editor' }, 'editor'),
    );
    tokens.set(
      'admin',
      await adminToken(t.ctx, { ...admin, role: 'admin' }, 'admin'),
    );
    const revoked = await adminToken(
      t.ctx,
      { ...admin, role: 'admin' },
      'admin',
    );
    await t.ctx.db
      .updateTable('api_credentials')
      .set({ revoked_at: t.clock.now().toISOString() })
      .where('prefix', '=', revoked.slice(0, 10))
      .execute();
    tokens.set('revoked', revoked);
    picture = await jpeg({ width: 640, height: 400 });
    const uploaded = await api
      .admin(tokens.get('admin')!)
      .upload('/pictures', { name: 'cible.jpg', bytes: picture });
    assert.equal(uploaded.statusCode, 201, uploaded.body);
    pictureId = uploaded.json().id;
  });

  test('every Admin API route × every token is allowed or denied as the policies say', async () => {
    const wrong: string[] = [];
    for (const cell of cells) {
      for (const persona of PERSONAS) {
        const res = await cell.run(tokens.get(persona)!);
        assert.ok(
          res.statusCode < 500,
          `${cell.route} as ${persona} → ${res.statusCode} ${res.body}`,
        );
        const expectAllowed = cell.allowed.includes(persona);
        // Allowed means done (200/201), not merely "not refused": a 400 or 409 would hide a broken route.
        if (expectAllowed ? res.statusCode >= 300 : !denied(res))
          wrong.push(
            `${cell.route} as ${persona}: expected ${expectAllowed ? 'allow' : 'deny'}, got ${res.statusCode} ${res.body.slice(0, 120)}`,
          );
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('every Admin API route is in the matrix', () => {
    const covered = new Set(cells.map((c) => c.route));
    const missing = t.routes
      .filter((r) => r.url.startsWith('/api/admin/') && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`)
      .filter((r) => !covered.has(r));
    assert.deepEqual(missing, []);
    assert.equal(ADMIN_API_VERBS.length, 8);
  });

  test('contract: every response of the matrix matches the OpenAPI document', async () => {
    const checked = assertContract(await validOpenApi(t.app), api.exchanges);
    assert.ok(
      checked >= cells.length * PERSONAS.length * 0.9,
      `checked ${checked}`,
    );
  });

  test('teardown', async () => {
    await t.app.close();
    await stopStorage();
  });
});

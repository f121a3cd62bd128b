import { test } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../src/commands/context.ts';
import { postLiveEntry, startLiveBlog } from '../../src/commands/liveBlog.ts';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import { buildArticle, buildSection, type ArticleState } from '../support/factories.ts';
import { articleForm, buildUser, Client } from '../support/newsroom.ts';
import { listRevisions } from '../../src/db/repos/revisions.ts';
import { writeSetting } from '../../src/db/repos/settings.ts';

/**
 * Role × route: every back-office and write route, for every kind of visitor, allowed or denied.
 * The article acted on is someone else's, in Politique. Loosen any policy and a "deny" cell
 * turns into an "allow": this test fails.
 */
type Persona = 'anonymous' | 'contributor' | 'journalist' | 'sportEditor' | 'editor' | 'admin';
const PERSONAS: Persona[] = ['anonymous', 'contributor', 'journalist', 'sportEditor', 'editor', 'admin'];

interface Cell {
  route: string;
  allowed: Persona[];
  /** Makes the request for a persona, creating whatever it acts on. */
  run: (c: Client, persona: Persona) => Promise<{ statusCode: number; headers: Record<string, unknown> }>;
}

const SIGNED_IN: Persona[] = ['contributor', 'journalist', 'sportEditor', 'editor', 'admin'];
const EDITORS: Persona[] = ['editor', 'admin'];
const ADMINS: Persona[] = ['admin'];

function denied(res: { statusCode: number; headers: Record<string, unknown> }): boolean {
  return res.statusCode === 401 || res.statusCode === 403 || String(res.headers['location'] ?? '').startsWith('/admin/connexion');
}

describeEachDialect('policy matrix', (getDb) => {
  let t: TestApp;
  const clients = new Map<Persona, Client>();
  let politique: { id: number };
  let owner: { id: number };
  let journalistUser: { id: number };

  const article = async (status: ArticleState) => buildArticle(t.ctx, { status, sectionId: politique.id, title: `Cible ${status} ${Math.random()}` });
  const csrfOf = (c: Client, persona: Persona) => c.csrf(persona === 'anonymous' ? '/admin/connexion' : '/admin');
  const post = async (c: Client, persona: Persona, url: string, form: Record<string, string>) => c.post(url, form, { csrf: await csrfOf(c, persona) });
  const verb = (segment: string, status: ArticleState, extra: Record<string, string> = {}) => async (c: Client, p: Persona) => {
    const a = await article(status);
    return post(c, p, `/admin/articles/${a.id}/${segment}`, { version: String(a.version), ...extra });
  };
  const targetUser = async () => (await buildUser(t.ctx, 'journalist')).id;
  /** A published article followed live, with one entry posted by the system (nobody's own). */
  const liveArticle = async () => {
    const a = await article('published');
    await startLiveBlog(t.ctx, systemActor('test'), { articleId: a.id });
    const entryId = await postLiveEntry(t.ctx, systemActor('test'), { articleId: a.id, bodySource: 'Coup d’envoi.' });
    return { id: a.id, entryId };
  };
  const VIA_LIVE: Persona[] = ['journalist', 'sportEditor', 'editor', 'admin'];

  const cells: Cell[] = [
    { route: 'GET /admin', allowed: SIGNED_IN, run: (c) => c.get('/admin') },
    { route: 'GET /admin/articles/nouveau', allowed: SIGNED_IN, run: (c) => c.get('/admin/articles/nouveau') },
    { route: 'GET /admin/articles/:id', allowed: ['journalist', 'sportEditor', 'editor', 'admin'], run: async (c) => c.get(`/admin/articles/${(await article('draft')).id}`) },
    { route: 'GET /admin/articles/:id/revisions', allowed: ['journalist', 'sportEditor', 'editor', 'admin'], run: async (c) => c.get(`/admin/articles/${(await article('draft')).id}/revisions`) },
    { route: 'GET /admin/sujets', allowed: SIGNED_IN, run: (c) => c.get('/admin/sujets?q=ma') },
    { route: 'GET /admin/utilisateurs', allowed: ADMINS, run: (c) => c.get('/admin/utilisateurs') },
    { route: 'GET /admin/reglages', allowed: ADMINS, run: (c) => c.get('/admin/reglages') },
    { route: 'GET /admin/journal', allowed: ADMINS, run: (c) => c.get('/admin/journal') },
    { route: 'GET /admin/articles/:id/direct', allowed: VIA_LIVE, run: async (c) => c.get(`/admin/articles/${(await liveArticle()).id}/direct`) },
    { route: 'POST …/direct/ouvrir', allowed: EDITORS, run: async (c, p) => post(c, p, `/admin/articles/${(await article('published')).id}/direct/ouvrir`, {}) },
    { route: 'POST …/direct/terminer', allowed: EDITORS, run: async (c, p) => post(c, p, `/admin/articles/${(await liveArticle()).id}/direct/terminer`, {}) },
    { route: 'POST …/direct/score', allowed: EDITORS, run: async (c, p) => post(c, p, `/admin/articles/${(await liveArticle()).id}/direct/score`, { home: 'A', homeScore: '1', away: 'B', awayScore: '0', status: '' }) },
    { route: 'POST …/direct/entrees', allowed: VIA_LIVE, run: async (c, p) => post(c, p, `/admin/articles/${(await liveArticle()).id}/direct/entrees`, { bodySource: 'Une entrée.' }) },
    { route: 'POST …/direct/entrees/:entryId', allowed: EDITORS, run: async (c, p) => { const l = await liveArticle(); return post(c, p, `/admin/articles/${l.id}/direct/entrees/${l.entryId}`, { bodySource: 'Corrigé.' }); } },
    { route: 'POST …/direct/entrees/:entryId/supprimer', allowed: EDITORS, run: async (c, p) => { const l = await liveArticle(); return post(c, p, `/admin/articles/${l.id}/direct/entrees/${l.entryId}/supprimer`, {}); } },
    { route: 'GET /admin/audience', allowed: ['sportEditor', 'editor', 'admin'], run: (c) => c.get('/admin/audience') },
    { route: 'GET /admin/rubriques', allowed: EDITORS, run: (c) => c.get('/admin/rubriques') },
    { route: 'POST /admin/articles', allowed: SIGNED_IN, run: (c, p) => post(c, p, '/admin/articles', articleForm({ title: 'Nouveau', sectionId: String(politique.id) })) },
    { route: 'POST /admin/articles/:id', allowed: EDITORS, run: async (c, p) => { const a = await article('draft'); return post(c, p, `/admin/articles/${a.id}`, articleForm({ title: 'Modifié', sectionId: String(politique.id), version: String(a.version) })); } },
    { route: 'POST /admin/articles/:id/autosave', allowed: EDITORS, run: async (c) => { const a = await article('draft'); return c.postJson(`/admin/articles/${a.id}/autosave`, { ...articleForm({ title: 'Auto', sectionId: String(politique.id) }), version: String(a.version) }); } },
    { route: 'POST /admin/apercu', allowed: SIGNED_IN, run: (c) => c.postJson('/admin/apercu', { bodySource: '## Titre' }) },
    { route: 'POST …/soumettre', allowed: EDITORS, run: verb('soumettre', 'draft') },
    { route: 'POST …/renvoyer', allowed: EDITORS, run: verb('renvoyer', 'review', { note: 'À revoir' }) },
    { route: 'POST …/publier', allowed: EDITORS, run: verb('publier', 'review') },
    { route: 'POST …/programmer', allowed: EDITORS, run: verb('programmer', 'draft', { at: '2030-01-01T10:00' }) },
    { route: 'POST …/deprogrammer', allowed: EDITORS, run: verb('deprogrammer', 'scheduled') },
    { route: 'POST …/depublier', allowed: EDITORS, run: verb('depublier', 'published') },
    { route: 'POST …/corbeille', allowed: EDITORS, run: verb('corbeille', 'draft') },
    { route: 'POST …/restaurer', allowed: EDITORS, run: verb('restaurer', 'trashed') },
    { route: 'POST …/revisions/:rid/restaurer', allowed: EDITORS, run: async (c, p) => { const a = await article('draft'); const [r] = await listRevisions(t.ctx.db, a.id); return post(c, p, `/admin/articles/${a.id}/revisions/${r!.id}/restaurer`, { version: String(a.version) }); } },
    { route: 'POST /admin/utilisateurs', allowed: ADMINS, run: (c, p) => post(c, p, '/admin/utilisateurs', { email: `invite-${Math.random().toString(36).slice(2)}@x.example`, displayName: 'Invité', role: 'contributor' }) },
    { route: 'POST /admin/utilisateurs/:id/role', allowed: ADMINS, run: async (c, p) => post(c, p, `/admin/utilisateurs/${await targetUser()}/role`, { role: 'editor' }) },
    { route: 'POST /admin/utilisateurs/:id/desactiver', allowed: ADMINS, run: async (c, p) => post(c, p, `/admin/utilisateurs/${await targetUser()}/desactiver`, {}) },
    { route: 'POST /admin/utilisateurs/:id/reinitialiser', allowed: ADMINS, run: async (c, p) => post(c, p, `/admin/utilisateurs/${await targetUser()}/reinitialiser`, {}) },
    { route: 'POST /admin/reglages', allowed: ADMINS, run: (c, p) => post(c, p, '/admin/reglages', {}) },
    { route: 'POST /admin/rubriques', allowed: EDITORS, run: (c, p) => post(c, p, '/admin/rubriques', { name: `Rubrique ${Math.random().toString(36).slice(2, 8)}`, description: '' }) },
  ];

  test('setup: one member per role, an owner who owns the target articles', async () => {
    t = await buildTestApp(getDb());
    politique = await buildSection(t.ctx, { slug: 'politique', name: 'Politique' });
    const sport = await buildSection(t.ctx, { slug: 'sport', name: 'Sport' });
    owner = await buildUser(t.ctx, 'owner');
    const users = {
      contributor: await buildUser(t.ctx, 'contributor'),
      journalist: await buildUser(t.ctx, 'journalist'),
      sportEditor: await buildUser(t.ctx, 'editor', { sectionIds: [sport.id] }),
      editor: await buildUser(t.ctx, 'editor'), // every section
      admin: await buildUser(t.ctx, 'admin'),
    };
    journalistUser = users.journalist;
    clients.set('anonymous', new Client(t.app));
    for (const [persona, u] of Object.entries(users)) {
      const c = new Client(t.app);
      assert.equal((await c.signIn(u.email)).statusCode, 303, persona);
      clients.set(persona as Persona, c);
    }
    assert.ok(owner.id > 0);
  });

  test('every route × every persona is allowed or denied as the policies say', async () => {
    assert.ok(t.routes.filter((r) => r.url.startsWith('/admin')).length >= 25, 'the matrix covers the back office');
    const wrong: string[] = [];
    for (const cell of cells) {
      for (const persona of PERSONAS) {
        const res = await cell.run(clients.get(persona)!, persona);
        assert.ok(res.statusCode < 500, `${cell.route} as ${persona} → ${res.statusCode}`);
        const expectAllowed = cell.allowed.includes(persona);
        if (denied(res) === expectAllowed) wrong.push(`${cell.route} as ${persona}: expected ${expectAllowed ? 'allow' : 'deny'}, got ${res.statusCode} ${String(res.headers['location'] ?? '')}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('every back-office route is in the matrix', () => {
    const covered = new Set(cells.map((c) => c.route.replace('…', '/admin/articles/:id')));
    const exempt = new Set(['GET /admin/connexion', 'POST /admin/connexion', 'POST /admin/deconnexion', 'GET /admin/setup', 'POST /admin/setup', 'GET /admin/mot-de-passe', 'POST /admin/mot-de-passe']);
    const missing = t.routes.filter((r) => r.url.startsWith('/admin') && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url.replace(':revisionId', ':rid')}`)
      .filter((r) => !covered.has(r) && !exempt.has(r));
    assert.deepEqual(missing, []);
  });

  test('own work: a contributor edits and submits their draft but cannot publish; journalists publish only when allowed', async () => {
    const contributor = clients.get('contributor')!;
    const created = await contributor.post('/admin/articles', articleForm({ title: 'Mon brouillon', sectionId: String(politique.id) }), { csrf: await contributor.csrf('/admin') });
    const id = Number(/\/admin\/articles\/(\d+)/.exec(String(created.headers.location))![1]);
    assert.equal((await contributor.get(`/admin/articles/${id}`)).statusCode, 200);
    assert.equal((await contributor.post(`/admin/articles/${id}`, articleForm({ title: 'Mon brouillon revu', sectionId: String(politique.id), version: '1' }), { csrf: await contributor.csrf('/admin') })).statusCode, 303);
    assert.equal((await contributor.post(`/admin/articles/${id}/publier`, { version: '2' }, { csrf: await contributor.csrf('/admin') })).statusCode, 403);
    assert.equal((await contributor.post(`/admin/articles/${id}/soumettre`, { version: '2' }, { csrf: await contributor.csrf('/admin') })).statusCode, 303);
    assert.equal((await contributor.post(`/admin/articles/${id}`, articleForm({ title: 'Encore', sectionId: String(politique.id), version: '3' }), { csrf: await contributor.csrf('/admin') })).statusCode, 403, 'in review, out of the contributor’s hands');

    const journalist = clients.get('journalist')!;
    const own = await journalist.post('/admin/articles', articleForm({ title: 'Mon papier', sectionId: String(politique.id) }), { csrf: await journalist.csrf('/admin') });
    const ownId = Number(/\/admin\/articles\/(\d+)/.exec(String(own.headers.location))![1]);
    assert.equal((await journalist.post(`/admin/articles/${ownId}/publier`, { version: '1' }, { csrf: await journalist.csrf('/admin') })).statusCode, 403);
    await writeSetting(t.ctx.db, 'journalistsCanPublish', true, t.clock.now());
    assert.equal((await journalist.post(`/admin/articles/${ownId}/publier`, { version: '1' }, { csrf: await journalist.csrf('/admin') })).statusCode, 303);
    const someoneElses = await article('review');
    assert.equal((await journalist.post(`/admin/articles/${someoneElses.id}/publier`, { version: String(someoneElses.version) }, { csrf: await journalist.csrf('/admin') })).statusCode, 403, 'only their own');
    assert.ok(journalistUser.id > 0);
  });

  test('teardown', async () => { await t.app.close(); });
});

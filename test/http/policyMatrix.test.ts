import { test } from 'node:test';
import assert from 'node:assert/strict';
import { systemActor } from '../../src/commands/context.ts';
import { postLiveEntry, startLiveBlog } from '../../src/commands/liveBlog.ts';
import { describeEachDialect } from '../support/databases.ts';
import { buildTestApp, type TestApp } from '../support/app.ts';
import {
  buildArticle,
  buildSection,
  type ArticleState,
} from '../support/factories.ts';
import { articleForm, buildUser, Client } from '../support/newsroom.ts';
import { listRevisions } from '../../src/db/repos/revisions.ts';
import { writeSetting } from '../../src/db/repos/settings.ts';
import { findArticleById } from '../../src/db/repos/articles.ts';
import { updateArticle } from '../../src/commands/updateArticle.ts';
import { jpeg, uploadAs } from '../support/pictures.ts';
import { uploadMedia } from '../../src/commands/media/uploadMedia.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiCredential } from '../../src/commands/integrations.ts';
import { createWebhook } from '../../src/commands/webhooks.ts';
import { insertPreviewLink } from '../../src/db/repos/previewLinks.ts';
import { hashToken } from '../../src/auth/tokens.ts';
import { postComment } from '../../src/commands/articleComments.ts';

/**
 * Role × route: every back-office and write route, for every kind of visitor, allowed or denied.
 * The article acted on is someone else's, in Politique, unless the cell says otherwise. The
 * `sportEditor` is limited to Sport: the cells that move articles between Politique and Sport, or
 * act on a Sport article, check the state each write leaves (the section it goes to), not only
 * the one it finds. Loosen any policy and a "deny" cell turns into an "allow": this test fails.
 */
type Persona =
  | 'anonymous'
  | 'contributor'
  | 'journalist'
  | 'sportEditor'
  | 'editor'
  | 'admin';
const PERSONAS: Persona[] = [
  'anonymous',
  'contributor',
  'journalist',
  'sportEditor',
  'editor',
  'admin',
];

interface Cell {
  route: string;
  allowed: Persona[];
  /** When allowed, the statuses that mean it was done (a 400 is not an "allow"). */
  done?: number[];
  /** Makes the request for a persona, creating whatever it acts on. */
  run: (
    c: Client,
    persona: Persona,
  ) => Promise<{ statusCode: number; headers: Record<string, unknown> }>;
}

const SIGNED_IN: Persona[] = [
  'contributor',
  'journalist',
  'sportEditor',
  'editor',
  'admin',
];
const EDITORS: Persona[] = ['editor', 'admin'];
/** Who may read someone else's draft (contributors see only their own). */
const READERS: Persona[] = ['journalist', 'sportEditor', 'editor', 'admin'];
const ADMINS: Persona[] = ['admin'];
const SPORT_DESK: Persona[] = ['sportEditor', 'editor', 'admin'];
/** Pictures have no section: every editor manages the library. */
const PICTURE_EDITORS: Persona[] = ['sportEditor', 'editor', 'admin'];

/** Refused: not signed in, not allowed, or (for what the member may not even see) not found. */
function denied(res: {
  statusCode: number;
  headers: Record<string, unknown>;
}): boolean {
  return (
    [401, 403, 404].includes(res.statusCode) ||
    String(res.headers['location'] ?? '').startsWith('/admin/connexion')
  );
}

/** An article's byline ids, read directly (the form must keep them for a published article). */
const listArticleAuthorIds = async (t: TestApp, articleId: number) =>
  (
    await t.ctx.db
      .selectFrom('article_authors')
      .select('author_id')
      .where('article_id', '=', articleId)
      .orderBy('position')
      .execute()
  ).map((r) => r.author_id);

describeEachDialect('policy matrix', (getDb) => {
  let t: TestApp;
  const clients = new Map<Persona, Client>();
  let politique: { id: number };
  let sport: { id: number };
  let owner: { id: number };
  let journalistUser: { id: number; authorId: number };
  let sportEditorAuthor: number;

  const article = async (status: ArticleState, sectionId = politique.id) =>
    buildArticle(t.ctx, {
      status,
      sectionId,
      title: `Cible ${status} ${Math.random()}`,
    });
  /** The editor form for `a` as it stands (its byline kept), moved to `sectionId`. */
  const formFor = async (
    a: { id: number; version: number },
    sectionId: number,
    title = 'Modifié',
  ) =>
    articleForm({
      title,
      sectionId: String(sectionId),
      version: String(a.version),
      author1: String((await listArticleAuthorIds(t, a.id))[0] ?? ''),
    });
  const move =
    (status: ArticleState, from: () => number, to: () => number) =>
    async (c: Client, p: Persona) => {
      const a = await article(status, from());
      return post(c, p, `/admin/articles/${a.id}`, await formFor(a, to()));
    };
  const csrfOf = (c: Client, persona: Persona) =>
    c.csrf(persona === 'anonymous' ? '/admin/connexion' : '/admin');
  const post = async (
    c: Client,
    persona: Persona,
    url: string,
    form: Record<string, string>,
  ) => c.post(url, form, { csrf: await csrfOf(c, persona) });
  const verb =
    (
      segment: string,
      status: ArticleState,
      extra: Record<string, string> = {},
      sectionId = () => politique.id,
    ) =>
    async (c: Client, p: Persona) => {
      const a = await article(status, sectionId());
      return post(c, p, `/admin/articles/${a.id}/${segment}`, {
        version: String(a.version),
        ...extra,
      });
    };
  const targetUser = async () => (await buildUser(t.ctx, 'journalist')).id;
  let photo: Buffer;
  /** A picture someone else (the system) uploaded: only editors manage it. */
  const picture = async () => {
    const dir = mkdtempSync(join(tmpdir(), 'newsdesk-fixture-'));
    writeFileSync(join(dir, 'p.jpg'), photo);
    try {
      return await uploadMedia(t.ctx, systemActor('test'), {
        path: join(dir, 'p.jpg'),
        fileName: 'p.jpg',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const mediaForm = (version: number) => ({
    version: String(version),
    alt: 'Texte',
    caption: '',
    credit: '',
    copyright: '',
    usageNotes: '',
    focalX: '0.5',
    focalY: '0.5',
  });
  const ownerActor = () => ({
    kind: 'user' as const,
    id: owner.id,
    role: 'owner' as const,
    sectionIds: [],
  });
  const ownersWebhook = async () =>
    (
      await createWebhook(t.ctx, ownerActor(), {
        name: 'Webhook du propriétaire',
        url: 'https://hooks.example/in',
        events: ['article.published'],
      })
    ).id;
  /** A delivery already sent (so replayable): queued by a publication, marked delivered as a fixture. */
  const deliveredOnce = async () => {
    await ownersWebhook();
    await article('published');
    const row = await t.ctx.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await t.ctx.db
      .updateTable('webhook_deliveries')
      .set({ status: 'delivered' })
      .where('id', '=', row.id)
      .execute();
    return row.id;
  };
  const ownersKey = async () =>
    (
      await createApiCredential(
        t.ctx,
        { kind: 'user', id: owner.id, role: 'owner', sectionIds: [] },
        { kind: 'content', name: 'Clé du propriétaire' },
      )
    ).id;
  /** A published article followed live, with one entry posted by the system (nobody's own). */
  const liveArticle = async () => {
    const a = await article('published');
    await startLiveBlog(t.ctx, systemActor('test'), { articleId: a.id });
    const entryId = await postLiveEntry(t.ctx, systemActor('test'), {
      articleId: a.id,
      bodySource: 'Coup d’envoi.',
    });
    return { id: a.id, entryId };
  };
  const VIA_LIVE: Persona[] = ['journalist', 'sportEditor', 'editor', 'admin'];

  const cells: Cell[] = [
    { route: 'GET /admin', allowed: SIGNED_IN, run: (c) => c.get('/admin') },
    {
      route: 'GET /admin/articles/nouveau',
      allowed: SIGNED_IN,
      run: (c) => c.get('/admin/articles/nouveau'),
    },
    {
      route: 'GET /admin/articles/:id',
      allowed: ['journalist', 'sportEditor', 'editor', 'admin'],
      run: async (c) => c.get(`/admin/articles/${(await article('draft')).id}`),
    },
    {
      // Who else has the article open: the same readers as the article itself (JSON snapshot).
      route: 'GET /admin/articles/:id/presence',
      allowed: ['journalist', 'sportEditor', 'editor', 'admin'],
      run: async (c) =>
        c.get(`/admin/articles/${(await article('draft')).id}/presence`),
    },
    {
      // Each member's own notifications.
      route: 'GET /admin/notifications',
      allowed: SIGNED_IN,
      run: (c) => c.get('/admin/notifications'),
    },
    {
      route: 'POST /admin/notifications/lues',
      allowed: SIGNED_IN,
      run: (c, p) => post(c, p, '/admin/notifications/lues', {}),
    },
    {
      route: 'GET /admin/articles/:id/revisions',
      allowed: ['journalist', 'sportEditor', 'editor', 'admin'],
      run: async (c) =>
        c.get(`/admin/articles/${(await article('draft')).id}/revisions`),
    },
    {
      route: 'GET /admin/sujets',
      allowed: SIGNED_IN,
      run: (c) => c.get('/admin/sujets?q=ma'),
    },
    {
      route: 'GET /admin/utilisateurs',
      allowed: ADMINS,
      run: (c) => c.get('/admin/utilisateurs'),
    },
    {
      route: 'GET /admin/reglages',
      allowed: ADMINS,
      run: (c) => c.get('/admin/reglages'),
    },
    {
      route: 'GET /admin/journal',
      allowed: ADMINS,
      run: (c) => c.get('/admin/journal'),
    },
    {
      route: 'GET /admin/articles/:id/direct',
      allowed: VIA_LIVE,
      run: async (c) =>
        c.get(`/admin/articles/${(await liveArticle()).id}/direct`),
    },
    {
      route: 'POST …/direct/ouvrir',
      allowed: EDITORS,
      run: async (c, p) =>
        post(
          c,
          p,
          `/admin/articles/${(await article('published')).id}/direct/ouvrir`,
          {},
        ),
    },
    {
      route: 'POST …/direct/terminer',
      allowed: EDITORS,
      run: async (c, p) =>
        post(
          c,
          p,
          `/admin/articles/${(await liveArticle()).id}/direct/terminer`,
          {},
        ),
    },
    {
      route: 'POST …/direct/score',
      allowed: EDITORS,
      run: async (c, p) =>
        post(c, p, `/admin/articles/${(await liveArticle()).id}/direct/score`, {
          home: 'A',
          homeScore: '1',
          away: 'B',
          awayScore: '0',
          status: '',
        }),
    },
    {
      route: 'POST …/direct/entrees',
      allowed: VIA_LIVE,
      run: async (c, p) =>
        post(
          c,
          p,
          `/admin/articles/${(await liveArticle()).id}/direct/entrees`,
          { bodySource: 'Une entrée.' },
        ),
    },
    {
      route: 'POST …/direct/entrees/:entryId',
      allowed: EDITORS,
      run: async (c, p) => {
        const l = await liveArticle();
        return post(
          c,
          p,
          `/admin/articles/${l.id}/direct/entrees/${l.entryId}`,
          { bodySource: 'Corrigé.' },
        );
      },
    },
    {
      route: 'POST …/direct/entrees/:entryId/supprimer',
      allowed: EDITORS,
      run: async (c, p) => {
        const l = await liveArticle();
        return post(
          c,
          p,
          `/admin/articles/${l.id}/direct/entrees/${l.entryId}/supprimer`,
          {},
        );
      },
    },
    {
      route: 'GET /admin/audience',
      allowed: ['sportEditor', 'editor', 'admin'],
      run: (c) => c.get('/admin/audience'),
    },
    {
      route: 'GET /admin/rubriques',
      allowed: EDITORS,
      run: (c) => c.get('/admin/rubriques'),
    },
    {
      route: 'POST /admin/articles',
      allowed: SIGNED_IN,
      run: (c, p) =>
        post(
          c,
          p,
          '/admin/articles',
          articleForm({ title: 'Nouveau', sectionId: String(politique.id) }),
        ),
    },
    {
      route: 'POST /admin/articles/:id',
      allowed: EDITORS,
      run: async (c, p) => {
        const a = await article('draft');
        return post(
          c,
          p,
          `/admin/articles/${a.id}`,
          articleForm({
            title: 'Modifié',
            sectionId: String(politique.id),
            version: String(a.version),
          }),
        );
      },
    },
    {
      route: 'POST /admin/articles/:id/autosave',
      allowed: EDITORS,
      run: async (c) => {
        const a = await article('draft');
        return c.postJson(`/admin/articles/${a.id}/autosave`, {
          ...articleForm({ title: 'Auto', sectionId: String(politique.id) }),
          version: String(a.version),
        });
      },
    },
    {
      route: 'POST /admin/articles/:id/liens-apercu',
      allowed: EDITORS,
      done: [200],
      run: async (c, p) => {
        const a = await article('draft');
        return post(c, p, `/admin/articles/${a.id}/liens-apercu`, {});
      },
    },
    {
      route: 'POST /admin/articles/:id/liens-apercu/:linkId/revoquer',
      allowed: EDITORS,
      done: [303],
      run: async (c, p) => {
        const a = await article('draft');
        const now = t.ctx.clock.now();
        const linkId = await insertPreviewLink(t.ctx.db, {
          articleId: a.id,
          tokenHash: hashToken(`matrix-${a.id}`),
          createdBy: owner.id,
          createdAt: now,
          expiresAt: new Date(now.getTime() + 3_600_000),
        });
        return post(
          c,
          p,
          `/admin/articles/${a.id}/liens-apercu/${linkId}/revoquer`,
          {},
        );
      },
    },
    {
      // Drawing unsaved fields concerns no stored article: any member may preview their text.
      route: 'POST /admin/apercu/page',
      allowed: SIGNED_IN,
      done: [200],
      run: (c, p) =>
        post(
          c,
          p,
          '/admin/apercu/page',
          articleForm({ title: 'Aperçu', sectionId: String(politique.id) }),
        ),
    },
    {
      // The « Lire aussi » search: each member finds only what their scope shows.
      route: 'GET /admin/articles.json',
      allowed: SIGNED_IN,
      done: [200],
      run: (c) => c.get('/admin/articles.json?q=Cible'),
    },
    {
      route: 'POST /admin/apercu',
      allowed: SIGNED_IN,
      run: (c) => c.postJson('/admin/apercu', { bodySource: '## Titre' }),
    },
    {
      route: 'POST /admin/verifications-publication',
      allowed: SIGNED_IN,
      run: (c) =>
        c.postJson('/admin/verifications-publication', { title: 'Un titre' }),
    },
    {
      route: 'POST …/soumettre',
      allowed: EDITORS,
      run: verb('soumettre', 'draft'),
    },
    {
      route: 'POST …/renvoyer',
      allowed: EDITORS,
      run: verb('renvoyer', 'review', { note: 'À revoir' }),
    },
    {
      route: 'POST …/publier',
      allowed: EDITORS,
      run: verb('publier', 'review'),
    },
    {
      route: 'POST …/programmer',
      allowed: EDITORS,
      run: verb('programmer', 'draft', { at: '2030-01-01T10:00' }),
    },
    {
      route: 'POST …/deprogrammer',
      allowed: EDITORS,
      run: verb('deprogrammer', 'scheduled'),
    },
    {
      route: 'POST …/depublier',
      allowed: EDITORS,
      run: verb('depublier', 'published'),
    },
    {
      route: 'POST …/corbeille',
      allowed: EDITORS,
      run: verb('corbeille', 'draft'),
    },
    {
      route: 'POST …/restaurer',
      allowed: EDITORS,
      run: verb('restaurer', 'trashed'),
    },
    {
      route: 'POST …/revisions/:rid/restaurer',
      allowed: EDITORS,
      run: async (c, p) => {
        const a = await article('draft');
        const [r] = await listRevisions(t.ctx.db, a.id);
        return post(
          c,
          p,
          `/admin/articles/${a.id}/revisions/${r!.id}/restaurer`,
          { version: String(a.version) },
        );
      },
    },
    {
      route: 'POST /admin/utilisateurs',
      allowed: ADMINS,
      run: (c, p) =>
        post(c, p, '/admin/utilisateurs', {
          email: `invite-${Math.random().toString(36).slice(2)}@x.example`,
          displayName: 'Invité',
          role: 'contributor',
        }),
    },
    {
      route: 'POST /admin/utilisateurs/:id/role',
      allowed: ADMINS,
      run: async (c, p) =>
        post(c, p, `/admin/utilisateurs/${await targetUser()}/role`, {
          role: 'editor',
        }),
    },
    {
      route: 'POST /admin/utilisateurs/:id/desactiver',
      allowed: ADMINS,
      run: async (c, p) =>
        post(c, p, `/admin/utilisateurs/${await targetUser()}/desactiver`, {}),
    },
    {
      route: 'POST /admin/utilisateurs/:id/reinitialiser',
      allowed: ADMINS,
      run: async (c, p) =>
        post(
          c,
          p,
          `/admin/utilisateurs/${await targetUser()}/reinitialiser`,
          {},
        ),
    },
    {
      route: 'POST /admin/reglages',
      allowed: ADMINS,
      run: (c, p) => post(c, p, '/admin/reglages', {}),
    },
    {
      route: 'GET /admin/medias',
      allowed: SIGNED_IN,
      run: (c) => c.get('/admin/medias'),
    },
    {
      route: 'GET /admin/medias.json',
      allowed: SIGNED_IN,
      run: (c) => c.get('/admin/medias.json?q=p'),
    },
    {
      route: 'GET /admin/medias/:id',
      allowed: SIGNED_IN,
      run: async (c) => c.get(`/admin/medias/${(await picture()).id}`),
    },
    {
      route: 'POST /admin/medias',
      allowed: SIGNED_IN,
      run: (c) => uploadAs(c, '/admin/medias', 'photo.jpg', photo),
    },
    {
      route: 'POST /admin/medias/:id',
      allowed: PICTURE_EDITORS,
      run: async (c, p) => {
        const m = await picture();
        return post(c, p, `/admin/medias/${m.id}`, mediaForm(m.version));
      },
    },
    {
      route: 'POST /admin/medias/:id/remplacer',
      allowed: PICTURE_EDITORS,
      run: async (c) =>
        uploadAs(
          c,
          `/admin/medias/${(await picture()).id}/remplacer`,
          'photo.jpg',
          photo,
        ),
    },
    {
      route: 'POST /admin/medias/:id/supprimer',
      allowed: PICTURE_EDITORS,
      run: async (c, p) =>
        post(c, p, `/admin/medias/${(await picture()).id}/supprimer`, {}),
    },
    {
      route: 'GET /admin/integrations',
      allowed: SIGNED_IN,
      run: (c) => c.get('/admin/integrations'),
    },
    {
      route: 'POST /admin/integrations/jetons',
      allowed: SIGNED_IN,
      run: (c, p) =>
        post(c, p, '/admin/integrations/jetons', {
          name: 'Mon script',
          role: 'contributor',
        }),
    },
    {
      route: 'POST /admin/integrations/cles',
      allowed: ADMINS,
      run: (c, p) =>
        post(c, p, '/admin/integrations/cles', {
          name: 'Application',
          corsOrigins: '',
          ratePerMinute: '600',
        }),
    },
    {
      route: 'POST /admin/integrations/:id/revoquer',
      allowed: ADMINS,
      run: async (c, p) =>
        post(c, p, `/admin/integrations/${await ownersKey()}/revoquer`, {}),
    },
    {
      route: 'POST /admin/integrations/webhooks',
      allowed: ADMINS,
      run: (c, p) =>
        post(c, p, '/admin/integrations/webhooks', {
          webhookName: 'Relais',
          url: 'https://hooks.example/in',
          events: 'article.published',
        }),
    },
    {
      route: 'GET /admin/integrations/webhooks/:id',
      allowed: ADMINS,
      run: async (c) =>
        c.get(`/admin/integrations/webhooks/${await ownersWebhook()}`),
    },
    {
      route: 'POST /admin/integrations/webhooks/:id/activer',
      allowed: ADMINS,
      run: async (c, p) =>
        post(
          c,
          p,
          `/admin/integrations/webhooks/${await ownersWebhook()}/activer`,
          {},
        ),
    },
    {
      route: 'POST /admin/integrations/webhooks/:id/desactiver',
      allowed: ADMINS,
      run: async (c, p) =>
        post(
          c,
          p,
          `/admin/integrations/webhooks/${await ownersWebhook()}/desactiver`,
          {},
        ),
    },
    {
      route: 'POST /admin/integrations/webhooks/:id/supprimer',
      allowed: ADMINS,
      run: async (c, p) =>
        post(
          c,
          p,
          `/admin/integrations/webhooks/${await ownersWebhook()}/supprimer`,
          {},
        ),
    },
    {
      route: 'POST /admin/integrations/livraisons/:id/renvoyer',
      allowed: ADMINS,
      run: async (c, p) =>
        post(
          c,
          p,
          `/admin/integrations/livraisons/${await deliveredOnce()}/renvoyer`,
          {},
        ),
    },
    {
      route: 'POST /admin/rubriques',
      allowed: EDITORS,
      run: (c, p) =>
        post(c, p, '/admin/rubriques', {
          name: `Rubrique ${Math.random().toString(36).slice(2, 8)}`,
          description: '',
        }),
    },

    // Writes whose target differs from their source: the section an article goes to counts.
    {
      route: 'POST /admin/articles in Sport',
      allowed: SIGNED_IN,
      done: [303],
      run: (c, p) =>
        post(
          c,
          p,
          '/admin/articles',
          articleForm({ title: 'Nouveau sport', sectionId: String(sport.id) }),
        ),
    },
    {
      route: 'edit a Sport draft, staying in Sport',
      allowed: SPORT_DESK,
      done: [303],
      run: move(
        'draft',
        () => sport.id,
        () => sport.id,
      ),
    },
    {
      route: 'edit a Sport published article, staying in Sport',
      allowed: SPORT_DESK,
      done: [303],
      run: move(
        'published',
        () => sport.id,
        () => sport.id,
      ),
    },
    {
      route: 'move a draft Politique → Sport',
      allowed: EDITORS,
      done: [303],
      run: move(
        'draft',
        () => politique.id,
        () => sport.id,
      ),
    },
    {
      route: 'move a draft Sport → Politique',
      allowed: EDITORS,
      done: [303],
      run: move(
        'draft',
        () => sport.id,
        () => politique.id,
      ),
    },
    {
      route: 'move a published article Politique → Sport',
      allowed: EDITORS,
      done: [303],
      run: move(
        'published',
        () => politique.id,
        () => sport.id,
      ),
    },
    {
      route: 'move a published article Sport → Politique',
      allowed: EDITORS,
      done: [303],
      run: move(
        'published',
        () => sport.id,
        () => politique.id,
      ),
    },
    {
      route: 'move a scheduled article Sport → Politique',
      allowed: EDITORS,
      done: [303],
      run: move(
        'scheduled',
        () => sport.id,
        () => politique.id,
      ),
    },
    {
      route: 'autosave moving a draft Sport → Politique',
      allowed: EDITORS,
      done: [200],
      run: async (c) => {
        const a = await article('draft', sport.id);
        return c.postJson(
          `/admin/articles/${a.id}/autosave`,
          await formFor(a, politique.id, 'Auto'),
        );
      },
    },
    {
      route: 'restore a revision that was in Politique, from Sport',
      allowed: EDITORS,
      done: [303],
      run: async (c, p) => {
        const a = await article('draft', politique.id);
        const moved = await updateArticle(t.ctx, systemActor('test'), {
          articleId: a.id,
          expectedVersion: a.version,
          fields: {
            title: a.title,
            lead: a.lead,
            bodySource: a.bodySource,
            sectionId: sport.id,
            authorIds: await listArticleAuthorIds(t, a.id),
          },
        });
        const first = (await listRevisions(t.ctx.db, a.id)).find(
          (r) => r.version === 1,
        )!;
        return post(
          c,
          p,
          `/admin/articles/${a.id}/revisions/${first.id}/restaurer`,
          { version: String(moved.version) },
        );
      },
    },
    // Every verb on a Sport article: the Sport editor's own desk.
    {
      route: 'POST …/soumettre in Sport',
      allowed: SPORT_DESK,
      done: [303],
      run: verb('soumettre', 'draft', {}, () => sport.id),
    },
    {
      route: 'POST …/renvoyer in Sport',
      allowed: SPORT_DESK,
      done: [303],
      run: verb('renvoyer', 'review', { note: 'À revoir' }, () => sport.id),
    },
    {
      route: 'POST …/publier in Sport',
      allowed: SPORT_DESK,
      done: [303],
      run: verb('publier', 'review', {}, () => sport.id),
    },
    {
      route: 'POST …/programmer in Sport',
      allowed: SPORT_DESK,
      done: [303],
      run: verb(
        'programmer',
        'draft',
        { at: '2030-01-01T10:00' },
        () => sport.id,
      ),
    },
    {
      route: 'POST …/deprogrammer in Sport',
      allowed: SPORT_DESK,
      done: [303],
      run: verb('deprogrammer', 'scheduled', {}, () => sport.id),
    },
    {
      route: 'POST …/depublier in Sport',
      allowed: SPORT_DESK,
      done: [303],
      run: verb('depublier', 'published', {}, () => sport.id),
    },
    {
      route: 'POST …/corbeille in Sport',
      allowed: SPORT_DESK,
      done: [303],
      run: verb('corbeille', 'draft', {}, () => sport.id),
    },
    {
      route: 'POST …/restaurer in Sport',
      allowed: SPORT_DESK,
      done: [303],
      run: verb('restaurer', 'trashed', {}, () => sport.id),
    },
    // --- Newsroom comments (helper "editor", issue 16 item 8): whoever reads the article may
    // comment and resolve; only a comment's author deletes it; any member may look up « @ ».
    {
      route: 'POST …/commentaires',
      allowed: READERS,
      done: [303],
      run: async (c, p) => {
        const a = await article('draft');
        return post(c, p, `/admin/articles/${a.id}/commentaires`, {
          texte: 'Un mot @personne',
        });
      },
    },
    {
      route: 'GET …/commentaires',
      allowed: READERS,
      done: [200],
      run: async (c) =>
        c.get(`/admin/articles/${(await article('draft')).id}/commentaires`),
    },
    {
      route: 'POST …/commentaires/:commentId/resoudre',
      allowed: READERS,
      done: [303],
      run: async (c, p) => {
        const a = await article('draft');
        const id = await postComment(t.ctx, ownerActor(), a.id, 'À vérifier');
        return post(
          c,
          p,
          `/admin/articles/${a.id}/commentaires/${id}/resoudre`,
          {},
        );
      },
    },
    {
      // One's own comment: posted first as the persona (refused for those who may not read).
      route: 'POST …/commentaires/:commentId/supprimer',
      allowed: READERS,
      done: [303],
      run: async (c, p) => {
        const a = await article('draft');
        const owners = await postComment(t.ctx, ownerActor(), a.id, 'Note');
        await post(c, p, `/admin/articles/${a.id}/commentaires`, {
          texte: 'Le mien',
        });
        const newest = await t.ctx.db
          .selectFrom('article_comments')
          .select((eb) => eb.fn.max('id').as('id'))
          .where('article_id', '=', a.id)
          .executeTakeFirstOrThrow();
        return post(
          c,
          p,
          `/admin/articles/${a.id}/commentaires/${newest.id ?? owners}/supprimer`,
          {},
        );
      },
    },
    {
      route: 'POST …/commentaires/:commentId/supprimer (not own)',
      allowed: [],
      run: async (c, p) => {
        const a = await article('draft');
        const id = await postComment(t.ctx, ownerActor(), a.id, 'Note');
        return post(
          c,
          p,
          `/admin/articles/${a.id}/commentaires/${id}/supprimer`,
          {},
        );
      },
    },
    {
      route: 'GET /admin/membres/mentions',
      allowed: SIGNED_IN,
      done: [200],
      run: (c) => c.get('/admin/membres/mentions?q=jour'),
    },
  ];

  test('setup: one member per role, an owner who owns the target articles', async () => {
    t = await buildTestApp(getDb(), {
      MEDIA_DIR: mkdtempSync(join(tmpdir(), 'newsdesk-media-')),
    });
    photo = await jpeg({ width: 1300, height: 800 });
    politique = await buildSection(t.ctx, {
      slug: 'politique',
      name: 'Politique',
    });
    sport = await buildSection(t.ctx, { slug: 'sport', name: 'Sport' });
    owner = await buildUser(t.ctx, 'owner');
    const users = {
      contributor: await buildUser(t.ctx, 'contributor'),
      journalist: await buildUser(t.ctx, 'journalist'),
      sportEditor: await buildUser(t.ctx, 'editor', { sectionIds: [sport.id] }),
      editor: await buildUser(t.ctx, 'editor'), // every section
      admin: await buildUser(t.ctx, 'admin'),
    };
    journalistUser = users.journalist;
    sportEditorAuthor = users.sportEditor.authorId;
    clients.set('anonymous', new Client(t.app));
    for (const [persona, u] of Object.entries(users)) {
      const c = new Client(t.app);
      assert.equal((await c.signIn(u.email)).statusCode, 303, persona);
      clients.set(persona as Persona, c);
    }
    assert.ok(owner.id > 0);
  });

  test('every route × every persona is allowed or denied as the policies say', async () => {
    assert.ok(
      t.routes.filter((r) => r.url.startsWith('/admin')).length >= 25,
      'the matrix covers the back office',
    );
    const wrong: string[] = [];
    for (const cell of cells) {
      for (const persona of PERSONAS) {
        const res = await cell.run(clients.get(persona)!, persona);
        assert.ok(
          res.statusCode < 500,
          `${cell.route} as ${persona} → ${res.statusCode}`,
        );
        const expectAllowed = cell.allowed.includes(persona);
        const done = expectAllowed
          ? !denied(res) && (!cell.done || cell.done.includes(res.statusCode))
          : denied(res);
        if (!done)
          wrong.push(
            `${cell.route} as ${persona}: expected ${expectAllowed ? 'allow' : 'deny'}, got ${res.statusCode} ${String(res.headers['location'] ?? '')}`,
          );
      }
    }
    assert.deepEqual(wrong, []);
  });

  test('every back-office route is in the matrix', () => {
    const covered = new Set(
      cells.map((c) => c.route.replace('…', '/admin/articles/:id')),
    );
    const exempt = new Set([
      'GET /admin/connexion',
      'POST /admin/connexion',
      'POST /admin/deconnexion',
      'GET /admin/setup',
      'POST /admin/setup',
      'GET /admin/mot-de-passe',
      'POST /admin/mot-de-passe',
    ]);
    const missing = t.routes
      .filter((r) => r.url.startsWith('/admin') && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url.replace(':revisionId', ':rid')}`)
      .filter((r) => !covered.has(r) && !exempt.has(r));
    assert.deepEqual(missing, []);
  });

  test('a desk editor cannot launder an article through their section: draft elsewhere → Sport → publish → back', async () => {
    const c = clients.get('sportEditor')!;
    const form = async (id: number, sectionId: number) => {
      const a = (await findArticleById(t.ctx.db, id))!;
      return {
        ...(await formFor(a, sectionId, 'Blanchi')),
        author1: String(sportEditorAuthor),
      };
    };
    const created = await post(
      c,
      'sportEditor',
      '/admin/articles',
      articleForm({
        title: 'Blanchi',
        sectionId: String(politique.id),
        author1: String(sportEditorAuthor),
      }),
    );
    assert.equal(
      created.statusCode,
      303,
      'a draft in any section is still a draft: anyone may write one',
    );
    const id = Number(
      /\/admin\/articles\/(\d+)/.exec(String(created.headers.location))![1],
    );
    assert.equal(
      (
        await post(
          c,
          'sportEditor',
          `/admin/articles/${id}`,
          await form(id, sport.id),
        )
      ).statusCode,
      303,
      'their own draft, into their desk',
    );
    const v = (await findArticleById(t.ctx.db, id))!.version;
    assert.equal(
      (
        await post(c, 'sportEditor', `/admin/articles/${id}/publier`, {
          version: String(v),
        })
      ).statusCode,
      303,
      'published in Sport',
    );
    const back = await post(
      c,
      'sportEditor',
      `/admin/articles/${id}`,
      await form(id, politique.id),
    );
    assert.equal(
      back.statusCode,
      403,
      'a published article does not leave for a desk they do not edit',
    );
    const after = (await findArticleById(t.ctx.db, id))!;
    assert.equal(after.sectionId, sport.id);
    assert.equal(after.status, 'published');

    const othersPublished = await article('published', sport.id);
    assert.equal(
      (
        await post(
          c,
          'sportEditor',
          `/admin/articles/${othersPublished.id}`,
          await formFor(othersPublished, politique.id),
        )
      ).statusCode,
      403,
      'nor another desk’s work out of Sport',
    );
    assert.equal(
      (await findArticleById(t.ctx.db, othersPublished.id))!.sectionId,
      sport.id,
    );
  });

  test('own work: a contributor edits and submits their draft but cannot publish; journalists publish only when allowed', async () => {
    const contributor = clients.get('contributor')!;
    const created = await contributor.post(
      '/admin/articles',
      articleForm({ title: 'Mon brouillon', sectionId: String(politique.id) }),
      { csrf: await contributor.csrf('/admin') },
    );
    const id = Number(
      /\/admin\/articles\/(\d+)/.exec(String(created.headers.location))![1],
    );
    assert.equal(
      (await contributor.get(`/admin/articles/${id}`)).statusCode,
      200,
    );
    assert.equal(
      (
        await contributor.post(
          `/admin/articles/${id}`,
          articleForm({
            title: 'Mon brouillon revu',
            sectionId: String(politique.id),
            version: '1',
          }),
          { csrf: await contributor.csrf('/admin') },
        )
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await contributor.post(
          `/admin/articles/${id}/publier`,
          { version: '2' },
          { csrf: await contributor.csrf('/admin') },
        )
      ).statusCode,
      403,
    );
    assert.equal(
      (
        await contributor.post(
          `/admin/articles/${id}/soumettre`,
          { version: '2' },
          { csrf: await contributor.csrf('/admin') },
        )
      ).statusCode,
      303,
    );
    assert.equal(
      (
        await contributor.post(
          `/admin/articles/${id}`,
          articleForm({
            title: 'Encore',
            sectionId: String(politique.id),
            version: '3',
          }),
          { csrf: await contributor.csrf('/admin') },
        )
      ).statusCode,
      403,
      'in review, out of the contributor’s hands',
    );

    const journalist = clients.get('journalist')!;
    const own = await journalist.post(
      '/admin/articles',
      articleForm({
        title: 'Mon papier',
        sectionId: String(politique.id),
        author1: String(journalistUser.authorId),
      }),
      { csrf: await journalist.csrf('/admin') },
    );
    const ownId = Number(
      /\/admin\/articles\/(\d+)/.exec(String(own.headers.location))![1],
    );
    assert.equal(
      (
        await journalist.post(
          `/admin/articles/${ownId}/publier`,
          { version: '1' },
          { csrf: await journalist.csrf('/admin') },
        )
      ).statusCode,
      403,
    );
    await writeSetting(t.ctx.db, 'journalistsCanPublish', true, t.clock.now());
    assert.equal(
      (
        await journalist.post(
          `/admin/articles/${ownId}/publier`,
          { version: '1' },
          { csrf: await journalist.csrf('/admin') },
        )
      ).statusCode,
      303,
    );
    const someoneElses = await article('review');
    assert.equal(
      (
        await journalist.post(
          `/admin/articles/${someoneElses.id}/publier`,
          { version: String(someoneElses.version) },
          { csrf: await journalist.csrf('/admin') },
        )
      ).statusCode,
      403,
      'only their own',
    );
    assert.ok(journalistUser.id > 0);
  });

  test('teardown', async () => {
    await t.app.close();
  });
});

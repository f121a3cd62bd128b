import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  deleteLiveEntry,
  editLiveEntry,
  endLiveBlog,
  postLiveEntry,
  setScoreboard,
  startLiveBlog,
} from '../../commands/liveBlog.ts';
import { articleFacts } from '../../commands/articleAccess.ts';
import { findArticleById } from '../../db/repos/articles.ts';
import { findLiveBlog, listLiveEntries } from '../../db/repos/liveBlogs.ts';
import { readSettings } from '../../db/repos/settings.ts';
import type { User } from '../../domain/user.ts';
import { formatTime } from '../../domain/frenchDates.ts';
import { AppError } from '../../errors.ts';
import { canOnArticle, editsSection } from '../../policies/article.ts';
import { authorize } from '../../policies/authorize.ts';
import { paths } from '../../presenters/urls.ts';
import { liveDeskView } from '../../views/admin/liveBlog.ts';
import { parseArticleId } from './articleRoutes.ts';
import { requireUser, sendAdminPage, type AdminDeps } from './context.ts';
import { actorOf } from './session.ts';

const OK: Record<string, string> = {
  ouvert: 'Direct ouvert.',
  termine: 'Direct terminé.',
  score: 'Score mis à jour.',
  publie: 'Entrée publiée.',
  modifie: 'Entrée modifiée.',
  supprime: 'Entrée supprimée.',
};
const entryParams = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
  entryId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});

/** The live desk: /admin/articles/:id/direct and its forms, each calling one command. */
export function liveBlogRoutes(app: FastifyInstance, deps: AdminDeps): void {
  async function desk(
    reply: FastifyReply,
    user: User,
    articleId: number,
    state: {
      message?: string | null;
      errors?: Record<string, string>;
      draft?: { bodySource: string; keyMoment: boolean };
      status?: number;
    },
  ) {
    const article = await findArticleById(deps.db, articleId);
    if (!article) throw new AppError('not_found');
    const [facts, settings] = await Promise.all([
      articleFacts(deps.db, article),
      readSettings(deps.db),
    ]);
    authorize(canOnArticle(user, 'postLive', facts, settings));
    const blog = await findLiveBlog(deps.db, articleId);
    const entries = blog
      ? await listLiveEntries(deps.db, articleId, { limit: 500 })
      : [];
    const tz = deps.config.site.timeZone;
    return sendAdminPage(deps, reply, user, {
      title: `Direct : ${article.title}`,
      status: state.status ?? 200,
      main: liveDeskView({
        articleId,
        title: article.title,
        publicUrl:
          article.status === 'published' ? paths.article(article.slug) : null,
        blog,
        entries: entries.map((e) => ({
          ...e,
          time: formatTime(e.createdAt, tz),
          canChange:
            e.authorUserId === user.id || editsSection(user, article.sectionId),
        })),
        csrf: await reply.generateCsrf(),
        canRun: canOnArticle(user, 'runLive', facts, settings),
        message: state.message ?? null,
        errors: state.errors ?? {},
        draft: state.draft ?? { bodySource: '', keyMoment: false },
      }),
    });
  }

  app.get('/admin/articles/:id/direct', async (request, reply) => {
    const user = requireUser(request);
    const ok = (request.query as Record<string, unknown>)['ok'];
    return desk(reply, user, parseArticleId(request.params), {
      message: typeof ok === 'string' ? (OK[ok] ?? null) : null,
    });
  });

  /** Runs a command; on refused input, the desk again with the French errors and what was typed. */
  function post(
    path: string,
    done: string,
    run: (
      user: User,
      params: unknown,
      body: Record<string, unknown>,
    ) => Promise<unknown>,
  ) {
    app.post(
      `/admin/articles/:id/direct${path}`,
      { preHandler: app.csrfProtection },
      async (request, reply) => {
        const user = requireUser(request);
        const id = parseArticleId(request.params);
        const body = (request.body ?? {}) as Record<string, unknown>;
        try {
          await run(user, request.params, body);
          return reply.redirect(`/admin/articles/${id}/direct?ok=${done}`, 303);
        } catch (error) {
          if (
            !(error instanceof AppError) ||
            (error.code !== 'invalid_input' &&
              error.code !== 'invalid_transition')
          )
            throw error;
          const errors = Object.keys(error.fields).length
            ? error.fields
            : { form: error.message };
          return desk(reply, user, id, {
            errors,
            status: error.status,
            draft:
              path === '/entrees'
                ? {
                    bodySource: String(body['bodySource'] ?? ''),
                    keyMoment: body['keyMoment'] === '1',
                  }
                : { bodySource: '', keyMoment: false },
          });
        }
      },
    );
  }
  const entry = (params: unknown) => {
    const parsed = entryParams.safeParse(params);
    if (!parsed.success) throw new AppError('not_found');
    return { articleId: parsed.data.id, entryId: parsed.data.entryId };
  };
  post('/ouvrir', 'ouvert', (u, p) =>
    startLiveBlog(deps, actorOf(u), { articleId: parseArticleId(p) }),
  );
  post('/terminer', 'termine', (u, p) =>
    endLiveBlog(deps, actorOf(u), { articleId: parseArticleId(p) }),
  );
  post('/score', 'score', (u, p, b) =>
    setScoreboard(deps, actorOf(u), {
      articleId: parseArticleId(p),
      scoreboard: {
        home: b['home'] ?? '',
        homeScore: b['homeScore'] ?? '',
        away: b['away'] ?? '',
        awayScore: b['awayScore'] ?? '',
        status: b['status'] ?? '',
      },
    }),
  );
  post('/entrees', 'publie', (u, p, b) =>
    postLiveEntry(deps, actorOf(u), {
      articleId: parseArticleId(p),
      bodySource: b['bodySource'],
      keyMoment: b['keyMoment'] === '1',
    }),
  );
  post('/entrees/:entryId', 'modifie', (u, p, b) =>
    editLiveEntry(deps, actorOf(u), {
      ...entry(p),
      bodySource: b['bodySource'],
      keyMoment: b['keyMoment'] === '1',
    }),
  );
  post('/entrees/:entryId/supprimer', 'supprime', (u, p) =>
    deleteLiveEntry(deps, actorOf(u), entry(p)),
  );
}

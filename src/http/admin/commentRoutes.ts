import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  COMMENT_MAX_CHARS,
  deleteArticleComment,
  postComment,
  resolveArticleComment,
} from '../../commands/articleComments.ts';
import { loadAuthorized } from '../../commands/articleAccess.ts';
import { listComments, searchMentionable } from '../../db/repos/comments.ts';
import { handleOf } from '../../domain/mentions.ts';
import { AppError } from '../../errors.ts';
import { presentComment } from '../../presenters/comment.ts';
import { commentThread } from '../../views/admin/comments.ts';
import { PRIVATE_NO_STORE } from '../cacheControl.ts';
import { parseIdParam } from '../ids.ts';
import { csrfToken, requireUser, type AdminDeps } from './context.ts';
import { actorOf } from './session.ts';
import type { User } from '../../domain/user.ts';

const COMMENT_FORM = z.object({ texte: z.string().max(20_000) }).loose();
const MENTION_QUERY = z.object({
  q: z
    .string()
    .max(60)
    .transform((q) => q.trim().replace(/^@/, '')),
});

/** The thread beside the editor, for a member who may read the article (the caller checked). */
export async function commentThreadFor(
  deps: AdminDeps,
  user: User,
  articleId: number,
  csrf: string,
): Promise<string> {
  const rows = await listComments(deps.db, articleId);
  return commentThread({
    articleId,
    comments: rows.map((r) =>
      presentComment(r, user.id, deps.config.site.timeZone),
    ),
    csrf,
    maxChars: COMMENT_MAX_CHARS,
  });
}

/** The browser's script asks for JSON and swaps the thread in; a plain form goes back to it. */
const wantsJson = (request: FastifyRequest) =>
  String(request.headers.accept ?? '').startsWith('application/json');

async function answer(
  deps: AdminDeps,
  request: FastifyRequest,
  reply: FastifyReply,
  user: User,
  articleId: number,
): Promise<FastifyReply> {
  if (!wantsJson(request))
    return reply.redirect(`/admin/articles/${articleId}#commentaires`, 303);
  return reply.header('Cache-Control', PRIVATE_NO_STORE).send({
    html: await commentThreadFor(deps, user, articleId, await csrfToken(reply)),
  });
}

/**
 * Newsroom comments on an article (issue 16 item 8): posted, resolved and deleted from the
 * thread beside the editor, never public. Whoever may read the article may comment and resolve;
 * only a comment's author deletes it. `@login` mentions notify (commands/articleComments.ts).
 */
export function commentRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.post(
    '/admin/articles/:id/commentaires',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const id = parseIdParam(request.params);
      const form = COMMENT_FORM.safeParse(request.body);
      if (!form.success) throw new AppError('invalid_input');
      await postComment(deps, actorOf(user), id, form.data.texte);
      return answer(deps, request, reply, user, id);
    },
  );

  app.post(
    '/admin/articles/:id/commentaires/:commentId/resoudre',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const id = parseIdParam(request.params);
      const commentId = parseIdParam(request.params, 'commentId');
      await resolveArticleComment(deps, actorOf(user), id, commentId);
      return answer(deps, request, reply, user, id);
    },
  );

  app.post(
    '/admin/articles/:id/commentaires/:commentId/supprimer',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const id = parseIdParam(request.params);
      const commentId = parseIdParam(request.params, 'commentId');
      await deleteArticleComment(deps, actorOf(user), id, commentId);
      return answer(deps, request, reply, user, id);
    },
  );

  /** The thread alone, for a script that refreshes it (same readers as the article). */
  app.get('/admin/articles/:id/commentaires', async (request, reply) => {
    const user = requireUser(request);
    const id = parseIdParam(request.params);
    await loadAuthorized(deps.db, actorOf(user), 'view', id);
    return reply.header('Cache-Control', PRIVATE_NO_STORE).send({
      html: await commentThreadFor(deps, user, id, await csrfToken(reply)),
    });
  });

  /** The « @ » autocomplete: active members by name or login, for any signed-in member. */
  app.get('/admin/membres/mentions', async (request, reply) => {
    requireUser(request);
    const query = MENTION_QUERY.safeParse(request.query);
    if (!query.success) throw new AppError('invalid_input');
    const members =
      query.data.q === ''
        ? []
        : await searchMentionable(deps.db, query.data.q, 8);
    return reply.header('Cache-Control', PRIVATE_NO_STORE).send({
      members: members.map((m) => ({
        name: m.name,
        handle: handleOf(m.email),
      })),
    });
  });
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loadAuthorized } from '../../commands/articleAccess.ts';
import {
  runPublishChecks,
  type PublishCandidate,
} from '../../commands/publishChecks.ts';
import { BODY_MAX_CHARS } from '../../domain/articleLimits.ts';
import { AppError } from '../../errors.ts';
import { NO_STORE } from '../cacheControl.ts';
import { sendJsonError } from '../jsonError.ts';
import { requireUser, type AdminDeps } from './context.ts';
import { actorOf } from './session.ts';

const text = (max: number) => z.string().max(max).default('');

/** The editor's fields as typed (strings), the article's id when it is saved. */
const ChecklistInput = z.object({
  articleId: z.union([z.string(), z.number()]).optional(),
  title: text(300),
  seoTitle: text(300),
  lead: text(2_000),
  bodySource: text(BODY_MAX_CHARS),
  sectionId: text(12),
  author1: text(12),
  author2: text(12),
  author3: text(12),
  coverUrl: text(2_000),
  coverMediaId: text(12),
  coverAlt: text(500),
});

const idOf = (s: string) => (/^\d{1,9}$/.test(s) ? Number(s) : null);

/** The unsaved form as the publish checks read it; an id that is not one counts as none. */
export function candidateFromForm(
  f: z.infer<typeof ChecklistInput>,
  articleId: number | null,
): PublishCandidate {
  const mediaId = idOf(f.coverMediaId);
  return {
    articleId,
    title: f.title,
    seoTitle: f.seoTitle || null,
    lead: f.lead,
    bodySource: f.bodySource,
    sectionId: idOf(f.sectionId),
    authorIds: [f.author1, f.author2, f.author3]
      .map(idOf)
      .filter((id): id is number => id !== null),
    cover:
      mediaId !== null || f.coverUrl.trim()
        ? { alt: f.coverAlt, mediaId }
        : null,
  };
}

/**
 * The checklist beside the editor, live: the same checks as publish and schedule, on the fields
 * as typed (nothing is saved). The article, when named, must be one the member may see.
 */
export function publishCheckRoutes(
  app: FastifyInstance,
  deps: AdminDeps,
): void {
  app.post(
    '/admin/verifications-publication',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const parsed = ChecklistInput.safeParse(request.body ?? {});
      if (!parsed.success)
        return sendJsonError(
          reply,
          new AppError('invalid_input', {
            message: 'Vérifications impossibles : champs illisibles.',
          }),
        );
      let articleId: number | null = null;
      if (parsed.data.articleId !== undefined && parsed.data.articleId !== '') {
        articleId = idOf(String(parsed.data.articleId));
        if (articleId === null) throw new AppError('not_found');
        await loadAuthorized(deps.db, actorOf(user), 'view', articleId);
      }
      const checks = await runPublishChecks(
        deps.db,
        candidateFromForm(parsed.data, articleId),
        { now: deps.clock.now(), siteUrl: deps.config.site.url },
      );
      return reply.header('Cache-Control', NO_STORE).send({ checks });
    },
  );
}

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loadAuthorized } from '../../commands/articleAccess.ts';
import { restoreRevision } from '../../commands/restoreRevision.ts';
import { listRevisions, type Revision } from '../../db/repos/revisions.ts';
import { readSettings } from '../../db/repos/settings.ts';
import { articleFacts } from '../../commands/articleAccess.ts';
import { canOnArticle } from '../../policies/article.ts';
import { formatFullDate } from '../../domain/frenchDates.ts';
import { AppError } from '../../errors.ts';
import { html } from '../../views/html.ts';
import { revisionsView } from '../../views/admin/pages.ts';
import {
  csrfToken,
  requireUser,
  sendAdminPage,
  type AdminDeps,
} from './context.ts';
import { actorOf } from './session.ts';
import { parseArticleId, parseVersion } from './articleRoutes.ts';
import { parseIdParam, recordId } from '../ids.ts';

const asText = (r: Revision) =>
  `# ${r.snapshot.title}\n\n${r.snapshot.lead}\n\n${r.snapshot.bodySource}`;

export function revisionRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.get('/admin/articles/:id/revisions', async (request, reply) => {
    const user = requireUser(request);
    const article = await loadAuthorized(
      deps.db,
      actorOf(user),
      'view',
      parseArticleId(request.params),
    );
    const revisions = await listRevisions(deps.db, article.id);
    const q = z.object({ a: recordId, b: recordId }).safeParse(request.query);
    let compare = null;
    if (q.success) {
      const a = revisions.find((r) => r.id === q.data.a),
        b = revisions.find((r) => r.id === q.data.b);
      if (!a || !b) throw new AppError('not_found');
      // diff is loaded by the first comparison, not by every start.
      const { diffWords } = await import('diff');
      const diffHtml = diffWords(asText(a), asText(b))
        .map((p) =>
          p.added
            ? html`<ins>${p.value}</ins>`
            : p.removed
              ? html`<del>${p.value}</del>`
              : html`${p.value}`,
        )
        .join('');
      compare = { a: a.id, b: b.id, diffHtml };
    }
    const canRestore = canOnArticle(
      user,
      'update',
      await articleFacts(deps.db, article),
      await readSettings(deps.db),
    );
    return sendAdminPage(deps, reply, user, {
      title: `Révisions : ${article.title}`,
      main: revisionsView({
        articleId: article.id,
        title: article.title,
        version: article.version,
        csrf: await csrfToken(reply),
        canRestore,
        compare,
        rows: revisions.map((r) => ({
          id: r.id,
          version: r.version,
          who: r.userName ?? 'Système',
          when: formatFullDate(r.createdAt, deps.config.site.timeZone),
          title: r.snapshot.title,
        })),
      }),
    });
  });

  app.post(
    '/admin/articles/:id/revisions/:revisionId/restaurer',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const articleId = parseArticleId(request.params);
      const revisionId = parseIdParam(request.params, 'revisionId');
      try {
        await restoreRevision(deps, actorOf(user), {
          articleId,
          revisionId,
          expectedVersion: parseVersion(request.body),
        });
      } catch (error) {
        if (
          error instanceof AppError &&
          (error.code === 'stale_version' || error.code === 'invalid_input')
        )
          return reply.redirect(
            `/admin/articles/${articleId}?erreur=${error.code}`,
            303,
          );
        throw error;
      }
      return reply.redirect(`/admin/articles/${articleId}?ok=revision`, 303);
    },
  );
}

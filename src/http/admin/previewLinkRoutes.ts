import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { withRelations } from '../../db/repos/articles.ts';
import {
  createPreviewLink,
  openPreviewLink,
  revokePreviewLinkCommand,
} from '../../commands/previewLinks.ts';
import { loadAuthorized } from '../../commands/articleAccess.ts';
import { formatFullDate } from '../../domain/frenchDates.ts';
import { PRIVATE_NO_STORE } from '../cacheControl.ts';
import { parseIdParam } from '../ids.ts';
import { errorView } from '../../views/site/errorPage.ts';
import { renderPage } from '../site/context.ts';
import { requireUser, type AdminDeps } from './context.ts';
import { sendEditor } from './editorPage.ts';
import { valuesFromArticle } from './editorForm.ts';
import { actorOf } from './session.ts';
import { sendArticlePreview } from './previewRoute.ts';

/** What `newToken` makes: 32 random bytes, base64url. Anything else is not worth a query. */
const TOKEN = z.string().regex(/^[A-Za-z0-9_-]{43}$/);

/**
 * Private preview links (issue #16, item 6): made and revoked from the editor by whoever may
 * edit the article; opened by anyone holding the link, without an account, as the preview
 * draws the article. Never cached, never indexed.
 */
export function previewLinkRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.post(
    '/admin/articles/:id/liens-apercu',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const id = parseIdParam(request.params);
      const link = await createPreviewLink(deps, actorOf(user), id);
      const article = await loadAuthorized(deps.db, actorOf(user), 'view', id);
      const [full] = await withRelations(deps.db, [article]);
      return sendEditor(deps, reply, user, {
        article: full!,
        values: valuesFromArticle(full!),
        createdPreviewLink: {
          url: new URL(`/apercu/${link.token}`, deps.config.site.url).href,
          expiresAt: link.expiresAt,
        },
      });
    },
  );

  app.post(
    '/admin/articles/:id/liens-apercu/:linkId/revoquer',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const id = parseIdParam(request.params);
      const linkId = parseIdParam(request.params, 'linkId');
      await revokePreviewLinkCommand(deps, actorOf(user), id, linkId);
      return reply.redirect(`/admin/articles/${id}?ok=apercu-revoque`, 303);
    },
  );

  app.get('/apercu/:token', async (request, reply) => {
    const token = TOKEN.safeParse(
      (request.params as Record<string, unknown>)['token'],
    );
    const opened = token.success
      ? await openPreviewLink(deps, token.data)
      : ({ kind: 'unknown' } as const);
    if (opened.kind === 'ok') {
      const [article] = await withRelations(deps.db, [opened.article]);
      const tz = deps.config.site.timeZone;
      return sendArticlePreview(deps, reply, article!, {
        banner: `Aperçu privé : cet article n’est pas forcément publié. Ce lien fonctionne jusqu’au ${formatFullDate(opened.expiresAt, tz)} ; merci de ne pas le diffuser.`,
        image: article!.cover?.url ?? null,
      });
    }
    const status = opened.kind === 'gone' ? 410 : 404;
    const message =
      opened.kind === 'gone'
        ? 'Ce lien d’aperçu a expiré ou a été révoqué. Demandez un nouveau lien à la rédaction.'
        : 'Ce lien d’aperçu n’existe pas. Vérifiez l’adresse ou demandez un nouveau lien à la rédaction.';
    const rendered = await renderPage(
      { db: deps.db, clock: deps.clock, site: deps.config.site },
      {
        title: status === 410 ? 'Lien expiré' : 'Lien introuvable',
        description: message,
        canonicalPath: '/apercu',
        noindex: true,
        main: errorView(status, message),
        surrogateKeys: [],
      },
    );
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('Cache-Control', PRIVATE_NO_STORE)
      .header('X-Robots-Tag', 'noindex')
      .send(rendered.body);
  });
}

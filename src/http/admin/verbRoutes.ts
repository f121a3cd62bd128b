import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { publishArticle } from '../../commands/publishArticle.ts';
import { restoreArticle, returnArticle, scheduleArticle, submitArticle, trashArticle, unpublishArticle, unscheduleArticle } from '../../commands/editorialVerbs.ts';
import type { Actor } from '../../commands/context.ts';
import { zonedLocalToDate } from '../../domain/frenchDates.ts';
import { AppError } from '../../errors.ts';
import { requireUser, type AdminDeps } from './context.ts';
import { actorOf } from './session.ts';
import { parseArticleId, parseVersion } from './articleRoutes.ts';
import { findArticleById, withRelations } from '../../db/repos/articles.ts';
import { sendEditor } from './editorPage.ts';
import { valuesFromArticle } from './editorForm.ts';

type VerbHandler = (deps: AdminDeps, actor: Actor, articleId: number, version: number, body: Record<string, unknown>) => Promise<unknown>;

const note = z.string().trim().min(1).max(2000);

/** One route per editorial verb, each calling its own command (which checks its own policy action). */
const verbs: Record<string, VerbHandler> = {
  soumettre: (d, a, articleId, expectedVersion) => submitArticle(d, a, { articleId, expectedVersion }),
  renvoyer: (d, a, articleId, expectedVersion, body) => {
    const parsed = note.safeParse(body['note']);
    if (!parsed.success) throw new AppError('invalid_input', { message: 'Expliquez à l’auteur pourquoi l’article lui est renvoyé.' });
    return returnArticle(d, a, { articleId, expectedVersion, note: parsed.data });
  },
  publier: (d, a, articleId, expectedVersion, body) => publishArticle(d, a, { articleId, expectedVersion, overrideDuplicate: body['publierQuandMeme'] === '1' }),
  programmer: (d, a, articleId, expectedVersion, body) => {
    const at = typeof body['at'] === 'string' ? zonedLocalToDate(body['at'], d.config.site.timeZone) : null;
    if (!at) throw new AppError('invalid_input', { message: 'Indiquez une date et une heure de publication valides.' });
    return scheduleArticle(d, a, { articleId, expectedVersion, at, overrideDuplicate: body['publierQuandMeme'] === '1' });
  },
  deprogrammer: (d, a, articleId, expectedVersion) => unscheduleArticle(d, a, { articleId, expectedVersion }),
  depublier: (d, a, articleId, expectedVersion) => unpublishArticle(d, a, { articleId, expectedVersion }),
  corbeille: (d, a, articleId, expectedVersion) => trashArticle(d, a, { articleId, expectedVersion }),
  restaurer: (d, a, articleId, expectedVersion) => restoreArticle(d, a, { articleId, expectedVersion }),
};

export const VERB_NAMES = Object.keys(verbs);

export function verbRoutes(app: FastifyInstance, deps: AdminDeps): void {
  for (const [segment, run] of Object.entries(verbs)) {
    app.post(`/admin/articles/:id/${segment}`, { preHandler: app.csrfProtection }, async (request, reply) => {
      const user = requireUser(request);
      const id = parseArticleId(request.params);
      const body = (request.body ?? {}) as Record<string, unknown>;
      try {
        await run(deps, actorOf(user), id, parseVersion(body), body);
        return reply.redirect(`/admin/articles/${id}?ok=${segment}`, 303);
      } catch (error) {
        // Policy refusals stay 403; a state or version conflict goes back to the editor with its message.
        if (!(error instanceof AppError) || error.status >= 500 || error.code === 'forbidden' || error.code === 'not_found') throw error;
        // A likely duplicate: the editor again, with the other article and why, and nothing lost.
        if (error.code === 'likely_duplicate') {
          const article = (await withRelations(deps.db, [(await findArticleById(deps.db, id))!]))[0]!;
          return sendEditor(deps, reply, user, { article, values: valuesFromArticle(article), status: 409, message: { text: error.message, kind: 'error' } });
        }
        // A field the publication needs (the cover's alt text): the editor, with the message beside the field.
        if (error.code === 'invalid_input' && error.fields['coverAlt']) {
          const article = (await withRelations(deps.db, [(await findArticleById(deps.db, id))!]))[0]!;
          return sendEditor(deps, reply, user, { article, values: valuesFromArticle(article), errors: error.fields, status: 400, message: { text: error.message, kind: 'error' } });
        }
        return reply.redirect(`/admin/articles/${id}?erreur=${error.code === 'invalid_input' && segment === 'programmer' ? 'invalid_schedule' : error.code}`, 303);
      }
    });
  }
}

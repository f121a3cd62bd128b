import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { publishArticle } from '../../commands/publishArticle.ts';
import { submitArticle } from '../../commands/submitArticle.ts';
import { returnArticle } from '../../commands/returnArticle.ts';
import { scheduleArticle } from '../../commands/scheduleArticle.ts';
import { unscheduleArticle } from '../../commands/unscheduleArticle.ts';
import { unpublishArticle } from '../../commands/unpublishArticle.ts';
import { trashArticle } from '../../commands/trashArticle.ts';
import { restoreArticle } from '../../commands/restoreArticle.ts';
import {
  EDITORIAL_VERB_NAMES,
  EDITORIAL_VERBS,
  type EditorialVerb,
} from '../../domain/editorialVerbs.ts';
import type { Actor } from '../../commands/context.ts';
import {
  frenchFieldsToDate,
  zonedLocalToDate,
} from '../../domain/frenchDates.ts';
import { AppError } from '../../errors.ts';
import { requireUser, type AdminDeps } from './context.ts';
import { actorOf } from './session.ts';
import { parseArticleId, parseVersion } from './articleRoutes.ts';
import { findArticleById, withRelations } from '../../db/repos/articles.ts';
import { sendEditor } from './editorPage.ts';
import { valuesFromArticle } from './editorForm.ts';

type VerbHandler = (
  deps: AdminDeps,
  actor: Actor,
  articleId: number,
  version: number,
  body: Record<string, unknown>,
) => Promise<unknown>;

const note = z.string().trim().min(1).max(2000);

/** Each editorial verb's command, called with what its form sent (each command checks its own policy action). */
const handlers: Record<EditorialVerb, VerbHandler> = {
  submit: (d, a, articleId, expectedVersion) =>
    submitArticle(d, a, { articleId, expectedVersion }),
  return: (d, a, articleId, expectedVersion, body) => {
    const parsed = note.safeParse(body['note']);
    if (!parsed.success)
      throw new AppError('invalid_input', {
        message: 'Expliquez à l’auteur pourquoi l’article lui est renvoyé.',
      });
    return returnArticle(d, a, {
      articleId,
      expectedVersion,
      note: parsed.data,
    });
  },
  publish: (d, a, articleId, expectedVersion, body) =>
    publishArticle(d, a, {
      articleId,
      expectedVersion,
      overrideDuplicate: body['publierQuandMeme'] === '1',
      confirmWarnings: body['avertissementsVus'] === '1',
      siteUrl: d.config.site.url,
    }),
  schedule: (d, a, articleId, expectedVersion, body) => {
    // The form sends French day and time fields; `at` (ISO local time) is still read, for
    // scripts and older forms.
    const tz = d.config.site.timeZone;
    const at =
      typeof body['at_day'] === 'string' && typeof body['at_time'] === 'string'
        ? frenchFieldsToDate(body['at_day'], body['at_time'], tz)
        : typeof body['at'] === 'string'
          ? zonedLocalToDate(body['at'], tz)
          : null;
    if (!at)
      throw new AppError('invalid_input', {
        message:
          'Indiquez une date (jj/mm/aaaa) et une heure sur 24 heures (hh:mm) de publication valides.',
      });
    return scheduleArticle(d, a, {
      articleId,
      expectedVersion,
      at,
      overrideDuplicate: body['publierQuandMeme'] === '1',
      confirmWarnings: body['avertissementsVus'] === '1',
      siteUrl: d.config.site.url,
    });
  },
  unschedule: (d, a, articleId, expectedVersion) =>
    unscheduleArticle(d, a, { articleId, expectedVersion }),
  unpublish: (d, a, articleId, expectedVersion) =>
    unpublishArticle(d, a, { articleId, expectedVersion }),
  trash: (d, a, articleId, expectedVersion) =>
    trashArticle(d, a, { articleId, expectedVersion }),
  restore: (d, a, articleId, expectedVersion) =>
    restoreArticle(d, a, { articleId, expectedVersion }),
};

/** One route per editorial verb, at the French segment the verb table gives it. */
export function verbRoutes(app: FastifyInstance, deps: AdminDeps): void {
  for (const verb of EDITORIAL_VERB_NAMES) {
    const { segment } = EDITORIAL_VERBS[verb];
    const run = handlers[verb];
    app.post(
      `/admin/articles/:id/${segment}`,
      { preHandler: app.csrfProtection },
      async (request, reply) => {
        const user = requireUser(request);
        const id = parseArticleId(request.params);
        const body = (request.body ?? {}) as Record<string, unknown>;
        try {
          await run(deps, actorOf(user), id, parseVersion(body), body);
          return reply.redirect(`/admin/articles/${id}?ok=${segment}`, 303);
        } catch (error) {
          // Policy refusals stay 403; a state or version conflict goes back to the editor with its message.
          if (
            !(error instanceof AppError) ||
            error.status >= 500 ||
            error.code === 'forbidden' ||
            error.code === 'not_found'
          )
            throw error;
          // A likely duplicate: the editor again, with the other article and why, and nothing lost.
          // A field publication needs (section, byline, the cover's alt text): the editor again, the message next to it.
          // The publish checks' errors and warnings: the editor again, each message by its field.
          if (
            error.code === 'likely_duplicate' ||
            error.code === 'publish_warnings' ||
            (error.code === 'invalid_input' &&
              Object.keys(error.fields).some((f) => f !== 'scheduledAt'))
          ) {
            const article = (
              await withRelations(deps.db, [
                (await findArticleById(deps.db, id))!,
              ])
            )[0]!;
            return sendEditor(deps, reply, user, {
              article,
              values: valuesFromArticle(article),
              errors: error.fields,
              status: error.status,
              message: { text: error.message, kind: 'error' },
            });
          }
          return reply.redirect(
            `/admin/articles/${id}?erreur=${error.code === 'invalid_input' && verb === 'schedule' ? 'invalid_schedule' : error.code}`,
            303,
          );
        }
      },
    );
  }
}

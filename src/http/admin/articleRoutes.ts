import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { createArticle } from '../../commands/createArticle.ts';
import { updateArticle } from '../../commands/updateArticle.ts';
import { loadAuthorized } from '../../commands/articleAccess.ts';
import { withRelations } from '../../db/repos/articles.ts';
import { findAuthorIdForUser } from '../../db/repos/users.ts';
import { listRevisions } from '../../db/repos/revisions.ts';
import { renderBody } from '../../media/bodyPictures.ts';
import { AppError } from '../../errors.ts';
import { sendJsonError } from '../jsonError.ts';
import { NO_STORE } from '../cacheControl.ts';
import { html } from '../../views/html.ts';
import { requireUser, type AdminDeps } from './context.ts';
import { actorOf } from './session.ts';
import { sendEditor } from './editorPage.ts';
import {
  parseEditorForm,
  valuesFromArticle,
  valuesFromBody,
} from './editorForm.ts';
import { BODY_MAX_CHARS } from '../../domain/articleLimits.ts';
import { okMessage, errorMessage } from './messages.ts';
import { parseIdParam } from '../ids.ts';
import { suggestTagNames } from '../../db/repos/taxonomy.ts';
import type { User } from '../../domain/user.ts';

export function parseArticleId(params: unknown): number {
  return parseIdParam(params);
}

export function parseVersion(body: unknown): number {
  const v = (body as Record<string, unknown> | null)?.['version'];
  const n = typeof v === 'string' || typeof v === 'number' ? Number(v) : NaN;
  if (!Number.isInteger(n) || n < 1)
    throw new AppError('invalid_input', {
      message: 'Version de l’article manquante : rechargez la page.',
    });
  return n;
}

/** The saved version, with what changed since `openedVersion` as a word diff of the body. */
async function conflictView(
  deps: AdminDeps,
  articleId: number,
  openedVersion: number,
) {
  const revisions = await listRevisions(deps.db, articleId);
  const opened = revisions.find((r) => r.version === openedVersion);
  const latest = revisions[0]!;
  const before = opened
    ? `${opened.snapshot.title}\n\n${opened.snapshot.lead}\n\n${opened.snapshot.bodySource}`
    : '';
  const after = `${latest.snapshot.title}\n\n${latest.snapshot.lead}\n\n${latest.snapshot.bodySource}`;
  // diff is loaded by the first conflict, not by every start.
  const { diffWords } = await import('diff');
  const diffHtml = diffWords(before, after)
    .map((part) =>
      part.added
        ? html`<ins>${part.value}</ins>`
        : part.removed
          ? html`<del>${part.value}</del>`
          : html`${part.value}`,
    )
    .join('');
  return {
    savedBy: latest.userName ?? 'un autre membre de la rédaction',
    diffHtml,
    current: { title: latest.snapshot.title, lead: latest.snapshot.lead },
  };
}

async function loadForEditor(deps: AdminDeps, user: User, id: number) {
  const article = await loadAuthorized(deps.db, actorOf(user), 'view', id);
  return (await withRelations(deps.db, [article]))[0]!;
}

/** The editor: create, open, save (refusing stale saves without losing a word), preview, autosave. */
export function articleRoutes(app: FastifyInstance, deps: AdminDeps): void {
  app.get('/admin/articles/nouveau', async (request, reply) => {
    const user = requireUser(request);
    const ownAuthor = await findAuthorIdForUser(deps.db, user.id);
    const values = valuesFromBody({});
    values.author1 = ownAuthor ? String(ownAuthor) : '';
    return sendEditor(deps, reply, user, { article: null, values });
  });

  app.post(
    '/admin/articles',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const parsed = parseEditorForm(request.body);
      if ('errors' in parsed)
        return sendEditor(deps, reply, user, {
          article: null,
          values: valuesFromBody(request.body),
          errors: parsed.errors,
          status: 400,
          message: {
            text: 'L’article n’a pas été créé : corrigez les champs signalés.',
            kind: 'error',
          },
        });
      try {
        const id = await createArticle(deps, actorOf(user), parsed.fields);
        return reply.redirect(`/admin/articles/${id}?ok=cree`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        return sendEditor(deps, reply, user, {
          article: null,
          values: valuesFromBody(request.body),
          errors: error.fields,
          status: error.status,
          message: { text: error.message, kind: 'error' },
        });
      }
    },
  );

  app.get('/admin/articles/:id', async (request, reply) => {
    const user = requireUser(request);
    const article = await loadForEditor(
      deps,
      user,
      parseArticleId(request.params),
    );
    const q = request.query as Record<string, unknown>;
    const message = okMessage(q['ok']) ?? errorMessage(q['erreur']);
    return sendEditor(deps, reply, user, {
      article,
      values: valuesFromArticle(article),
      message,
    });
  });

  app.post(
    '/admin/articles/:id',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const id = parseArticleId(request.params);
      const article = await loadForEditor(deps, user, id);
      const version = parseVersion(request.body);
      const typed = valuesFromBody(request.body);
      const parsed = parseEditorForm(request.body);
      // On a conflict the form comes back with the current version: saving again after reading
      // the diff is an informed choice, not a silent overwrite.
      const refuse = (
        status: number,
        text: string,
        errors: Record<string, string> = {},
        conflict: Awaited<ReturnType<typeof conflictView>> | null = null,
      ) =>
        sendEditor(deps, reply, user, {
          article,
          values: typed,
          errors,
          status,
          message: { text, kind: 'error' },
          conflict,
        });
      if ('errors' in parsed)
        return refuse(
          400,
          'Rien n’a été enregistré : corrigez les champs signalés.',
          parsed.errors,
        );
      // A changed correction note on a published article is a correction; otherwise an update.
      const correcting =
        article.status === 'published' &&
        parsed.correctionNote !== '' &&
        parsed.correctionNote !== (article.correctionNote ?? '');
      try {
        await updateArticle(deps, actorOf(user), {
          articleId: id,
          expectedVersion: version,
          fields: parsed.fields,
          ...(correcting ? { correctionNote: parsed.correctionNote } : {}),
        });
        return reply.redirect(
          `/admin/articles/${id}?ok=${correcting ? 'corrige' : 'enregistre'}`,
          303,
        );
      } catch (error) {
        if (!(error instanceof AppError) || error.status >= 500) throw error;
        if (error.code === 'stale_version')
          return refuse(
            409,
            error.message,
            {},
            await conflictView(deps, id, version),
          );
        if (error.code === 'forbidden') throw error;
        return refuse(
          error.status,
          Object.keys(error.fields).length
            ? 'Rien n’a été enregistré : corrigez les champs signalés.'
            : error.message,
          error.fields,
        );
      }
    },
  );

  // JSON endpoints used by the editor script. Same commands, same policies, same CSRF.
  app.post(
    '/admin/articles/:id/autosave',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const id = parseArticleId(request.params);
      // Whatever the actor may not see is a 404 before anything else is said about it (its state included).
      const article = await loadAuthorized(deps.db, actorOf(user), 'view', id);
      if (article.status !== 'draft')
        throw new AppError('invalid_transition', {
          message: 'La sauvegarde automatique ne concerne que les brouillons.',
        });
      const parsed = parseEditorForm(request.body);
      if ('errors' in parsed)
        return sendJsonError(
          reply,
          new AppError('invalid_input', {
            message: 'Sauvegarde automatique impossible : champs à corriger.',
            fields: parsed.errors,
          }),
        );
      const saved = await updateArticle(deps, actorOf(user), {
        articleId: id,
        expectedVersion: parseVersion(request.body),
        fields: parsed.fields,
      });
      return reply
        .header('Cache-Control', NO_STORE)
        .send({ version: saved.version });
    },
  );

  app.post(
    '/admin/apercu',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      requireUser(request);
      const body = z
        .object({ bodySource: z.string().max(BODY_MAX_CHARS) })
        .safeParse(request.body);
      if (!body.success) throw new AppError('invalid_input');
      return reply
        .header('Cache-Control', NO_STORE)
        .send({ html: (await renderBody(deps.db, body.data.bodySource)).html });
    },
  );

  app.get('/admin/sujets', async (request, reply: FastifyReply) => {
    const user = requireUser(request);
    const q = z
      .object({ q: z.string().max(100).default('') })
      .safeParse(request.query);
    // The article policy's `view`: a contributor sees only their own work, so only its tags (and public ones).
    const tags = await suggestTagNames(
      deps.db,
      q.success ? q.data.q.trim() : '',
      deps.clock.now(),
      user.role === 'contributor' ? user.id : undefined,
    );
    return reply.header('Cache-Control', NO_STORE).send({ tags });
  });
}

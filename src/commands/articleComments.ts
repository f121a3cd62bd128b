import { articleFacts, loadAuthorized } from './articleAccess.ts';
import {
  deleteComment,
  findComment,
  insertComment,
  membersByHandles,
  resolveComment,
} from '../db/repos/comments.ts';
import { findUserById } from '../db/repos/users.ts';
import { readSettings } from '../db/repos/settings.ts';
import { canOnArticle } from '../policies/article.ts';
import { handleOf, mentionHandles } from '../domain/mentions.ts';
import type { Queryable } from '../db/database.ts';
import type { NewEvent } from '../db/repos/events.ts';
import { AppError } from '../errors.ts';
import type { Actor, CommandContext } from './context.ts';

/** The longest comment: a note to a colleague, not an article (the form says so). */
export const COMMENT_MAX_CHARS = 2_000;
/** How much of a comment a mention's notification (and its e-mail) quotes. */
const EXCERPT_CHARS = 280;

type Member = Actor & { kind: 'user' };

/**
 * Posts a newsroom comment on an article. Whoever may read the article may comment on it. Each
 * member it mentions who may also read the article is named in the event (`comments.create`,
 * payload `mentions`), from which the notifications processor tells them; a mention of someone
 * who may not see the article tells nobody anything.
 */
export async function postComment(
  ctx: CommandContext,
  actor: Member,
  articleId: number,
  text: string,
): Promise<number> {
  const body = text.replace(/\r\n?/g, '\n').trim();
  const refused =
    body === ''
      ? 'Écrivez votre commentaire avant de l’envoyer.'
      : body.length > COMMENT_MAX_CHARS
        ? `Un commentaire fait ${COMMENT_MAX_CHARS.toLocaleString('fr-FR')} caractères au plus.`
        : null;
  if (refused)
    throw new AppError('invalid_input', {
      message: refused,
      fields: { texte: refused },
    });
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const article = await loadAuthorized(tx, actor, 'view', articleId);
    const handles = mentionHandles(body);
    const [facts, settings] = await Promise.all([
      articleFacts(tx, article),
      readSettings(tx),
    ]);
    const mentions: number[] = [];
    for (const m of await membersByHandles(tx, handles)) {
      if (m.id === actor.id || !handles.includes(handleOf(m.email))) continue;
      const user = await findUserById(tx, m.id);
      if (user && canOnArticle(user, 'view', facts, settings))
        mentions.push(user.id);
    }
    const id = await insertComment(tx, {
      articleId: article.id,
      authorId: actor.id,
      body,
      at: now,
    });
    await ctx.events.record(tx, {
      name: 'comments.create',
      articleId: article.id,
      actorId: actor.id,
      at: now,
      payload: {
        commentId: id,
        mentions,
        excerpt:
          body.length > EXCERPT_CHARS
            ? `${body.slice(0, EXCERPT_CHARS - 1)}…`
            : body,
      },
    });
    return id;
  });
}

/** Marks a comment dealt with; anyone who may comment may resolve. Resolving twice is a no-op. */
export async function resolveArticleComment(
  ctx: CommandContext,
  actor: Member,
  articleId: number,
  commentId: number,
): Promise<void> {
  await changeComment(
    ctx,
    actor,
    articleId,
    commentId,
    async (tx, comment, now) => {
      if (comment.resolvedAt) return null;
      await resolveComment(tx, commentId, actor.id, now);
      return {
        name: 'comments.update',
        payload: { commentId, resolved: true },
      };
    },
  );
}

/** Deletes a comment: its author only (nobody rewrites what a colleague said). */
export async function deleteArticleComment(
  ctx: CommandContext,
  actor: Member,
  articleId: number,
  commentId: number,
): Promise<void> {
  await changeComment(ctx, actor, articleId, commentId, async (tx, comment) => {
    if (comment.authorId !== actor.id) throw new AppError('forbidden');
    await deleteComment(tx, commentId);
    return { name: 'comments.delete', payload: { commentId } };
  });
}

type FoundComment = NonNullable<Awaited<ReturnType<typeof findComment>>>;

/**
 * What resolving and deleting share: in one transaction, the actor must be able to read the
 * article and the comment must be on it (404 otherwise); `change` applies the verb and names
 * the event to record, or null when there is nothing to do.
 */
async function changeComment(
  ctx: CommandContext,
  actor: Member,
  articleId: number,
  commentId: number,
  change: (
    tx: Queryable,
    comment: FoundComment,
    now: Date,
  ) => Promise<Pick<NewEvent, 'name' | 'payload'> | null>,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await loadAuthorized(tx, actor, 'view', articleId);
    const comment = await findComment(tx, articleId, commentId);
    if (!comment) throw new AppError('not_found');
    const event = await change(tx, comment, now);
    if (!event) return;
    await ctx.events.record(tx, {
      ...event,
      articleId,
      actorId: actor.id,
      at: now,
    });
  });
}

import { actorId, type Actor, type CommandContext } from './context.ts';
import { authorizeTarget, loadAuthorized } from './articleAccess.ts';
import {
  publicationFieldErrors,
  resolveArticleFields,
  type ArticleFields,
} from './articleFields.ts';
import {
  findArticleById,
  setArticleAuthors,
  setArticleTags,
  updateArticleIfVersion,
} from '../db/repos/articles.ts';
import { insertRevision } from '../db/repos/revisions.ts';
import { setArticleMediaUses } from '../db/repos/media.ts';
import { AppError } from '../errors.ts';
import type { ArticleRecord } from '../domain/articleRecord.ts';

export interface UpdateInput {
  articleId: number;
  /** The version the form was opened at: a save over someone else's newer save is refused. */
  expectedVersion: number;
  fields: ArticleFields;
  /** With a note: a correction of a published article, shown to readers (`correct` verb). */
  correctionNote?: string;
}

/**
 * Saves an article's content and keeps a revision. On a published article the change is shown
 * as « Mis à jour »; a correction also shows its note. No silent overwrite: stale saves fail.
 */
export async function updateArticle(
  ctx: CommandContext,
  actor: Actor,
  input: UpdateInput,
): Promise<ArticleRecord> {
  const now = ctx.clock.now();
  const correcting = input.correctionNote !== undefined;
  return ctx.db.transaction().execute(async (tx) => {
    const action = correcting ? 'correct' : 'update';
    const article = await loadAuthorized(tx, actor, action, input.articleId);
    // The section it goes to must be one the actor may write in too, not only the one it leaves.
    await authorizeTarget(tx, actor, action, {
      status: article.status,
      sectionId: input.fields.sectionId,
      createdBy: article.createdBy,
      authorIds: input.fields.authorIds,
    });
    if (article.version !== input.expectedVersion)
      throw new AppError('stale_version');
    // What is online or due online keeps a section and a byline; a draft may lack them.
    if (article.status === 'published' || article.status === 'scheduled') {
      const missing = publicationFieldErrors(input.fields);
      if (missing) throw new AppError('invalid_input', { fields: missing });
    }
    if (correcting) {
      if (article.status !== 'published')
        throw new AppError('invalid_transition', {
          message: 'Seul un article publié peut recevoir un rectificatif.',
        });
      if (!input.correctionNote!.trim())
        throw new AppError('invalid_input', {
          fields: { correctionNote: 'Expliquez la correction aux lecteurs.' },
        });
    }
    const correctionNote = correcting
      ? input.correctionNote!.trim()
      : article.correctionNote;
    // Once an article has been online its address is public: a new title does not move it
    // unless someone types a new slug on purpose.
    const fields =
      !input.fields.slug && article.firstPublishedAt
        ? { ...input.fields, slug: article.slug }
        : input.fields;
    const resolved = await resolveArticleFields(tx, ctx.events, fields, {
      articleId: article.id,
      now,
      actorId: actorId(actor),
      correctionNote,
      actor,
      previousBodySource: article.bodySource,
    });
    const ok = await updateArticleIfVersion(tx, article.id, article.version, {
      ...resolved.columns,
      correction_note: correctionNote,
      modified_at:
        article.status === 'published'
          ? now.toISOString()
          : (article.modifiedAt?.toISOString() ?? null),
      updated_at: now.toISOString(),
    });
    if (!ok) throw new AppError('stale_version');
    await setArticleAuthors(tx, article.id, resolved.authorIds);
    await setArticleTags(tx, article.id, resolved.tagIds);
    await setArticleMediaUses(tx, article.id, resolved.mediaUses);
    await insertRevision(
      tx,
      article.id,
      article.version + 1,
      resolved.snapshot,
      actorId(actor),
      now,
    );
    await ctx.events.record(tx, {
      name: correcting ? 'articles.correct' : 'articles.update',
      articleId: article.id,
      actorId: actorId(actor),
      at: now,
      payload: {
        slug: resolved.slug,
        title: input.fields.title,
        sectionId: input.fields.sectionId,
        status: article.status,
        ...(correcting ? { note: correctionNote } : {}),
      },
    });
    return (await findArticleById(tx, article.id))!;
  });
}

import type { Actor, CommandContext } from './context.ts';
import { updateArticle } from './updateArticle.ts';
import { listRevisions } from '../db/repos/revisions.ts';
import { AppError } from '../errors.ts';

/** Brings back an earlier revision's content as a new revision: history is never rewritten. */
export async function restoreRevision(
  ctx: CommandContext,
  actor: Actor,
  input: { articleId: number; revisionId: number; expectedVersion: number },
) {
  const revision = (await listRevisions(ctx.db, input.articleId)).find(
    (r) => r.id === input.revisionId,
  );
  if (!revision) throw new AppError('not_found');
  const s = revision.snapshot;
  return updateArticle(ctx, actor, {
    articleId: input.articleId,
    expectedVersion: input.expectedVersion,
    fields: {
      title: s.title,
      slug: s.slug,
      lead: s.lead,
      bodySource: s.bodySource,
      sectionId: s.sectionId,
      authorIds: s.authorIds,
      tagIds: s.tagIds,
      featured: s.featured,
      breaking: s.breaking,
      seoTitle: s.seoTitle,
      seoDescription: s.seoDescription,
      cover: s.cover,
    },
  });
}

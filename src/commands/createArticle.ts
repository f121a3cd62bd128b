import { actorId, type Actor, type CommandContext } from './context.ts';
import { resolveArticleFields, type ArticleFields } from './articleFields.ts';
import { authorizeTarget } from './articleAccess.ts';
import {
  insertArticle,
  setArticleAuthors,
  setArticleTags,
} from '../db/repos/articles.ts';
import { insertRevision } from '../db/repos/revisions.ts';
import { setArticleMediaUses } from '../db/repos/media.ts';

export type ArticleDraftInput = ArticleFields;

/** Creates a draft (anyone in the newsroom may); the body is rendered and sanitised now, once. */
export async function createArticle(
  ctx: CommandContext,
  actor: Actor,
  input: ArticleFields,
): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    await authorizeTarget(tx, actor, 'create', {
      status: 'draft',
      sectionId: input.sectionId,
      createdBy: actorId(actor),
      authorIds: input.authorIds,
    });
    const resolved = await resolveArticleFields(tx, ctx.events, input, {
      now,
      actorId: actorId(actor),
      actor,
    });
    const id = await insertArticle(tx, {
      ...resolved.columns,
      slug: resolved.slug,
      title: input.title,
      status: 'draft',
      section_id: input.sectionId,
      is_featured: input.featured ?? false,
      is_breaking: input.breaking ?? false,
      created_by: actorId(actor),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await setArticleAuthors(tx, id, resolved.authorIds);
    await setArticleTags(tx, id, resolved.tagIds);
    await setArticleMediaUses(tx, id, resolved.mediaUses);
    await insertRevision(tx, id, 1, resolved.snapshot, actorId(actor), now);
    await ctx.events.record(tx, {
      name: 'articles.create',
      articleId: id,
      actorId: actorId(actor),
      payload: { slug: resolved.slug, title: input.title },
      at: now,
    });
    return id;
  });
}

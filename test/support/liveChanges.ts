import type { CommandContext } from '../../src/commands/context.ts';
import {
  findArticleById,
  updateArticleIfVersion,
} from '../../src/db/repos/articles.ts';
import type { ArticlesTable } from '../../src/db/schema.ts';
import type { Updateable } from 'kysely';

/*
 * Stand-ins for the newsroom's update and unpublish commands (being built in parallel): the same
 * repository update and event, in one transaction, as a command would. The live fil info follows
 * events, so it cannot tell these from the real verbs.
 */

/** Edits a published article's fields and records `articles.update`; returns the event id. */
export async function simulateUpdate(
  ctx: CommandContext,
  articleId: number,
  patch: Updateable<ArticlesTable>,
): Promise<number> {
  return change(ctx, articleId, patch, 'articles.update');
}

/** Takes an article offline and records `articles.unpublish`; returns the event id. */
export async function simulateUnpublish(
  ctx: CommandContext,
  articleId: number,
): Promise<number> {
  return change(
    ctx,
    articleId,
    { status: 'unpublished' },
    'articles.unpublish',
  );
}

async function change(
  ctx: CommandContext,
  articleId: number,
  patch: Updateable<ArticlesTable>,
  name: 'articles.update' | 'articles.unpublish',
): Promise<number> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const article = await findArticleById(tx, articleId);
    if (!article) throw new Error(`no article ${articleId}`);
    const ok = await updateArticleIfVersion(tx, articleId, article.version, {
      ...patch,
      updated_at: now.toISOString(),
    });
    if (!ok) throw new Error('stale version');
    const event = await ctx.events.record(tx, {
      name,
      articleId,
      actorId: null,
      payload: { slug: article.slug },
      at: now,
    });
    return event.id;
  });
}

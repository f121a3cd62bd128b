import type { CommandContext } from '../../src/commands/context.ts';
import {
  findArticleById,
  updateArticleIfVersion,
} from '../../src/db/repos/articles.ts';
import { renderMarkdown } from '../../src/domain/markdown.ts';

/**
 * Edits a published article the way the back office's update command will (it is being built
 * elsewhere): one transaction that bumps the version, stamps modified_at and records
 * `articles.update`. first_published_at is never touched.
 */
export async function updateArticleForTest(
  ctx: CommandContext,
  articleId: number,
  patch: { title?: string; slug?: string; lead?: string; bodySource?: string },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const article = await findArticleById(tx, articleId);
    if (!article) throw new Error(`no article ${articleId}`);
    const ok = await updateArticleIfVersion(tx, article.id, article.version, {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.slug !== undefined ? { slug: patch.slug } : {}),
      ...(patch.lead !== undefined ? { lead: patch.lead } : {}),
      ...(patch.bodySource !== undefined
        ? {
            body_source: patch.bodySource,
            body_html: renderMarkdown(patch.bodySource),
          }
        : {}),
      modified_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    if (!ok) throw new Error('stale version');
    await ctx.events.record(tx, {
      name: 'articles.update',
      articleId: article.id,
      payload: { slug: patch.slug ?? article.slug },
      at: now,
    });
  });
}

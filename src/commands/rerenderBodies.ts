import {
  listArticleBodiesAfter,
  setArticleBodyHtml,
} from '../db/repos/articles.ts';
import { renderBody } from '../media/bodyPictures.ts';
import type { CommandContext } from './context.ts';

/**
 * Renders every stored body again from its source with today's renderer, so articles saved
 * before a renderer change (bare provider URLs before the privacy facades, say) read like the
 * ones saved after it. Only bodies whose HTML changes are written, each with an `articles.update`
 * event in its batch's transaction, so the search index, page caches and webhooks follow as for
 * any edit. Safe on a live site and to run again: a second pass changes nothing.
 */
export async function rerenderBodies(
  ctx: CommandContext,
  onProgress: (seen: number, changed: number) => void = () => {},
): Promise<{ seen: number; changed: number }> {
  let after = 0,
    seen = 0,
    changed = 0;
  for (;;) {
    const batch = await listArticleBodiesAfter(ctx.db, after, 100);
    if (batch.length === 0) return { seen, changed };
    await ctx.db.transaction().execute(async (tx) => {
      for (const article of batch) {
        const { html } = await renderBody(tx, article.source);
        if (html === article.html) continue;
        await setArticleBodyHtml(tx, article.id, html);
        await ctx.events.record(tx, {
          name: 'articles.update',
          articleId: article.id,
          actorId: null,
          at: ctx.clock.now(),
          payload: {
            slug: article.slug,
            title: article.title,
            status: article.status,
            rerendered: true,
          },
        });
        changed++;
      }
    });
    after = batch.at(-1)!.id;
    seen += batch.length;
    onProgress(seen, changed);
  }
}

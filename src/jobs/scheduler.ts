import type { CommandContext } from '../commands/context.ts';
import { systemActor } from '../commands/context.ts';
import { publishArticle } from '../commands/publishArticle.ts';
import { listDueScheduledIds } from '../db/repos/articles.ts';
import { AppError } from '../errors.ts';
import { repeatEvery } from './repeat.ts';

/**
 * Publishes scheduled articles whose time has come. Safe to run in several processes at once:
 * publishing is guarded by the article's version, so exactly one process wins each article and
 * records its event; the others see a stale version and move on.
 */
export async function publishDueArticles(
  ctx: CommandContext,
): Promise<number[]> {
  const due = await listDueScheduledIds(ctx.db, ctx.clock.now());
  const published: number[] = [];
  for (const id of due) {
    try {
      await publishArticle(ctx, systemActor('scheduler'), { articleId: id });
      published.push(id);
    } catch (error) {
      if (
        error instanceof AppError &&
        (error.code === 'stale_version' || error.code === 'invalid_transition')
      )
        continue;
      throw error;
    }
  }
  return published;
}

/** Runs `publishDueArticles` every `intervalMs` (at start too, so a restart catches up). */
export function startScheduler(
  ctx: CommandContext,
  options: {
    intervalMs: number;
    onError: (error: unknown) => void;
    onPublished?: (ids: number[]) => void;
  },
): () => void {
  return repeatEvery(
    options.intervalMs,
    async () => {
      const ids = await publishDueArticles(ctx);
      if (ids.length) options.onPublished?.(ids);
    },
    options.onError,
  );
}

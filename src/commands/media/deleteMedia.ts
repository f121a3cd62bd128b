import { actorId, type Actor } from '../context.ts';
import { authorize } from '../../policies/authorize.ts';
import { canOnMedia } from '../../policies/media.ts';
import {
  deleteMediaRow,
  listMediaUses,
  type MediaUse,
} from '../../db/repos/media.ts';
import { AppError } from '../../errors.ts';
import { clearArticleCover } from '../../db/repos/articles.ts';
import { loadMedia, type MediaCommandContext } from './mediaContext.ts';

/**
 * Deletes a picture that nothing uses. A used one is deleted only with `confirmUses` (the caller
 * showed where it is used): it is then taken off those articles' covers, each article's change
 * recorded. Files are removed after the commit; a crash in between leaves orphans, which
 * `newsdesk media orphans` reports.
 */
export async function deleteMedia(
  ctx: MediaCommandContext,
  actor: Actor,
  input: { mediaId: number; confirmUses?: boolean },
): Promise<{ uses: MediaUse[] }> {
  const now = ctx.clock.now();
  const { media, uses } = await ctx.db.transaction().execute(async (tx) => {
    const media = await loadMedia(tx, input.mediaId);
    if (actor.kind === 'user') authorize(canOnMedia(actor, 'delete', media));
    const uses = await listMediaUses(tx, media.id);
    if (uses.length && !input.confirmUses) throw new AppError('media_in_use');
    const covers = [
      ...new Set(
        uses.filter((u) => u.role === 'cover').map((u) => u.articleId),
      ),
    ];
    for (const articleId of covers) {
      await clearArticleCover(tx, articleId, now);
      await ctx.events.record(tx, {
        name: 'articles.update',
        articleId,
        actorId: actorId(actor),
        payload: { coverRemoved: media.id },
        at: now,
      });
    }
    await deleteMediaRow(tx, media.id);
    await ctx.events.record(tx, {
      name: 'media.delete',
      actorId: actorId(actor),
      payload: {
        mediaId: media.id,
        fileName: media.fileName,
        uses: uses.length,
      },
      at: now,
    });
    return { media, uses };
  });
  await ctx.media.renditions.removeAll(media.id);
  await ctx.media.storage.delete(media.originalKey);
  return { uses };
}

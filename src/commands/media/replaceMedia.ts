import { actorId, type Actor } from '../context.ts';
import type { MediaRecord } from '../../domain/pictures.ts';
import { authorize } from '../../policies/authorize.ts';
import { canOnMedia } from '../../policies/media.ts';
import { publishRenditions } from '../../media/maintenance.ts';
import { listMediaUses, updateMediaIfVersion } from '../../db/repos/media.ts';
import { inspectUpload } from '../../media/inspect.ts';
import { AppError } from '../../errors.ts';
import {
  cleanFileName,
  loadMedia,
  mediaSearchTerms,
  originalKey,
  type MediaCommandContext,
} from './mediaContext.ts';

/**
 * Puts a new file behind a picture, keeping its id, its description and every use. The focal
 * point stays (it is a fraction), hand-set crops are dropped (they were pixels of the old file).
 * A picture used as a cover must stay 1200 px wide. The old original and renditions are removed
 * after the commit; new rendition URLs follow from the new content hash.
 */
export async function replaceMedia(
  ctx: MediaCommandContext,
  actor: Actor,
  input: { mediaId: number; path: string; fileName: string },
): Promise<MediaRecord> {
  const before = await loadMedia(ctx.db, input.mediaId);
  if (actor.kind === 'user') authorize(canOnMedia(actor, 'replace', before));
  const usedAsCover = (await listMediaUses(ctx.db, before.id)).some(
    (u) => u.role === 'cover',
  );
  const fileName = cleanFileName(input.fileName);
  const picture = await inspectUpload(
    input.path,
    fileName,
    ctx.media.config,
    usedAsCover ? 'cover' : 'any',
  );
  const key = originalKey(picture.contentHash, picture.mimeType);
  await ctx.media.storage.putFile(key, input.path, picture.mimeType);
  const now = ctx.clock.now();
  let replaced: MediaRecord;
  try {
    replaced = await ctx.db.transaction().execute(async (tx) => {
      const media = await loadMedia(tx, input.mediaId);
      const ok = await updateMediaIfVersion(tx, media.id, media.version, {
        original_key: key,
        content_hash: picture.contentHash,
        mime_type: picture.mimeType,
        width: picture.width,
        height: picture.height,
        bytes: picture.bytes,
        file_name: fileName,
        crops: '{}',
        updated_at: now.toISOString(),
        search_terms: mediaSearchTerms({ ...media, fileName }),
      });
      if (!ok) throw new AppError('stale_version');
      await ctx.events.record(tx, {
        name: 'media.replace',
        actorId: actorId(actor),
        payload: {
          mediaId: media.id,
          fileName,
          previousHash: media.contentHash,
        },
        at: now,
      });
      return loadMedia(tx, media.id);
    });
  } catch (error) {
    await ctx.media.storage.delete(key);
    throw error;
  }
  // The new renditions first: pages may link the public storage directly (publishRenditions).
  await publishRenditions(ctx.media, replaced);
  await ctx.media.renditions.removeAll(before.id);
  await ctx.media.storage.delete(before.originalKey);
  return replaced;
}

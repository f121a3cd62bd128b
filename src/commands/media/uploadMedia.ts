import { actorId, type Actor } from '../context.ts';
import type { MediaRecord } from '../../domain/pictures.ts';
import { authorize } from '../../policies/authorize.ts';
import { canOnMedia } from '../../policies/media.ts';
import { publishRenditions } from '../../media/maintenance.ts';
import { insertMedia } from '../../db/repos/media.ts';
import { inspectUpload } from '../../media/inspect.ts';
import {
  cleanFileName,
  loadMedia,
  mediaSearchTerms,
  originalKey,
  type MediaCommandContext,
} from './mediaContext.ts';

export interface UploadInput {
  /** The upload, spooled to a temporary file by the route (the caller removes it). */
  path: string;
  fileName: string;
  /** A cover must be 1200 px wide; anything else 320. */
  purpose?: 'cover' | 'any';
}

/**
 * Adds a picture to the library: checked (inspectUpload), the original stored, then the row and
 * its `media.create` event in one transaction. If the transaction fails the stored file is
 * removed, so a refused or failed upload leaves nothing behind.
 */
export async function uploadMedia(
  ctx: MediaCommandContext,
  actor: Actor,
  input: UploadInput,
): Promise<MediaRecord> {
  if (actor.kind === 'user') authorize(canOnMedia(actor, 'upload'));
  const fileName = cleanFileName(input.fileName);
  const picture = await inspectUpload(
    input.path,
    fileName,
    ctx.media.config,
    input.purpose ?? 'any',
  );
  const key = originalKey(picture.contentHash, picture.mimeType);
  await ctx.media.storage.putFile(key, input.path, picture.mimeType);
  const now = ctx.clock.now().toISOString();
  let created: MediaRecord;
  try {
    created = await ctx.db.transaction().execute(async (tx) => {
      const id = await insertMedia(tx, {
        original_key: key,
        content_hash: picture.contentHash,
        mime_type: picture.mimeType,
        width: picture.width,
        height: picture.height,
        bytes: picture.bytes,
        file_name: fileName,
        crops: '{}',
        decorative: false,
        caption: picture.caption,
        credit: picture.credit,
        copyright: picture.copyright,
        search_terms: mediaSearchTerms({ ...picture, alt: '', fileName }),
        uploaded_by: actorId(actor),
        created_at: now,
        updated_at: now,
      });
      await ctx.events.record(tx, {
        name: 'media.create',
        actorId: actorId(actor),
        payload: { mediaId: id, fileName },
        at: new Date(now),
      });
      return loadMedia(tx, id);
    });
  } catch (error) {
    await ctx.media.storage.delete(key);
    throw error;
  }
  await publishRenditions(ctx.media, created);
  return created;
}

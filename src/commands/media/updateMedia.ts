import { actorId, type Actor } from '../context.ts';
import type { MediaRecord } from '../../domain/pictures.ts';
import { authorize } from '../../policies/authorize.ts';
import { canOnMedia } from '../../policies/media.ts';
import { publishRenditions } from '../../media/maintenance.ts';
import { updateMediaIfVersion } from '../../db/repos/media.ts';
import {
  normaliseCrop,
  RATIOS,
  type Crops,
  type Rect,
} from '../../domain/pictures.ts';
import { AppError } from '../../errors.ts';
import {
  loadMedia,
  mediaSearchTerms,
  type MediaCommandContext,
} from './mediaContext.ts';

/** What the picture's page edits: its description, focal point and hand-set crops (a ratio left out follows the focal point). */
export type MediaFields = Pick<
  MediaRecord,
  | 'alt'
  | 'decorative'
  | 'caption'
  | 'credit'
  | 'copyright'
  | 'usageNotes'
  | 'focal'
> & {
  crops: Partial<Record<(typeof RATIOS)[number], Rect>>;
};

/**
 * Describes a picture, moves its focal point or sets its crops. Version-guarded like articles.
 * New crops give new rendition URLs (their tag changes), so nothing cached shows the old crop.
 */
export async function updateMedia(
  ctx: MediaCommandContext,
  actor: Actor,
  input: { mediaId: number; expectedVersion: number; fields: MediaFields },
): Promise<MediaRecord> {
  const now = ctx.clock.now();
  const updated = await ctx.db.transaction().execute(async (tx) => {
    const media = await loadMedia(tx, input.mediaId);
    if (actor.kind === 'user') authorize(canOnMedia(actor, 'update', media));
    if (media.version !== input.expectedVersion)
      throw new AppError('stale_version', {
        message:
          'Quelqu’un a modifié cette image après que vous l’avez ouverte : vos modifications n’ont pas été écrasées. Rechargez la page.',
      });
    const f = input.fields;
    const errors: Record<string, string> = {};
    const inUnit = (v: number) => Number.isFinite(v) && v >= 0 && v <= 1;
    if (!inUnit(f.focal.x) || !inUnit(f.focal.y))
      errors['focal'] = 'Cliquez sur l’image pour placer le point d’intérêt.';
    const crops: Crops = {};
    for (const ratio of RATIOS) {
      const rect = f.crops[ratio];
      if (!rect) continue;
      const crop = normaliseCrop(media.width, media.height, ratio, rect);
      if (!crop)
        errors[`crop-${ratio}`] = `Le recadrage ${ratio} n’est pas valide.`;
      else crops[ratio] = crop;
    }
    if (Object.keys(errors).length)
      throw new AppError('invalid_input', { fields: errors });
    const alt = f.decorative ? '' : f.alt.trim();
    const ok = await updateMediaIfVersion(tx, media.id, media.version, {
      alt,
      decorative: f.decorative,
      caption: f.caption.trim(),
      credit: f.credit.trim(),
      copyright: f.copyright.trim(),
      usage_notes: f.usageNotes.trim(),
      focal_x: f.focal.x,
      focal_y: f.focal.y,
      crops: JSON.stringify(crops),
      search_terms: mediaSearchTerms({
        caption: f.caption,
        credit: f.credit,
        alt,
        copyright: f.copyright,
        fileName: media.fileName,
      }),
      updated_at: now.toISOString(),
    });
    if (!ok) throw new AppError('stale_version');
    await ctx.events.record(tx, {
      name: 'media.update',
      actorId: actorId(actor),
      payload: { mediaId: media.id },
      at: now,
    });
    return loadMedia(tx, media.id);
  });
  await publishRenditions(ctx.media, updated);
  return updated;
}

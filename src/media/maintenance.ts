import type { Queryable } from '../db/database.ts';
import { findMediaById, listAllMediaKeys } from '../db/repos/media.ts';
import {
  FORMATS,
  widthsFor,
  type MediaRecord,
  type RatioSlug,
} from '../domain/pictures.ts';
import type { MediaServices } from './library.ts';
import {
  encodeRendition,
  parseRenditionFileName,
  regionOf,
  renditionKey,
  renditionTag,
  type RenditionSpec,
} from './renditions.ts';

const RATIO_SLUGS: RatioSlug[] = ['16x9', '4x3', '1x1', 'full'];

/** Every rendition pages may ask for today: each ratio at the widths it can fill, in each format. */
export function currentRenditions(
  picture: Parameters<typeof renditionTag>[0],
): RenditionSpec[] {
  return RATIO_SLUGS.flatMap((ratio) => {
    const tag = renditionTag(picture, ratio);
    return widthsFor(regionOf(picture, ratio).width).flatMap((width) =>
      FORMATS.map((format) => ({
        mediaId: picture.id,
        tag,
        ratio,
        width,
        format,
      })),
    );
  });
}

/**
 * With MEDIA_PUBLIC_URL pages link renditions straight at the storage, which cannot make a
 * missing one when it is asked for: the commands that change what a picture looks like (upload,
 * replace, focal point or crops) make every current rendition before they return. Without it,
 * nothing: renditions are made on their first request.
 */
export async function publishRenditions(
  media: MediaServices,
  picture: MediaRecord,
): Promise<void> {
  if (media.config.storage.kind !== 's3' || !media.config.storage.publicUrl)
    return;
  await Promise.all(
    currentRenditions(picture).map(async (spec) => {
      if (!(await media.storage.exists(renditionKey(spec))))
        await media.renditions.make(picture, spec);
    }),
  );
}

/**
 * `newsdesk media regenerate`: for each picture, removes renditions that pages no longer ask for
 * (older widths, crops or encoder versions) and makes the current ones (all of them, or only
 * the missing ones). Returns how many were made and removed.
 */
export async function regenerateRenditions(
  db: Queryable,
  media: MediaServices,
  options: {
    onlyMissing: boolean;
    onPicture?: (done: number, total: number) => void;
  },
): Promise<{ pictures: number; made: number; removed: number }> {
  const all = await listAllMediaKeys(db);
  let made = 0,
    removed = 0;
  for (const [i, { id }] of all.entries()) {
    const picture = await findMediaById(db, id);
    if (!picture) continue;
    const wanted = currentRenditions(picture);
    const wantedKeys = new Set(wanted.map(renditionKey));
    const existing = new Set<string>();
    for await (const key of media.storage.list(`renditions/${id}/`)) {
      if (wantedKeys.has(key) && options.onlyMissing) existing.add(key);
      else {
        await media.storage.delete(key);
        if (!wantedKeys.has(key)) removed++;
      }
    }
    for (const spec of wanted) {
      if (existing.has(renditionKey(spec))) continue;
      await media.renditions.make(picture, spec);
      made++;
    }
    options.onPicture?.(i + 1, all.length);
  }
  return { pictures: all.length, made, removed };
}

export interface CheckProblem {
  mediaId: number;
  fileName: string;
  problem: string;
}

/**
 * `newsdesk media check`: every picture's original is in storage and still decodes into a
 * rendition (the smallest JPEG, made in memory and thrown away).
 */
export async function checkMedia(
  db: Queryable,
  media: MediaServices,
  onPicture?: (done: number, total: number) => void,
): Promise<{ checked: number; problems: CheckProblem[] }> {
  const all = await listAllMediaKeys(db);
  const problems: CheckProblem[] = [];
  for (const [i, { id }] of all.entries()) {
    const picture = await findMediaById(db, id);
    if (!picture) continue;
    const original = await media.storage.get(picture.originalKey);
    if (!original)
      problems.push({
        mediaId: id,
        fileName: picture.fileName,
        problem: `original missing from storage (${picture.originalKey})`,
      });
    else {
      try {
        await encodeRendition(
          original,
          regionOf(picture, '4x3'),
          320,
          'jpeg',
          media.config.maxPixels,
        );
      } catch (error) {
        problems.push({
          mediaId: id,
          fileName: picture.fileName,
          problem: `cannot be rendered: ${(error as Error).message}`,
        });
      }
    }
    onPicture?.(i + 1, all.length);
  }
  return { checked: all.length, problems };
}

/**
 * `newsdesk media orphans`: files in storage that no picture needs — originals no row names
 * (an upload or deletion interrupted between storage and database), renditions of deleted
 * pictures or of older tags. Removed with `remove`.
 */
export async function findOrphans(
  db: Queryable,
  media: MediaServices,
  options: { remove: boolean },
): Promise<string[]> {
  const rows = await listAllMediaKeys(db);
  const originals = new Set(rows.map((r) => r.originalKey));
  const tags = new Map<number, Set<string>>();
  const orphans: string[] = [];
  for await (const key of media.storage.list('originals/'))
    if (!originals.has(key)) orphans.push(key);
  for await (const key of media.storage.list('renditions/')) {
    const [, idPart, name] = key.split('/');
    const id = Number(idPart);
    const spec = name ? parseRenditionFileName(id, name) : null;
    if (!spec) {
      orphans.push(key);
      continue;
    }
    if (!tags.has(id)) {
      const picture = await findMediaById(db, id);
      tags.set(
        id,
        new Set(
          picture ? RATIO_SLUGS.map((r) => renditionTag(picture, r)) : [],
        ),
      );
    }
    if (!tags.get(id)!.has(spec.tag)) orphans.push(key);
  }
  if (options.remove)
    for (const key of orphans) await media.storage.delete(key);
  return orphans.sort();
}

import type { CommandContext } from '../context.ts';
import type { MediaRecord } from '../../domain/pictures.ts';
import type { MediaServices } from '../../media/library.ts';
import { findMediaById } from '../../db/repos/media.ts';
import type { Queryable } from '../../db/database.ts';
import { indexTerms } from '../../search/normalize.ts';
import { ACCEPTED_TYPES } from '../../media/inspect.ts';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../errors.ts';

/** Picture commands also need the storage and the rendition maker. */
export interface MediaCommandContext extends CommandContext {
  media: MediaServices;
}

export async function loadMedia(
  db: Queryable,
  id: number,
): Promise<MediaRecord> {
  const media = await findMediaById(db, id);
  if (!media)
    throw new AppError('not_found', {
      message: 'Cette image n’existe pas (ou plus) dans la photothèque.',
    });
  return media;
}

/**
 * The library's search terms: caption, credit, alt, rights and file name through the site's one
 * French normaliser, space-framed so that `like '% term%'` finds a word's beginning.
 */
export function mediaSearchTerms(m: {
  caption: string;
  credit: string;
  alt: string;
  copyright: string;
  fileName: string;
}): string {
  const fileWords = m.fileName
    .replace(/\.[a-z0-9]+$/i, '')
    .replace(/[_.-]+/g, ' ');
  return ` ${indexTerms([m.caption, m.credit, m.alt, m.copyright, fileWords].join(' ')).join(' ')} `;
}

/** A new key for an original: its hash (for people looking at the bucket) and a random part (never reused). */
export function originalKey(contentHash: string, mimeType: string): string {
  const extension = ACCEPTED_TYPES[mimeType]?.extensions[0] ?? 'bin';
  return `originals/${contentHash.slice(0, 2)}/${contentHash}-${randomBytes(4).toString('hex')}.${extension}`;
}

/** A file name as typed, kept for search and for the library, without any path. */
export function cleanFileName(name: string): string {
  return (
    (name.split(/[\\/]/).pop() ?? '')
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a file name must lose
      .replace(/[\u0000-\u001f]/g, '')
      .slice(0, 300) || 'image'
  );
}

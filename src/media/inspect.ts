import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { Metadata } from 'sharp';
import { AppError } from '../errors.ts';
import { MIN_COVER_WIDTH, MIN_PICTURE_WIDTH } from '../domain/pictures.ts';
import { loadSharp } from './sharpLoader.ts';

/** What we accept, by real type (read from the bytes), with the extensions that may name it. */
export const ACCEPTED_TYPES: Record<
  string,
  { label: string; extensions: string[] }
> = {
  'image/jpeg': { label: 'JPEG', extensions: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  'image/png': { label: 'PNG', extensions: ['png'] },
  'image/webp': { label: 'WebP', extensions: ['webp'] },
  'image/avif': { label: 'AVIF', extensions: ['avif'] },
  'image/gif': { label: 'GIF', extensions: ['gif'] },
};
/** Extensions of image formats we know, accepted or not: a mismatch with one of them is a lie about the file. */
const IMAGE_EXTENSIONS = new Set([
  'jpg',
  'jpeg',
  'jpe',
  'jfif',
  'png',
  'webp',
  'avif',
  'gif',
  'heic',
  'heif',
  'tif',
  'tiff',
  'bmp',
  'svg',
]);

/**
 * Markup or script inside an image file: a polyglot (a file that is an image for one program and
 * HTML, SVG or PHP for another). We never serve originals to readers, but a file like this has
 * no business in the library.
 */
const HIDDEN_CODE =
  /<(script|html|body|iframe|svg|object|embed)[\s>/]|<\?php|javascript:/i;
/** A ZIP archive's end record, which sits within the last 64 KB of a ZIP (GIFAR, JPEG+ZIP polyglots). */
const ZIP_END = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

export interface InspectedPicture {
  mimeType: string;
  /** sha256 of the bytes, hex. */
  contentHash: string;
  /** As shown, after the EXIF orientation. */
  width: number;
  height: number;
  bytes: number;
  /** Prefilled from IPTC, XMP or EXIF when the file says. */
  caption: string;
  credit: string;
  copyright: string;
}

export interface InspectLimits {
  maxPixels: number;
  maxUploadBytes: number;
}

const refuse = (message: string) => new AppError('media_rejected', { message });
const megapixels = (pixels: number) =>
  (pixels / 1_000_000).toLocaleString('fr-FR', { maximumFractionDigits: 0 });

/**
 * Checks a spooled upload before anything is stored: the real type from the bytes (not the
 * name), no hidden code, a size within the limits read from the header before any decoding (a
 * decompression bomb stops here), and a full decode (a truncated or corrupt file fails). Every
 * refusal says, in French, what is wrong and what to do.
 */
export async function inspectUpload(
  path: string,
  fileName: string,
  limits: InspectLimits,
  purpose: 'cover' | 'any' = 'any',
): Promise<InspectedPicture> {
  const { size } = await stat(path);
  if (size === 0) throw refuse('Le fichier est vide.');
  if (size > limits.maxUploadBytes) throw tooLarge(limits.maxUploadBytes);
  const bytes = await readFile(path);
  // file-type and exifr are loaded with the first upload, not at start (no page needs them).
  const { fileTypeFromBuffer } = await import('file-type');
  const type = await fileTypeFromBuffer(bytes);
  const extension = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  // SVG is text (file-type sees XML, or nothing): said apart, because people expect it to work.
  if (
    extension === 'svg' ||
    /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg[^>]*>\s*)?<svg[\s>]/i.test(
      bytes.subarray(0, 4096).toString('utf8'),
    )
  ) {
    throw refuse(
      'Les images SVG ne sont pas acceptées : elles peuvent contenir du code. Exportez-la en PNG ou en JPEG.',
    );
  }
  if (!type)
    throw refuse(
      'Ce fichier n’est pas une image que nous acceptons. Envoyez une photo JPEG, PNG, WebP, AVIF ou GIF.',
    );
  const accepted = ACCEPTED_TYPES[type.mime];
  if (!accepted)
    throw refuse(
      `Ce fichier est au format ${type.ext.toUpperCase()}, que nous n’acceptons pas. Envoyez une photo JPEG, PNG, WebP, AVIF ou GIF.`,
    );
  if (
    IMAGE_EXTENSIONS.has(extension) &&
    !accepted.extensions.includes(extension)
  ) {
    throw refuse(
      `« ${fileName} » porte l’extension .${extension} mais contient une image ${accepted.label}. Renommez-le en .${accepted.extensions[0]}, ou exportez-le de nouveau au bon format.`,
    );
  }
  if (
    HIDDEN_CODE.test(bytes.toString('latin1')) ||
    bytes.subarray(Math.max(0, bytes.length - 65_557)).includes(ZIP_END)
  ) {
    throw refuse(
      'Ce fichier contient autre chose qu’une image (du code ou une archive cachée) : il est refusé par sécurité. Exportez la photo de nouveau depuis votre logiciel.',
    );
  }

  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (error) {
    throw new AppError('media_rejected', { message: corrupt(), cause: error });
  }
  const rawWidth = meta.width ?? 0,
    rawHeight = meta.pageHeight ?? meta.height ?? 0;
  if (rawWidth * rawHeight > limits.maxPixels) {
    throw refuse(
      `Cette image fait ${megapixels(rawWidth * rawHeight)} mégapixels (${rawWidth} × ${rawHeight}) : le maximum est ${megapixels(limits.maxPixels)} mégapixels. Réduisez-la avant de l’envoyer.`,
    );
  }
  try {
    // A full decode of the first frame, shrunk: cheap, and it reads every byte of the picture.
    await sharp(bytes, {
      limitInputPixels: limits.maxPixels,
      failOn: 'truncated',
    })
      .rotate()
      .resize(64)
      .raw()
      .toBuffer();
  } catch (error) {
    throw new AppError('media_rejected', { message: corrupt(), cause: error });
  }
  const turned = (meta.orientation ?? 1) >= 5;
  const width = turned ? rawHeight : rawWidth,
    height = turned ? rawWidth : rawHeight;
  if (width < MIN_PICTURE_WIDTH)
    throw refuse(
      `Cette image ne fait que ${width} pixels de large : il en faut au moins ${MIN_PICTURE_WIDTH}.`,
    );
  if (purpose === 'cover' && width < MIN_COVER_WIDTH)
    throw refuse(tooSmallForCover(width));
  return {
    mimeType: type.mime,
    contentHash: createHash('sha256').update(bytes).digest('hex'),
    width,
    height,
    bytes: size,
    ...(await prefill(bytes)),
  };
}

export function tooLarge(maxBytes: number): AppError {
  return new AppError('media_too_large', {
    message: `Ce fichier dépasse ${Math.round(maxBytes / (1024 * 1024))} Mo, le maximum accepté. Réduisez la photo (2 000 à 4 000 pixels de large suffisent) et réessayez.`,
  });
}

export function tooSmallForCover(width: number): string {
  return `Cette image ne fait que ${width} pixels de large : une image de couverture doit en faire au moins ${MIN_COVER_WIDTH} (Google ne montre pas en grand les images plus petites).`;
}

const corrupt = () =>
  'Ce fichier est abîmé ou incomplet (l’envoi s’est peut-être interrompu). Exportez la photo de nouveau et réessayez.';

type Tagged =
  | string
  | { value?: string }
  | (string | { value?: string })[]
  | undefined;
function text(value: Tagged): string {
  const first = Array.isArray(value) ? value[0] : value;
  const s = typeof first === 'string' ? first : (first?.value ?? '');
  return String(s).replace(/\s+/g, ' ').trim();
}

/** Caption, credit (« Photo : Nom / Agence ») and rights from IPTC, XMP or EXIF, in that order. */
async function prefill(
  bytes: Buffer,
): Promise<{ caption: string; credit: string; copyright: string }> {
  let tags: Record<string, Tagged> = {};
  try {
    const { default: exifr } = await import('exifr');
    tags =
      (await exifr.parse(bytes, {
        tiff: true,
        xmp: true,
        iptc: true,
        exif: false,
        gps: false,
        mergeOutput: true,
      })) ?? {};
  } catch {
    return { caption: '', credit: '', copyright: '' };
  }
  const caption =
    text(tags['Caption']) ||
    text(tags['description']) ||
    text(tags['ImageDescription']);
  const author =
    text(tags['Byline']) || text(tags['creator']) || text(tags['Artist']);
  const agency = text(tags['Credit']) || text(tags['Source']);
  const credit =
    author && agency && author !== agency
      ? `Photo : ${author} / ${agency}`
      : author || agency
        ? `Photo : ${author || agency}`
        : '';
  const copyright =
    text(tags['CopyrightNotice']) ||
    text(tags['rights']) ||
    text(tags['Copyright']);
  return {
    caption: caption.slice(0, 1000),
    credit: credit.slice(0, 300),
    copyright: copyright.slice(0, 500),
  };
}

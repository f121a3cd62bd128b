import { createHash } from 'node:crypto';
import { loadSharp } from './sharpLoader.ts';
import type { MediaRecord } from '../domain/pictures.ts';
import {
  cropFor,
  FORMAT_EXTENSIONS,
  FORMAT_TYPES,
  FORMATS,
  isRatioSlug,
  ratioOfSlug,
  WIDTHS,
  type RatioSlug,
  type Rect,
  type RenditionFormat,
  type RenditionWidth,
} from '../domain/pictures.ts';
import type { MediaStorage } from './storage/storage.ts';

/** Bump when encoding settings change: every rendition gets a new URL and is made again. */
export const RENDITION_VERSION = 1;

/** One rendition: a region of a picture (a crop or the whole) at a width, in a format. */
export interface RenditionSpec {
  mediaId: number;
  tag: string;
  ratio: RatioSlug;
  width: RenditionWidth;
  format: RenditionFormat;
}

type Picture = Pick<
  MediaRecord,
  'id' | 'contentHash' | 'width' | 'height' | 'focal' | 'crops'
>;

/** The region of the original a ratio shows. */
export function regionOf(picture: Picture, ratio: RatioSlug): Rect {
  const r = ratioOfSlug(ratio);
  return r
    ? cropFor(picture, r)
    : { x: 0, y: 0, width: picture.width, height: picture.height };
}

/**
 * The part of a rendition's name that changes whenever its bytes would: the original's content
 * hash, the region and the encoder version. URLs carrying it can be cached for ever.
 */
export function renditionTag(picture: Picture, ratio: RatioSlug): string {
  const r = regionOf(picture, ratio);
  return createHash('sha256')
    .update(
      `${picture.contentHash}|${r.x},${r.y},${r.width},${r.height}|${RENDITION_VERSION}`,
    )
    .digest('hex')
    .slice(0, 12);
}

export function renditionFileName(
  spec: Omit<RenditionSpec, 'mediaId'>,
): string {
  return `${spec.tag}-${spec.ratio}-${spec.width}.${FORMAT_EXTENSIONS[spec.format]}`;
}

let publicBase: string | null = null;

/**
 * Pages link renditions at `<base>/renditions/12/…` (a CDN or public bucket in front of the S3
 * storage, MEDIA_PUBLIC_URL) instead of through newsdesk's /media route; null: through newsdesk.
 * Set from configuration when the media services are created: one site per process, and every
 * presenter that writes a picture's URL reads it here rather than being handed it.
 */
export function linkRenditionsAt(base: string | null): void {
  publicBase = base;
}

/** Where pages link a rendition: newsdesk's `/media/12/…`, or the public storage when configured. */
export function renditionUrl(mediaId: number, fileName: string): string {
  return publicBase
    ? `${publicBase}/renditions/${mediaId}/${fileName}`
    : `/media/${mediaId}/${fileName}`;
}

/** `/media/12/3fa9c2e1b0d4-16x9-960.avif`: newsdesk's own address of a rendition (always served). */
export function renditionPath(
  picture: Picture,
  ratio: RatioSlug,
  width: RenditionWidth,
  format: RenditionFormat,
): string {
  return `/media/${picture.id}/${renditionFileName({ tag: renditionTag(picture, ratio), ratio, width, format })}`;
}

export function renditionKey(spec: RenditionSpec): string {
  return `renditions/${spec.mediaId}/${renditionFileName(spec)}`;
}

const FILE_NAME =
  /^([0-9a-f]{12})-(16x9|4x3|1x1|full)-(\d{3,4})\.(avif|webp|jpg)$/;

/** Reads a rendition's file name back; null for anything we would not have written. */
export function parseRenditionFileName(
  mediaId: number,
  name: string,
): RenditionSpec | null {
  const m = FILE_NAME.exec(name);
  if (!m) return null;
  const width = Number(m[3]);
  const format = FORMATS.find((f) => FORMAT_EXTENSIONS[f] === m[4]);
  if (
    !(WIDTHS as readonly number[]).includes(width) ||
    !format ||
    !isRatioSlug(m[2]!)
  )
    return null;
  return {
    mediaId,
    tag: m[1]!,
    ratio: m[2] as RatioSlug,
    width: width as RenditionWidth,
    format,
  };
}

/**
 * Encodes one rendition from the original: orientation applied, region cut, resized, and every
 * piece of metadata (EXIF with GPS, XMP, IPTC) dropped, as sharp does unless asked to keep it.
 */
export async function encodeRendition(
  original: Buffer,
  region: Rect,
  width: number,
  format: RenditionFormat,
  maxPixels: number,
): Promise<Buffer> {
  const sharp = await loadSharp();
  const pipeline = sharp(original, {
    limitInputPixels: maxPixels,
    failOn: 'truncated',
  })
    .rotate()
    .extract({
      left: region.x,
      top: region.y,
      width: region.width,
      height: region.height,
    })
    .resize({ width, withoutEnlargement: false });
  if (format === 'avif')
    return pipeline.avif({ quality: 50, effort: 2 }).toBuffer();
  if (format === 'webp') return pipeline.webp({ quality: 72 }).toBuffer();
  return pipeline
    .jpeg({ quality: 78, mozjpeg: true, progressive: true })
    .toBuffer();
}

/**
 * Makes renditions on first request and keeps them in storage. At most `concurrency` encode at
 * once (each uses a core), and two requests for the same rendition share one encode.
 */
export class Renditions {
  readonly #storage: MediaStorage;
  readonly #maxPixels: number;
  readonly #concurrency: number;
  #running = 0;
  readonly #queue: (() => void)[] = [];
  readonly #inFlight = new Map<string, Promise<Buffer>>();

  constructor(
    storage: MediaStorage,
    options: { maxPixels: number; concurrency?: number },
  ) {
    this.#storage = storage;
    this.#maxPixels = options.maxPixels;
    this.#concurrency = options.concurrency ?? 2;
  }

  /** The stored rendition's bytes, or null when it was never made. */
  stored(spec: RenditionSpec): Promise<Buffer | null> {
    return this.#storage.get(renditionKey(spec));
  }

  /** Makes the rendition (from `picture`'s current original) and stores it. */
  make(
    picture: MediaRecord & { originalKey: string },
    spec: RenditionSpec,
  ): Promise<Buffer> {
    const key = renditionKey(spec);
    const running = this.#inFlight.get(key);
    if (running) return running;
    const job = this.#limited(async () => {
      const original = await this.#storage.get(picture.originalKey);
      if (!original)
        throw new Error(
          `original of picture ${picture.id} is missing from storage (${picture.originalKey})`,
        );
      const bytes = await encodeRendition(
        original,
        regionOf(picture, spec.ratio),
        spec.width,
        spec.format,
        this.#maxPixels,
      );
      await this.#storage.put(key, bytes, FORMAT_TYPES[spec.format]);
      return bytes;
    }).finally(() => this.#inFlight.delete(key));
    this.#inFlight.set(key, job);
    return job;
  }

  /** The byte size of a rendition, made first if it never was (feeds' enclosures state it). */
  async byteLength(
    picture: MediaRecord,
    ratio: RatioSlug,
    width: RenditionWidth,
    format: RenditionFormat,
  ): Promise<number> {
    const spec: RenditionSpec = {
      mediaId: picture.id,
      tag: renditionTag(picture, ratio),
      ratio,
      width,
      format,
    };
    return ((await this.stored(spec)) ?? (await this.make(picture, spec)))
      .length;
  }

  /** Removes every rendition of a picture (after a replacement or a deletion). */
  async removeAll(mediaId: number): Promise<number> {
    let n = 0;
    for await (const key of this.#storage.list(`renditions/${mediaId}/`)) {
      await this.#storage.delete(key);
      n++;
    }
    return n;
  }

  async #limited<T>(work: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#concurrency)
      await new Promise<void>((resolve) => this.#queue.push(resolve));
    this.#running++;
    try {
      return await work();
    } finally {
      this.#running--;
      this.#queue.shift()?.();
    }
  }
}

/**
 * Pure rules about pictures: the ratios pages use, crops that follow the focal point, rendition
 * widths, and which renditions exist. No I/O (sharp and storage live in `media/`).
 */

/** The crops every picture has: 16:9 (covers, Open Graph), 4:3 (thumbnails) and 1:1 (squares). */
export const RATIOS = ['16:9', '4:3', '1:1'] as const;
export type Ratio = (typeof RATIOS)[number];
/** In URLs and keys a ratio is written `16x9`; `full` is the whole picture, uncropped. */
export type RatioSlug = '16x9' | '4x3' | '1x1' | 'full';
export const RATIO_SLUGS: Record<Ratio, RatioSlug> = {
  '16:9': '16x9',
  '4:3': '4x3',
  '1:1': '1x1',
};

/**
 * Rendition widths, from a phone's thumbnail to a retina desktop cover. Google's large previews
 * and our Open Graph cards take 1200, so it is one of them.
 */
export const WIDTHS = [320, 640, 960, 1200, 1600, 2000] as const;
export type RenditionWidth = (typeof WIDTHS)[number];

/** AVIF first (smallest), WebP, then JPEG for everything else. */
export const FORMATS = ['avif', 'webp', 'jpeg'] as const;
export type RenditionFormat = (typeof FORMATS)[number];
export const FORMAT_TYPES: Record<RenditionFormat, string> = {
  avif: 'image/avif',
  webp: 'image/webp',
  jpeg: 'image/jpeg',
};
export const FORMAT_EXTENSIONS: Record<RenditionFormat, string> = {
  avif: 'avif',
  webp: 'webp',
  jpeg: 'jpg',
};

/** Google wants pictures at least 1200 px wide for large previews; a cover must be that wide. */
export const MIN_COVER_WIDTH = 1200;
/** Anything narrower is no use in a page, even in the body. */
export const MIN_PICTURE_WIDTH = 320;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
export interface FocalPoint {
  x: number;
  y: number;
}

export function ratioValue(ratio: Ratio): number {
  const [w, h] = ratio.split(':').map(Number) as [number, number];
  return w / h;
}

/**
 * The largest rectangle of `ratio` inside a `width` × `height` picture, placed so that the focal
 * point is as near its centre as the picture's edges allow.
 */
export function cropAround(
  width: number,
  height: number,
  ratio: Ratio,
  focal: FocalPoint,
): Rect {
  const r = ratioValue(ratio);
  const cropWidth = Math.min(width, Math.round(height * r));
  const cropHeight = Math.min(height, Math.round(cropWidth / r));
  const clamp = (value: number, max: number) =>
    Math.max(0, Math.min(max, value));
  return {
    x: Math.round(clamp(focal.x * width - cropWidth / 2, width - cropWidth)),
    y: Math.round(
      clamp(focal.y * height - cropHeight / 2, height - cropHeight),
    ),
    width: cropWidth,
    height: cropHeight,
  };
}

/**
 * A crop set by hand, made valid: inside the picture, of the right ratio (the height follows the
 * width), at least 32 px. Returns null for something that cannot be a crop.
 */
export function normaliseCrop(
  width: number,
  height: number,
  ratio: Ratio,
  rect: Rect,
): Rect | null {
  if (![rect.x, rect.y, rect.width].every(Number.isFinite)) return null;
  const r = ratioValue(ratio);
  let w = Math.round(Math.min(rect.width, width, height * r));
  if (w < 32) return null;
  const h = Math.round(w / r);
  if (h > height) w = Math.round(height * r);
  const x = Math.round(Math.max(0, Math.min(width - w, rect.x)));
  const y = Math.round(
    Math.max(0, Math.min(height - Math.round(w / r), rect.y)),
  );
  return { x, y, width: w, height: Math.round(w / r) };
}

export type Crops = Partial<Record<Ratio, Rect>>;

/** The crop pages use for `ratio`: the one set by hand if any, else around the focal point. */
export function cropFor(
  picture: { width: number; height: number; focal: FocalPoint; crops: Crops },
  ratio: Ratio,
): Rect {
  return (
    picture.crops[ratio] ??
    cropAround(picture.width, picture.height, ratio, picture.focal)
  );
}

/**
 * The widths made for a region `sourceWidth` px wide: those it can fill without enlarging, plus
 * 1200 always (Google's and social networks' minimum, enlarged if it must be; covers are 1200 px
 * wide at least, so only crops of narrow pictures are ever enlarged).
 */
export function widthsFor(sourceWidth: number): RenditionWidth[] {
  return WIDTHS.filter(
    (w) => w <= sourceWidth || w === 1200 || w === WIDTHS[0],
  );
}

export function isRatioSlug(value: string): value is RatioSlug {
  return (
    value === '16x9' || value === '4x3' || value === '1x1' || value === 'full'
  );
}

export function ratioOfSlug(slug: RatioSlug): Ratio | null {
  return slug === 'full'
    ? null
    : (RATIOS.find((r) => RATIO_SLUGS[r] === slug) ?? null);
}

/** A picture of the library, as the code sees it. */
export interface MediaRecord {
  id: number;
  originalKey: string;
  contentHash: string;
  mimeType: string;
  width: number;
  height: number;
  bytes: number;
  fileName: string;
  focal: FocalPoint;
  crops: Crops;
  alt: string;
  decorative: boolean;
  caption: string;
  credit: string;
  copyright: string;
  usageNotes: string;
  uploadedBy: number | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

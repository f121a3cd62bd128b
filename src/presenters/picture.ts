import type { MediaRecord } from '../domain/pictures.ts';
import {
  FORMAT_TYPES,
  RATIO_SLUGS,
  widthsFor,
  type Ratio,
  type RatioSlug,
  type RenditionFormat,
  type RenditionWidth,
} from '../domain/pictures.ts';
import {
  regionOf,
  renditionFileName,
  renditionTag,
  renditionUrl,
} from '../media/renditions.ts';

type Picture = Pick<
  MediaRecord,
  | 'id'
  | 'contentHash'
  | 'width'
  | 'height'
  | 'focal'
  | 'crops'
  | 'alt'
  | 'decorative'
>;

/** A `<picture>` as views need it: a srcset per format, a fallback, its intrinsic size. */
export interface PictureView {
  sources: { type: string; srcset: string }[];
  src: string;
  srcset: string;
  /** Width and height of `src`: the box the browser reserves before loading (no layout shift). */
  width: number;
  height: number;
  alt: string;
}

/** One rendition with its real size, for Open Graph, JSON-LD, feeds and sitemaps. */
export interface SizedRendition {
  url: string;
  width: number;
  height: number;
  type: string;
}

/** The JPEG at the width nearest `target` without going under it (the largest there is otherwise). */
function pickWidth(widths: RenditionWidth[], target: number): RenditionWidth {
  return widths.find((w) => w >= target) ?? widths.at(-1)!;
}

/**
 * Renditions of `picture` for a page: `ratio` crops it (16:9 covers, 4:3 thumbnails), null
 * shows it whole (body figures). AVIF and WebP sources, JPEG fallback, widths the picture can fill.
 */
export function presentPicture(
  picture: Picture,
  ratio: Ratio | null,
  options: { fallbackWidth?: number; alt?: string } = {},
): PictureView {
  const slug: RatioSlug = ratio ? RATIO_SLUGS[ratio] : 'full';
  const region = regionOf(picture, slug);
  const widths = widthsFor(region.width);
  const tag = renditionTag(picture, slug); // one hash per picture and ratio, not one per URL
  const path = (width: RenditionWidth, format: RenditionFormat) =>
    renditionUrl(
      picture.id,
      renditionFileName({ tag, ratio: slug, width, format }),
    );
  const set = (format: RenditionFormat) =>
    widths.map((w) => `${path(w, format)} ${w}w`).join(', ');
  const fallback = pickWidth(widths, options.fallbackWidth ?? 960);
  return {
    sources: (['avif', 'webp'] as const).map((format) => ({
      type: FORMAT_TYPES[format],
      srcset: set(format),
    })),
    src: path(fallback, 'jpeg'),
    srcset: set('jpeg'),
    width: fallback,
    height: Math.round((fallback * region.height) / region.width),
    alt: picture.decorative ? '' : (options.alt ?? picture.alt),
  };
}

/** One JPEG rendition of a crop at `width`, with its real dimensions (absolute URL: from `base` unless the public storage's). */
export function sizedRendition(
  base: string,
  picture: Picture,
  ratio: Ratio | null,
  width: RenditionWidth,
): SizedRendition {
  const slug: RatioSlug = ratio ? RATIO_SLUGS[ratio] : 'full';
  const region = regionOf(picture, slug);
  const url = renditionUrl(
    picture.id,
    renditionFileName({
      tag: renditionTag(picture, slug),
      ratio: slug,
      width,
      format: 'jpeg',
    }),
  );
  return {
    url: url.startsWith('/') ? base + url : url,
    width,
    height: Math.round((width * region.height) / region.width),
    type: FORMAT_TYPES.jpeg,
  };
}

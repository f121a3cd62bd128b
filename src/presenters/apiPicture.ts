import {
  FORMATS,
  RATIO_SLUGS,
  RATIOS,
  widthsFor,
  type MediaRecord,
  type RatioSlug,
} from '../domain/pictures.ts';
import {
  regionOf,
  renditionFileName,
  renditionTag,
} from '../media/renditions.ts';

type ApiRatio = (typeof RATIOS)[number] | 'full';

/**
 * A library picture as the APIs show it: its description, and for each crop (16:9, 4:3, 1:1
 * and the whole picture) the region of the original it shows and every rendition URL (absolute,
 * from `base`), so an app picks its own size and format. The URLs are the site's own, cacheable
 * for ever (their tag changes with the crop).
 */
export function presentApiPicture(picture: MediaRecord, base: string) {
  const crops = ([...RATIOS, 'full'] as ApiRatio[]).map((ratio) => {
    const slug: RatioSlug = ratio === 'full' ? 'full' : RATIO_SLUGS[ratio];
    const region = regionOf(picture, slug);
    const tag = renditionTag(picture, slug);
    return {
      ratio,
      region,
      renditions: widthsFor(region.width).map((width) => ({
        width,
        height: Math.round((width * region.height) / region.width),
        urls: Object.fromEntries(
          FORMATS.map((format) => [
            format,
            `${base}/media/${picture.id}/${renditionFileName({ tag, ratio: slug, width, format })}`,
          ]),
        ) as Record<(typeof FORMATS)[number], string>,
      })),
    };
  });
  return {
    id: picture.id,
    width: picture.width,
    height: picture.height,
    mimeType: picture.mimeType,
    alt: picture.decorative ? '' : picture.alt,
    decorative: picture.decorative,
    caption: picture.caption,
    credit: picture.credit,
    copyright: picture.copyright,
    focal: picture.focal,
    crops,
  };
}

import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services.ts';
import { findMediaById } from '../../db/repos/media.ts';
import { FORMAT_TYPES, widthsFor } from '../../domain/pictures.ts';
import {
  parseRenditionFileName,
  regionOf,
  renditionFileName,
  renditionTag,
} from '../../media/renditions.ts';
import { AppError } from '../../errors.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Renditions: `/media/12/3fa9c2e1b0d4-16x9-960.avif`. A stored rendition is sent as it is; a
 * missing one is made from the original (once: later requests find it stored). The name's tag
 * follows the original's content and the crop, so a URL never changes meaning and is cached for
 * a year. A URL with an older tag (the picture was replaced or recropped since a page was
 * cached) redirects, briefly cached, to the current rendition.
 */
export function mediaRoute(
  app: FastifyInstance,
  deps: Pick<Services, 'db' | 'media'>,
): void {
  app.get('/media/:id/:file', async (request, reply) => {
    const { id: rawId, file } = request.params as { id: string; file: string };
    const id = /^\d{1,9}$/.test(rawId) ? Number(rawId) : 0;
    const spec = id > 0 ? parseRenditionFileName(id, file) : null;
    if (!spec) throw new AppError('not_found');
    let bytes = await deps.media.renditions.stored(spec);
    if (!bytes) {
      const media = await findMediaById(deps.db, id);
      if (
        !media ||
        !widthsFor(regionOf(media, spec.ratio).width).includes(spec.width)
      )
        throw new AppError('not_found');
      const tag = renditionTag(media, spec.ratio);
      if (tag !== spec.tag) {
        return reply
          .header('Cache-Control', 'public, max-age=300')
          .redirect(`/media/${id}/${renditionFileName({ ...spec, tag })}`, 301);
      }
      bytes = await deps.media.renditions.make(media, spec);
    }
    return reply
      .type(FORMAT_TYPES[spec.format])
      .header('Cache-Control', IMMUTABLE)
      .header(
        'ETag',
        `"${spec.tag}-${spec.ratio}-${spec.width}-${spec.format}"`,
      )
      .send(bytes);
  });
}

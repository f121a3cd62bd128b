import type { Queryable } from '../db/database.ts';
import { findMediaByIds } from '../db/repos/media.ts';
import type { MediaRecord } from '../domain/pictures.ts';
import { findArticleLinks } from '../db/repos/articles.ts';
import {
  bodyArticleIds,
  bodyMediaIds,
  renderMarkdown,
} from '../domain/markdown.ts';
import { paths } from '../presenters/urls.ts';
import { presentPicture } from '../presenters/picture.ts';
import { pictureTag } from '../views/site/picture.ts';

/** Body figures span the text column (720 px) on a desktop, the screen on a phone. */
const BODY_SIZES = '(min-width: 760px) 720px, 100vw';

/**
 * Renders a Markdown body with its library pictures (`![alt](media:12 "Légende")`) as
 * `<picture>` elements, at save time like the rest of the body. Returns the ids it used, for the
 * « where is it used » list. A body naming a picture that does not exist renders without it;
 * « Lire aussi » blocks (`[Lire aussi : …](article:12)`) take the article's current address.
 */
export async function renderBody(
  db: Queryable,
  source: string,
): Promise<{ html: string; mediaIds: number[] }> {
  const pictures = await findMediaByIds(db, bodyMediaIds(source));
  const articles = await findArticleLinks(db, bodyArticleIds(source));
  return renderBodyWith(source, pictures, articles);
}

/**
 * `renderBody` with the pictures and linked articles already looked up (the bulk writer reads
 * them for a whole batch at once, and renders in worker threads): no I/O.
 */
export function renderBodyWith(
  source: string,
  pictures: ReadonlyMap<number, MediaRecord>,
  articles: ReadonlyMap<number, { slug: string; title: string }>,
): { html: string; mediaIds: number[] } {
  const ids = bodyMediaIds(source);
  const html = renderMarkdown(source, {
    article: (id) => {
      const target = articles.get(id);
      return target
        ? { url: paths.article(target.slug), title: target.title }
        : null;
    },
    picture: (id, alt) => {
      const media = pictures.get(id);
      if (!media) return null;
      return {
        html: pictureTag(
          presentPicture(media, null, {
            alt: alt || media.alt,
            fallbackWidth: 960,
          }),
          { sizes: BODY_SIZES },
        ),
        credit: media.credit,
      };
    },
  });
  return { html, mediaIds: ids.filter((id) => pictures.has(id)) };
}

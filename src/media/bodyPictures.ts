import type { Queryable } from '../db/database.ts';
import { findMediaByIds } from '../db/repos/media.ts';
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
  const ids = bodyMediaIds(source);
  const pictures = await findMediaByIds(db, ids);
  const articles = await findArticleLinks(db, bodyArticleIds(source));
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

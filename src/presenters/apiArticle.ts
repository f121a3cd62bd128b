import { typesetHtml, typesetText } from '../domain/frenchTypography.ts';
import type {
  ArticleRecord,
  ArticleWithRelations,
} from '../domain/articleRecord.ts';
import type { SiteConfig } from '../config.ts';
import { paths } from './urls.ts';
import { htmlToText } from '../search/text.ts';
import type { ARTICLE_FIELDS, INCLUDES } from '../http/api/schemas.ts';
import type { MediaRecord } from '../domain/pictures.ts';
import type { LiveEntry, LiveState } from '../db/repos/liveBlogs.ts';
import { presentApiPicture } from './apiPicture.ts';
import { recogniseEmbed } from '../domain/embeds.ts';

type Field = (typeof ARTICLE_FIELDS)[number];
type Include = (typeof INCLUDES)[number];

export interface ArticleShape {
  /** Fields asked for with `fields=`; all of them when absent. */
  fields?: Field[] | undefined;
  include?: Include[] | undefined;
  /** Bodies (html, text, embeds, live blog) are for single articles: lists carry summaries only. */
  withBody: boolean;
  /** The body's library pictures, in body order (single articles). */
  bodyPictures?: MediaRecord[];
  /** The live blog's state when the article is one (single articles). */
  liveState?: LiveState | null;
}

/**
 * The URLs the body embeds: the Markdown rule the renderer follows (a paragraph that is only a
 * bare https URL of a provider becomes an embed facade, domain/markdown.ts), read from the source.
 */
function bodyEmbeds(source: string): { url: string; provider: string }[] {
  // The same rule as the renderer's (domain/embeds.ts): a paragraph that is only the URL of a
  // recognised provider's page.
  return source
    .split(/\n\s*\n/)
    .map((p) => recogniseEmbed(p))
    .filter((e) => e !== null)
    .map((e) => ({ url: e.url, provider: e.provider }));
}

/** A public article as the Content API shows it (see schemas.ts `Article`). */
export function presentApiArticle(
  a: ArticleWithRelations,
  site: SiteConfig,
  shape: ArticleShape,
): Record<string, unknown> {
  const all: Record<Field, () => unknown> = {
    slug: () => a.slug,
    url: () => site.url + paths.article(a.slug),
    title: () => typesetText(a.title),
    lead: () => typesetText(a.lead),
    language: () => a.language,
    featured: () => a.featured,
    breaking: () => a.breaking,
    cover: () => a.cover,
    sectionId: () => a.sectionId,
    // The public scope guarantees both publication times.
    publishedAt: () => a.publishedAt!.toISOString(),
    firstPublishedAt: () =>
      (a.firstPublishedAt ?? a.publishedAt!).toISOString(),
    modifiedAt: () => a.modifiedAt?.toISOString() ?? null,
    updatedAt: () => a.updatedAt.toISOString(),
    correctionNote: () => a.correctionNote && typesetText(a.correctionNote),
    html: () => typesetHtml(a.bodyHtml),
    text: () => htmlToText(typesetHtml(a.bodyHtml)),
    embeds: () => bodyEmbeds(a.bodySource),
    liveBlog: () =>
      shape.liveState
        ? {
            state: shape.liveState,
            entriesUrl: `${site.url}/api/v1/articles/${a.id}/live`,
          }
        : null,
  };
  const bodyOnly: Field[] = ['html', 'text', 'embeds', 'liveBlog'];
  const out: Record<string, unknown> = { id: a.id };
  for (const [field, value] of Object.entries(all) as [
    Field,
    () => unknown,
  ][]) {
    if (bodyOnly.includes(field) && !shape.withBody) continue;
    if (shape.fields && !shape.fields.includes(field)) continue;
    out[field] = value();
  }
  for (const relation of shape.include ?? [])
    out[relation] =
      relation === 'pictures'
        ? {
            cover: a.coverPicture
              ? presentApiPicture(a.coverPicture, site.url)
              : null,
            body: (shape.bodyPictures ?? []).map((p) =>
              presentApiPicture(p, site.url),
            ),
          }
        : a[relation];
  return out;
}

/** An article as the Admin API shows it: every state, its version for If-Match, its source. */
export function presentAdminArticle(
  a:
    | ArticleWithRelations
    | (ArticleRecord & Pick<ArticleWithRelations, 'authors' | 'tags'>),
  site: SiteConfig,
) {
  return {
    id: a.id,
    slug: a.slug,
    title: a.title,
    lead: a.lead,
    bodySource: a.bodySource,
    html: a.bodyHtml,
    status: a.status,
    version: a.version,
    sectionId: a.sectionId,
    authors: a.authors,
    tags: a.tags,
    featured: a.featured,
    breaking: a.breaking,
    seoTitle: a.seoTitle,
    seoDescription: a.seoDescription,
    cover: a.cover,
    correctionNote: a.correctionNote,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    publishedAt: a.publishedAt?.toISOString() ?? null,
    scheduledAt: a.scheduledAt?.toISOString() ?? null,
    url: a.status === 'published' ? site.url + paths.article(a.slug) : null,
  };
}

/** A live blog entry as the Content API shows it (schemas.ts `LiveEntries`). */
export function presentApiLiveEntry(e: LiveEntry) {
  return {
    id: e.id,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
    author: e.authorName,
    keyMoment: e.keyMoment,
    html: e.bodyHtml,
    text: htmlToText(e.bodyHtml),
    embeds: bodyEmbeds(e.bodySource),
  };
}

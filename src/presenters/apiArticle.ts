import { typesetHtml, typesetText } from '../domain/frenchTypography.ts';
import type {
  ArticleRecord,
  ArticleWithRelations,
} from '../domain/articleRecord.ts';
import type { SiteConfig } from '../config.ts';
import { paths } from './urls.ts';
import { htmlToText } from '../search/text.ts';
import type { ARTICLE_FIELDS, INCLUDES } from '../http/api/schemas.ts';

type Field = (typeof ARTICLE_FIELDS)[number];
type Include = (typeof INCLUDES)[number];

export interface ArticleShape {
  /** Fields asked for with `fields=`; all of them when absent. */
  fields?: Field[] | undefined;
  include?: Include[] | undefined;
  /** Bodies (html, text) are for single articles: lists carry summaries only. */
  withBody: boolean;
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
  };
  const out: Record<string, unknown> = { id: a.id };
  for (const [field, value] of Object.entries(all) as [
    Field,
    () => unknown,
  ][]) {
    if ((field === 'html' || field === 'text') && !shape.withBody) continue;
    if (shape.fields && !shape.fields.includes(field)) continue;
    out[field] = value();
  }
  for (const relation of shape.include ?? []) out[relation] = a[relation];
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
    correctionNote: a.correctionNote,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    publishedAt: a.publishedAt?.toISOString() ?? null,
    scheduledAt: a.scheduledAt?.toISOString() ?? null,
    url: a.status === 'published' ? site.url + paths.article(a.slug) : null,
  };
}

import type { ArticleStatus } from './article.ts';
import type { MediaRecord } from './pictures.ts';

/** The cover: a picture of the media library (`mediaId`), or an external URL from before the library. */
export interface ArticleCover {
  url: string;
  alt: string;
  caption: string | null;
  credit: string | null;
  mediaId?: number | null;
}

/** A byline or a tag: what pages link to. */
export interface PersonRef {
  id: number;
  slug: string;
  name: string;
}

/** The section an article is filed under. */
export interface SectionRef {
  id: number;
  slug: string;
  name: string;
}

/** An article as stored, bodies included, read by commands, presenters and policies alike. */
export interface ArticleRecord {
  id: number;
  slug: string;
  title: string;
  lead: string;
  bodySource: string;
  bodyHtml: string;
  status: ArticleStatus;
  sectionId: number | null;
  language: string;
  featured: boolean;
  breaking: boolean;
  cover: ArticleCover | null;
  seoTitle: string | null;
  seoDescription: string | null;
  correctionNote: string | null;
  /** The editor's comment when an article was sent back to its writer. */
  returnNote: string | null;
  version: number;
  createdBy: number | null;
  createdAt: Date;
  updatedAt: Date;
  firstPublishedAt: Date | null;
  publishedAt: Date | null;
  modifiedAt: Date | null;
  scheduledAt: Date | null;
  deletedAt: Date | null;
}

/** An article with what every page shows beside it: its section, bylines in order, tags. */
export interface ArticleWithRelations extends ArticleRecord {
  section: SectionRef | null;
  authors: PersonRef[];
  tags: PersonRef[];
  /** The cover's picture from the library (sizes, focal point, crops), when the cover is one. */
  coverPicture?: MediaRecord | null;
}

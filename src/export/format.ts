/** The records of a `newsdesk export` folder (documented in docs/EXPORT.md). */
export const EXPORT_FORMAT = 'newsdesk-export';
export const EXPORT_VERSION = 1;
export const MANIFEST = 'newsdesk-export.json';

export interface ExportManifest {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  siteUrl: string;
  counts: Record<string, number>;
}

export interface ExportedTerm {
  id: number;
  slug: string;
  name: string;
  description?: string;
  bio?: string;
  kind?: string;
  /** A tag's other names (tag_aliases): « FMI » for « Fonds monétaire international ». */
  aliases?: string[];
  position?: number;
  inNewsSitemap?: boolean;
  edition?: string;
}

export interface ExportedMedia {
  id: number;
  /** The original, as uploaded: `media/<id>.<ext>`. */
  file: string;
  fileName: string;
  mimeType: string;
  contentHash: string;
  width: number;
  height: number;
  focal: { x: number; y: number };
  crops: Record<string, unknown>;
  alt: string;
  decorative: boolean;
  caption: string;
  credit: string;
  copyright: string;
  usageNotes: string;
}

export interface ExportedArticle {
  id: number;
  slug: string;
  title: string;
  lead: string;
  status: string;
  /** The stored Markdown (`articles/<id>.md`) and its rendering (`articles/<id>.html`). */
  body: string;
  html: string;
  sectionId: number | null;
  authorIds: number[];
  tagIds: number[];
  language: string;
  edition: string;
  featured: boolean;
  breaking: boolean;
  cover: {
    mediaId: number | null;
    url: string;
    alt: string | null;
    caption: string | null;
    credit: string | null;
  } | null;
  seoTitle: string | null;
  seoDescription: string | null;
  correctionNote: string | null;
  createdAt: string;
  updatedAt: string;
  firstPublishedAt: string | null;
  publishedAt: string | null;
  modifiedAt: string | null;
  scheduledAt: string | null;
  deletedAt: string | null;
}

export interface ExportedRedirect {
  from: string;
  to: string;
  articleId: number | null;
}

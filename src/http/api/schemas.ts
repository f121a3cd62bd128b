import { z } from 'zod';
import { ROLES } from '../../domain/roles.ts';
import { ARTICLE_STATUSES } from '../../domain/article.ts';

/*
 * The API's shapes, once: the same zod schemas validate requests, serialise responses and
 * generate the OpenAPI document (/api/openapi.json), so the document cannot drift from the code.
 * Query strings are strict: an unknown parameter is a 400 naming it, never silently ignored.
 */

/** The one JSON error shape (see http/middleware/errors.ts): a stable code, a message, per-field messages. */
export const ApiError = z
  .object({
    error: z.object({
      code: z
        .string()
        .describe(
          'Stable code from the error catalogue (src/errors.ts): branch on it, not on the message.',
        ),
      message: z.string(),
      fields: z
        .record(z.string(), z.string())
        .describe(
          'Per-parameter or per-field messages, keyed by the parameter’s name.',
        ),
    }),
  })
  .meta({ id: 'Error' });

export const errorResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, ApiError]));

export const Id = z.coerce.number().int().min(1).max(2_147_483_647);
const Slug = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and hyphens');
const IsoTime = z.iso
  .datetime({ offset: true })
  .describe('ISO 8601 date and time, e.g. 2026-11-28T12:03:00Z');
const DateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);

export const Ref = z
  .object({ id: z.number().int(), slug: z.string(), name: z.string() })
  .meta({ id: 'Ref' });
export const Cover = z
  .object({
    url: z.string(),
    alt: z.string(),
    caption: z.string().nullable(),
    credit: z.string().nullable(),
  })
  .meta({ id: 'Cover' });

/** What `fields=` may pick; id is always there. */
export const ARTICLE_FIELDS = [
  'slug',
  'url',
  'title',
  'lead',
  'language',
  'featured',
  'breaking',
  'cover',
  'sectionId',
  'publishedAt',
  'firstPublishedAt',
  'modifiedAt',
  'updatedAt',
  'correctionNote',
  'html',
  'text',
] as const;
export const INCLUDES = ['authors', 'tags', 'section'] as const;

/**
 * A public article. Every field but `id` is optional because `fields=` may leave it out; `html`
 * and `text` come with single articles only; `section`, `authors`, `tags` with `include=`.
 * (Pictures with renditions will be added as `pictures` when the media library lands.)
 */
export const Article = z
  .object({
    id: z.number().int(),
    slug: z.string().optional(),
    url: z
      .string()
      .describe('Absolute URL of the article on the site')
      .optional(),
    title: z.string().optional(),
    lead: z.string().optional(),
    language: z.string().optional(),
    featured: z.boolean().optional(),
    breaking: z.boolean().optional(),
    cover: Cover.nullable().optional(),
    sectionId: z.number().int().nullable().optional(),
    publishedAt: z.string().optional(),
    firstPublishedAt: z.string().optional(),
    modifiedAt: z.string().nullable().optional(),
    updatedAt: z.string().optional(),
    correctionNote: z.string().nullable().optional(),
    html: z
      .string()
      .describe('Rendered, sanitised body (single article only)')
      .optional(),
    text: z
      .string()
      .describe('Plain text of the body (single article only)')
      .optional(),
    section: Ref.nullable().optional(),
    authors: z.array(Ref).optional(),
    tags: z.array(Ref).optional(),
  })
  .meta({ id: 'Article' });

const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .max(500)
    .transform((s) =>
      s
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.enum(values)));

export const ArticleSelection = {
  fields: csvOf(ARTICLE_FIELDS)
    .optional()
    .describe(
      `Comma-separated fields to return (id always): ${ARTICLE_FIELDS.join(', ')}`,
    ),
  include: csvOf(INCLUDES)
    .optional()
    .describe('Comma-separated relations to embed: authors, tags, section'),
};

export const ArticleListQuery = z.strictObject({
  section: Slug.optional().describe('Section slug'),
  tag: Slug.optional().describe('Tag slug (entities are tags too)'),
  author: Slug.optional().describe('Author slug'),
  language: z.string().min(2).max(10).optional(),
  updated_since: IsoTime.optional().describe(
    'Only articles changed at or after this time',
  ),
  from: DateOrTime.optional().describe(
    'Published at or after (date or date-time)',
  ),
  to: DateOrTime.optional().describe(
    'Published before (a date means the end of that day, UTC)',
  ),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  cursor: z
    .string()
    .max(200)
    .optional()
    .describe('`nextCursor` of the previous page'),
  key: z
    .string()
    .max(200)
    .optional()
    .describe('The Content API key (or the X-Api-Key header)'),
  ...ArticleSelection,
});

export const ArticleOneQuery = z.strictObject({
  key: z.string().max(200).optional(),
  ...ArticleSelection,
});
export const KeyOnlyQuery = z.strictObject({
  key: z.string().max(200).optional(),
});

export const ArticlePage = z
  .object({ items: z.array(Article), nextCursor: z.string().nullable() })
  .meta({ id: 'ArticlePage' });

export const Section = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    url: z.string(),
  })
  .meta({ id: 'Section' });
export const Tag = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    name: z.string(),
    kind: z.string(),
    url: z.string(),
  })
  .meta({ id: 'Tag' });
export const Author = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    name: z.string(),
    bio: z.string(),
    url: z.string(),
  })
  .meta({ id: 'Author' });

export const FilInfoQuery = z.strictObject({
  key: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export const FilInfoItem = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    title: z.string(),
    url: z.string(),
    breaking: z.boolean(),
    publishedAt: z.string(),
    section: Ref.nullable(),
  })
  .meta({ id: 'FilInfoItem' });

export const TaxonomyQuery = z.strictObject({
  key: z.string().max(200).optional(),
  after: z.coerce
    .number()
    .int()
    .min(0)
    .max(2_147_483_647)
    .optional()
    .describe('`nextAfter` of the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const SectionList = z
  .object({ items: z.array(Section) })
  .meta({ id: 'SectionList' });
export const TagList = z
  .object({ items: z.array(Tag), nextAfter: z.number().int().nullable() })
  .meta({ id: 'TagList' });
export const AuthorList = z
  .object({ items: z.array(Author), nextAfter: z.number().int().nullable() })
  .meta({ id: 'AuthorList' });
export const FilInfoList = z
  .object({ items: z.array(FilInfoItem) })
  .meta({ id: 'FilInfoList' });

export const SearchQuery = z.strictObject({
  key: z.string().max(200).optional(),
  q: z
    .string()
    .max(200)
    .describe(
      'The words searched for (French stemming; "quoted phrases" allowed)',
    ),
  section: Slug.optional().describe('Section slug'),
  from: z.iso.date().optional().describe('Published on or after this day'),
  to: z.iso.date().optional().describe('Published on or before this day'),
  sort: z.enum(['relevance', 'date']).default('relevance'),
  page: z.coerce.number().int().min(1).max(50).default(1),
});
const Link = z.object({ name: z.string(), url: z.string() });
export const SearchPage = z
  .object({
    items: z.array(
      z.object({
        id: z.number().int(),
        url: z.string(),
        title: z.string(),
        titleHtml: z
          .string()
          .describe('Title with <mark> around matched words (escaped HTML)'),
        snippetHtml: z
          .string()
          .describe('Extract with <mark> around matched words (escaped HTML)'),
        section: Link.nullable(),
        authors: z.array(Link),
        publishedAt: z.string(),
        publishedLabel: z.string(),
      }),
    ),
    total: z.number().int(),
    totalIsExact: z.boolean(),
    page: z.number().int(),
    pageCount: z.number().int(),
  })
  .meta({ id: 'SearchPage' });

// ——— Admin API ———

export const ArticleInput = z.strictObject({
  title: z.string().trim().min(1).max(300),
  slug: z.string().max(200).optional(),
  lead: z.string().max(5_000).default(''),
  bodySource: z.string().max(500_000).default('').describe('Markdown'),
  sectionId: z.number().int().min(1).max(2_147_483_647).nullable(),
  authorIds: z
    .array(z.number().int().min(1).max(2_147_483_647))
    .max(20)
    .default([]),
  tagNames: z
    .array(z.string().trim().min(1).max(100))
    .max(50)
    .default([])
    .describe('Tags by name: found, or created'),
  featured: z.boolean().default(false),
  breaking: z.boolean().default(false),
  seoTitle: z.string().max(300).nullable().default(null),
  seoDescription: z.string().max(500).nullable().default(null),
});

export const CorrectionInput = z.strictObject({
  article: ArticleInput,
  note: z.string().trim().min(1).max(2_000),
});
export const ScheduleInput = z.strictObject({
  at: IsoTime,
  overrideDuplicate: z.boolean().default(false),
  /** Go on despite the publish checks' warnings (errors still block). */
  confirmWarnings: z.boolean().default(false),
});
export const PublishInput = z.strictObject({
  overrideDuplicate: z.boolean().default(false),
  confirmWarnings: z.boolean().default(false),
});
export const ReturnInput = z.strictObject({
  note: z.string().trim().min(1).max(2_000),
});
export const EmptyInput = z.strictObject({});

export const AdminArticle = z
  .object({
    id: z.number().int(),
    slug: z.string(),
    title: z.string(),
    lead: z.string(),
    bodySource: z.string(),
    html: z.string(),
    status: z.enum(ARTICLE_STATUSES),
    version: z.number().int().describe('Send it back as If-Match to write'),
    sectionId: z.number().int().nullable(),
    authors: z.array(Ref),
    tags: z.array(Ref),
    featured: z.boolean(),
    breaking: z.boolean(),
    seoTitle: z.string().nullable(),
    seoDescription: z.string().nullable(),
    correctionNote: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    scheduledAt: z.string().nullable(),
    url: z.string().nullable(),
  })
  .meta({ id: 'AdminArticle' });

export const IfMatchHeaders = z.object({
  'if-match': z
    .string()
    .max(40)
    .optional()
    .describe('The article’s version (its ETag); a stale one answers 412'),
});
export const IdParams = z.strictObject({ id: Id });
export const SlugParams = z.strictObject({ slug: z.string().min(1).max(200) });
export const WhoAmI = z
  .object({
    userId: z.number().int(),
    role: z.enum(ROLES),
    sectionIds: z.array(z.number().int()),
    credential: z.string(),
  })
  .meta({ id: 'WhoAmI' });

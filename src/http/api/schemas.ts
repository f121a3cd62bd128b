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
    mediaId: z
      .number()
      .int()
      .nullable()
      .optional()
      .describe('The library picture (GET /api/admin/v1/pictures/{id})'),
  })
  .meta({ id: 'Cover' });

const Rect = z.object({
  x: z.number(),
  y: z.number(),
  width: z.number(),
  height: z.number(),
});
const RenditionUrls = z.object({
  avif: z.string(),
  webp: z.string(),
  jpeg: z.string(),
});

/** A library picture with every crop and rendition (see presenters/apiPicture.ts). */
export const Picture = z
  .object({
    id: z.number().int(),
    width: z.number().int(),
    height: z.number().int(),
    mimeType: z.string(),
    alt: z.string().describe('Empty when the picture is decorative'),
    decorative: z.boolean(),
    caption: z.string(),
    credit: z.string(),
    copyright: z.string(),
    focal: z.object({ x: z.number(), y: z.number() }),
    crops: z
      .array(
        z.object({
          ratio: z.enum(['16:9', '4:3', '1:1', 'full']),
          region: Rect.describe('The part of the original this crop shows'),
          renditions: z.array(
            z.object({
              width: z.number().int(),
              height: z.number().int(),
              urls: RenditionUrls,
            }),
          ),
        }),
      )
      .describe(
        'Each crop with its renditions, narrowest first; URLs are cacheable for ever',
      ),
  })
  .meta({ id: 'Picture' });

/** A pasted provider URL that the site shows as an embed (a link until the reader asks for it). */
export const Embed = z
  .object({
    url: z.string(),
    provider: z.string().describe('youtube, vimeo, x, instagram…'),
  })
  .meta({ id: 'Embed' });

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
  'embeds',
  'liveBlog',
] as const;
export const INCLUDES = ['authors', 'tags', 'section', 'pictures'] as const;

/**
 * A public article. Every field but `id` is optional because `fields=` may leave it out; `html`
 * and `text` come with single articles only; `section`, `authors`, `tags` with `include=`.
 * `pictures` (with `include=pictures`) are the cover and the body's library pictures, with
 * their renditions and crops; `embeds` (single articles) the provider URLs the body embeds.
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
    embeds: z
      .array(Embed)
      .describe('Provider URLs the body shows as embeds (single article only)')
      .optional(),
    liveBlog: z
      .object({
        state: z.enum(['live', 'ended']),
        entriesUrl: z.string(),
      })
      .nullable()
      .describe('When the article is a live blog: its state and its entries')
      .optional(),
    section: Ref.nullable().optional(),
    authors: z.array(Ref).optional(),
    tags: z.array(Ref).optional(),
    pictures: z
      .object({ cover: Picture.nullable(), body: z.array(Picture) })
      .optional(),
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
    .describe(
      'Comma-separated relations to embed: authors, tags, section, pictures',
    ),
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
  cover: z
    .strictObject({
      mediaId: z.number().int().min(1).max(2_147_483_647),
      alt: z.string().max(500).default(''),
      caption: z.string().max(500).nullable().default(null),
      credit: z.string().max(200).nullable().default(null),
    })
    .nullable()
    .default(null)
    .describe(
      'A picture of the library (POST /pictures), at least 1200 px wide; alt, caption and credit default to the picture’s',
    ),
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
    cover: Cover.nullable(),
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

// ——— Live blogs, audience, pictures (issues 17 and 19) ———

export const LiveEntriesQuery = z.strictObject({
  key: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: z.coerce
    .number()
    .int()
    .min(1)
    .max(2_147_483_647)
    .optional()
    .describe('`nextBefore` of the previous page: older entries'),
});
export const LiveEntries = z
  .object({
    articleId: z.number().int(),
    state: z.enum(['live', 'ended']),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    scoreboard: z
      .object({
        home: z.string(),
        homeScore: z.string(),
        away: z.string(),
        awayScore: z.string(),
        status: z.string(),
      })
      .nullable(),
    items: z.array(
      z.object({
        id: z.number().int(),
        createdAt: z.string(),
        updatedAt: z.string(),
        author: z.string().nullable(),
        keyMoment: z.boolean(),
        html: z.string().describe('Rendered, sanitised entry'),
        text: z.string(),
        embeds: z.array(Embed),
      }),
    ),
    nextBefore: z.number().int().nullable(),
  })
  .meta({ id: 'LiveEntries' });

export const MostReadQuery = z.strictObject({
  key: z.string().max(200).optional(),
  section: Slug.optional().describe('Section slug: that section’s most read'),
  limit: z.coerce.number().int().min(1).max(20).default(10),
});
export const MostRead = z
  .object({
    since: z.string().describe('Views counted from this time'),
    items: z.array(
      z.object({
        id: z.number().int(),
        slug: z.string(),
        title: z.string(),
        url: z.string(),
        rank: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'MostRead' });

export const AudienceQuery = z.strictObject({
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(30)
    .default(1)
    .describe('Days counted, today included'),
});
export const Audience = z
  .object({
    from: z.string(),
    to: z.string(),
    views: z.number().int(),
    hours: z.array(z.object({ hour: z.string(), views: z.number().int() })),
    articles: z.array(
      z.object({
        id: z.number().int(),
        title: z.string(),
        views: z.number().int(),
      }),
    ),
    sections: z.array(
      z.object({
        id: z.number().int().nullable(),
        name: z.string(),
        views: z.number().int(),
      }),
    ),
    referrers: z.array(z.object({ kind: z.string(), views: z.number().int() })),
    dailyVisitors: z
      .array(z.object({ day: z.string(), visitors: z.number().int() }))
      .describe(
        'Distinct visitors of each finished day (the loi 88-13 figure)',
      ),
  })
  .meta({ id: 'Audience' });

export const PictureUpload = z
  .object({
    file: z
      .string()
      .meta({ format: 'binary' })
      .describe('JPEG, PNG, WebP or AVIF'),
    purpose: z
      .enum(['cover', 'any'])
      .optional()
      .describe('A cover must be at least 1200 px wide; anything else 320'),
  })
  .describe('multipart/form-data; send `purpose` before `file`');

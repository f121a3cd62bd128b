import type { FastifyInstance, FastifyRequest } from 'fastify';
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { SearchDeps } from '../site/searchRoute.ts';
import {
  findAuthorBySlug,
  findSectionBySlug,
  findTagBySlug,
  listSections,
} from '../../db/repos/taxonomy.ts';
import { findPublishedBySlug, listPublished } from '../../db/repos/articles.ts';
import { findLiveCredential } from '../../db/repos/apiCredentials.ts';
import {
  findPublishedById,
  listAuthorsPage,
  listPublicPage,
  listTagsPage,
  type ListPosition,
} from '../../db/repos/contentApi.ts';
import {
  presentApiArticle,
  presentApiLiveEntry,
} from '../../presenters/apiArticle.ts';
import { findMediaByIds } from '../../db/repos/media.ts';
import { findLiveBlog, listLiveEntries } from '../../db/repos/liveBlogs.ts';
import { mostRead } from '../../db/repos/audience.ts';
import { bodyMediaIds } from '../../domain/markdown.ts';
import { MOST_READ_WINDOW_MS } from '../site/mostRead.ts';
import {
  presentSearchResult,
  searchResultJson,
} from '../../presenters/searchResult.ts';
import { paths } from '../../presenters/urls.ts';
import { highlightSet } from '../../search/query.ts';
import { searchForReaders } from '../../search/readerSearch.ts';
import { zonedLocalToDate } from '../../domain/frenchDates.ts';
import { hashToken } from '../../auth/tokens.ts';
import { AppError } from '../../errors.ts';
import { checkCredential, contentKeyOf } from './credentials.ts';
import {
  Article,
  ArticleListQuery,
  ArticleOneQuery,
  ArticlePage,
  errorResponses,
  FilInfoQuery,
  IdParams,
  KeyOnlyQuery,
  LiveEntries,
  LiveEntriesQuery,
  MostRead,
  MostReadQuery,
  SearchPage,
  SearchQuery,
  SectionList,
  SlugParams,
  TagList,
  AuthorList,
  FilInfoList,
  TaxonomyQuery,
} from './schemas.ts';
import type { Services } from '../../services.ts';

/** Shared caches may keep answers a minute; the key is part of what they vary on. */
const API_CACHE = 'public, max-age=60, stale-while-revalidate=300';
export const CONTENT_API_PREFIX = '/api/v1';

const bad = (parameter: string, message: string) =>
  new AppError('invalid_input', { fields: { [parameter]: message } });

function encodeCursor(p: ListPosition): string {
  return Buffer.from(JSON.stringify([p.publishedAt, p.id])).toString(
    'base64url',
  );
}
function decodeCursor(cursor: string): ListPosition {
  try {
    const [publishedAt, id] = JSON.parse(
      Buffer.from(cursor, 'base64url').toString('utf8'),
    ) as unknown[];
    if (
      typeof publishedAt === 'string' &&
      !Number.isNaN(Date.parse(publishedAt)) &&
      Number.isSafeInteger(id) &&
      (id as number) > 0
    ) {
      return {
        publishedAt: new Date(publishedAt).toISOString(),
        id: id as number,
      };
    }
  } catch {
    /* reported below */
  }
  throw bad(
    'cursor',
    'Ce curseur n’est pas valide : reprenez le nextCursor de la page précédente.',
  );
}

/** A date means that whole day in the newsroom's time zone; a date-time means itself. */
function boundary(value: string, timeZone: string, endOfDay: boolean): Date {
  if (value.includes('T')) return new Date(value);
  const start = zonedLocalToDate(`${value}T00:00`, timeZone)!;
  return endOfDay
    ? zonedLocalToDate(
        `${new Date(Date.parse(`${value}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)}T00:00`,
        timeZone,
      )!
    : start;
}

async function idOfSlug<T extends { id: number }>(
  find: Promise<T | null>,
  parameter: string,
  what: string,
): Promise<number> {
  const found = await find;
  if (!found) throw bad(parameter, `${what} inconnu(e) : vérifiez le slug.`);
  return found.id;
}

/**
 * The Content API: public content only (every read goes through the public read scope), for a
 * key made in the back office. Per-key rate limit and CORS; ETag/304 comes from @fastify/etag.
 */
export function contentApi(deps: SearchDeps & Services) {
  return async (api: FastifyInstance) => {
    api.decorateRequest('apiCredential', null);
    api.addHook('onRequest', async (request) => {
      if (request.method === 'OPTIONS') return; // preflights: CORS answers them, below
      request.apiCredential = await checkCredential(
        deps,
        'content',
        contentKeyOf(request),
      );
    });
    // The origins a key lists may call it from a browser; a preflight names the key in the query string.
    await api.register(cors, {
      delegator: async (request: FastifyRequest) => {
        const credential =
          request.apiCredential ??
          (await credentialForPreflight(deps, request));
        const origins = credential?.corsOrigins ?? [];
        return {
          origin: origins.includes('*')
            ? '*'
            : origins.length
              ? origins
              : false,
          methods: ['GET', 'HEAD'],
          allowedHeaders: ['X-Api-Key', 'If-None-Match'],
          maxAge: 600,
        };
      },
    });
    await api.register(rateLimit, {
      hook: 'preHandler',
      timeWindow: 60_000,
      keyGenerator: (request) =>
        `content:${request.apiCredential?.id ?? request.ip}`,
      max: (request) => request.apiCredential?.ratePerMinute ?? 60,
    });
    api.addHook('onSend', async (_request, reply) => {
      if (reply.statusCode < 400) reply.header('Cache-Control', API_CACHE);
      reply.header('Vary', 'Origin, X-Api-Key');
    });
    const r = api.withTypeProvider<ZodTypeProvider>();
    const site = deps.site;
    const tags = ['Content API'];
    const security: Record<string, string[]>[] = [
      { contentKey: [] },
      { contentKeyQuery: [] },
    ];

    r.get(
      '/articles',
      {
        schema: {
          tags,
          security,
          summary: 'Published articles, newest first',
          querystring: ArticleListQuery,
          response: { 200: ArticlePage, ...errorResponses(400, 401, 429) },
        },
      },
      async (request) => {
        const q = request.query;
        const now = deps.clock.now();
        const [sectionId, tagId, authorId] = await Promise.all([
          q.section
            ? idOfSlug(
                findSectionBySlug(deps.db, q.section),
                'section',
                'Rubrique',
              )
            : undefined,
          q.tag
            ? idOfSlug(findTagBySlug(deps.db, q.tag), 'tag', 'Sujet')
            : undefined,
          q.author
            ? idOfSlug(findAuthorBySlug(deps.db, q.author), 'author', 'Auteur')
            : undefined,
        ]);
        const page = await listPublicPage(deps.db, {
          now,
          limit: q.limit,
          after: q.cursor ? decodeCursor(q.cursor) : undefined,
          sectionId,
          tagId,
          authorId,
          language: q.language,
          updatedSince: q.updated_since ? new Date(q.updated_since) : undefined,
          publishedFrom: q.from
            ? boundary(q.from, site.timeZone, false)
            : undefined,
          publishedBefore: q.to
            ? boundary(q.to, site.timeZone, true)
            : undefined,
        });
        const last = page.items.at(-1);
        return {
          items: page.items.map((a) =>
            presentApiArticle(a, site, {
              fields: q.fields,
              include: q.include,
              withBody: false,
            }),
          ) as z.infer<typeof Article>[],
          nextCursor:
            page.hasMore && last
              ? encodeCursor({
                  publishedAt: last.publishedAt!.toISOString(),
                  id: last.id,
                })
              : null,
        };
      },
    );

    const one =
      (
        find: (
          request: FastifyRequest,
        ) => Promise<Awaited<ReturnType<typeof findPublishedById>>>,
      ) =>
      async (
        request: FastifyRequest<{
          Querystring: z.infer<typeof ArticleOneQuery>;
        }>,
      ) => {
        const article = await find(request);
        if (!article) throw new AppError('not_found');
        const wantsPictures = request.query.include?.includes('pictures');
        const ids = wantsPictures ? bodyMediaIds(article.bodySource) : [];
        const [pictures, blog] = await Promise.all([
          findMediaByIds(deps.db, ids),
          findLiveBlog(deps.db, article.id),
        ]);
        return presentApiArticle(article, site, {
          fields: request.query.fields,
          include: request.query.include,
          withBody: true,
          bodyPictures: [...new Set(ids)].flatMap((id) => {
            const p = pictures.get(id);
            return p ? [p] : [];
          }),
          liveState: blog?.state ?? null,
        }) as z.infer<typeof Article>;
      };
    r.get(
      '/articles/:id',
      {
        schema: {
          tags,
          security,
          summary: 'One published article, with its body',
          params: IdParams,
          querystring: ArticleOneQuery,
          response: { 200: Article, ...errorResponses(400, 401, 404, 429) },
        },
      },
      one((request) =>
        findPublishedById(
          deps.db,
          (request.params as { id: number }).id,
          deps.clock.now(),
        ),
      ),
    );
    r.get(
      '/articles/slug/:slug',
      {
        schema: {
          tags,
          security,
          summary: 'One published article by its slug',
          params: SlugParams,
          querystring: ArticleOneQuery,
          response: { 200: Article, ...errorResponses(400, 401, 404, 429) },
        },
      },
      one((request) =>
        findPublishedBySlug(
          deps.db,
          (request.params as { slug: string }).slug,
          deps.clock.now(),
        ),
      ),
    );

    r.get(
      '/articles/:id/live',
      {
        schema: {
          tags,
          security,
          summary:
            'A live blog’s entries, newest first (the stream /live pushes new ones)',
          params: IdParams,
          querystring: LiveEntriesQuery,
          response: {
            200: LiveEntries,
            ...errorResponses(400, 401, 404, 429),
          },
        },
      },
      async (request) => {
        const now = deps.clock.now();
        const [article, blog] = await Promise.all([
          findPublishedById(deps.db, request.params.id, now),
          findLiveBlog(deps.db, request.params.id),
        ]);
        if (!article || !blog)
          throw new AppError('not_found', {
            message: 'Cet article n’est pas suivi en direct.',
          });
        const q = request.query;
        const entries = await listLiveEntries(deps.db, article.id, {
          limit: q.limit + 1,
          ...(q.before !== undefined ? { beforeId: q.before } : {}),
        });
        const page = entries.slice(0, q.limit);
        return {
          articleId: article.id,
          state: blog.state,
          startedAt: blog.startedAt.toISOString(),
          endedAt: blog.endedAt?.toISOString() ?? null,
          scoreboard: blog.scoreboard,
          items: page.map(presentApiLiveEntry),
          nextBefore:
            entries.length > q.limit ? (page.at(-1)?.id ?? null) : null,
        };
      },
    );

    r.get(
      '/most-read',
      {
        schema: {
          tags,
          security,
          summary:
            '« Les plus lus »: the most read articles of the last 24 hours, most read first (ranks, not counts: those are in the Admin API)',
          querystring: MostReadQuery,
          response: { 200: MostRead, ...errorResponses(400, 401, 404, 429) },
        },
      },
      async (request) => {
        const now = deps.clock.now();
        const since = new Date(now.getTime() - MOST_READ_WINDOW_MS);
        const sectionId = request.query.section
          ? await idOfSlug(
              findSectionBySlug(deps.db, request.query.section),
              'section',
              'Rubrique',
            )
          : undefined;
        const rows = await mostRead(deps.db, {
          since,
          now,
          limit: request.query.limit,
          ...(sectionId !== undefined ? { sectionId } : {}),
        });
        return {
          since: since.toISOString(),
          items: rows.map((row, i) => ({
            id: row.id,
            slug: row.slug,
            title: row.title,
            url: site.url + paths.article(row.slug),
            rank: i + 1,
          })),
        };
      },
    );

    r.get(
      '/sections',
      {
        schema: {
          tags,
          security,
          summary: 'Sections, in navigation order',
          querystring: KeyOnlyQuery,
          response: { 200: SectionList, ...errorResponses(400, 401, 429) },
        },
      },
      async () => ({
        items: (await listSections(deps.db)).map((s) => ({
          id: s.id,
          slug: s.slug,
          name: s.name,
          description: s.description,
          url: site.url + paths.section(s.slug),
        })),
      }),
    );

    r.get(
      '/tags',
      {
        schema: {
          tags,
          security,
          summary: 'Tags (topics and entities), by id',
          querystring: TaxonomyQuery,
          response: { 200: TagList, ...errorResponses(400, 401, 429) },
        },
      },
      async (request) => {
        const rows = await listTagsPage(
          deps.db,
          request.query.after ?? 0,
          request.query.limit,
        );
        return {
          items: rows.map((t) => ({ ...t, url: site.url + paths.tag(t.slug) })),
          nextAfter:
            rows.length === request.query.limit ? rows.at(-1)!.id : null,
        };
      },
    );
    r.get(
      '/authors',
      {
        schema: {
          tags,
          security,
          summary: 'Authors, by id',
          querystring: TaxonomyQuery,
          response: { 200: AuthorList, ...errorResponses(400, 401, 429) },
        },
      },
      async (request) => {
        const rows = await listAuthorsPage(
          deps.db,
          request.query.after ?? 0,
          request.query.limit,
        );
        return {
          items: rows.map((a) => ({
            ...a,
            url: site.url + paths.author(a.slug),
          })),
          nextAfter:
            rows.length === request.query.limit ? rows.at(-1)!.id : null,
        };
      },
    );

    r.get(
      '/fil-info',
      {
        schema: {
          tags,
          security,
          summary: 'The fil info: the latest published articles, newest first',
          querystring: FilInfoQuery,
          response: { 200: FilInfoList, ...errorResponses(400, 401, 429) },
        },
      },
      async (request) => {
        const latest = await listPublished(deps.db, {
          now: deps.clock.now(),
          limit: request.query.limit,
        });
        return {
          items: latest.items.map((a) => ({
            id: a.id,
            slug: a.slug,
            title: a.title,
            url: site.url + paths.article(a.slug),
            breaking: a.breaking,
            publishedAt: a.publishedAt!.toISOString(),
            section: a.section,
          })),
        };
      },
    );

    r.get(
      '/search',
      {
        schema: {
          tags,
          security,
          summary:
            'Full-text search of published articles (French stemming), as on the site',
          querystring: SearchQuery,
          response: { 200: SearchPage, ...errorResponses(400, 401, 429) },
        },
      },
      async (request) => {
        const q = request.query;
        const result = await searchForReaders(
          { ...deps, timeZone: site.timeZone },
          {
            q: q.q,
            sectionSlug: q.section ?? null,
            fromDay: q.from ?? null,
            toDay: q.to ?? null,
            sort: q.sort,
            page: q.page,
          },
        ).catch((error: unknown) => {
          throw withApiFieldNames(error);
        });
        const set = highlightSet(result.query);
        return {
          items: result.articles.map((a) =>
            searchResultJson(presentSearchResult(a, set, site), site),
          ),
          total: result.total,
          totalIsExact: result.totalIsExact,
          page: result.page,
          pageCount: result.pageCount,
        };
      },
    );
  };
}

/** The readers' search names its fields as the French page does (rubrique, du, au); the API says section, from, to. */
const SEARCH_FIELD_NAMES: Record<string, string> = {
  rubrique: 'section',
  du: 'from',
  au: 'to',
  tri: 'sort',
};
function withApiFieldNames(error: unknown): unknown {
  if (!(error instanceof AppError) || error.status >= 500) return error;
  const fields = Object.fromEntries(
    Object.entries(error.fields).map(([k, v]) => [
      SEARCH_FIELD_NAMES[k] ?? k,
      v,
    ]),
  );
  return new AppError(error.code, {
    message: error.message,
    fields,
    cause: error,
  });
}

async function credentialForPreflight(deps: Services, request: FastifyRequest) {
  const key = contentKeyOf(request);
  return key && key.length <= 200
    ? findLiveCredential(deps.db, 'content', hashToken(key))
    : null;
}

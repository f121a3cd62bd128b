import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Services } from '../../services.ts';
import type { Actor } from '../../commands/context.ts';
import { createArticle } from '../../commands/createArticle.ts';
import { updateArticle } from '../../commands/updateArticle.ts';
import { publishArticle } from '../../commands/publishArticle.ts';
import { submitArticle } from '../../commands/submitArticle.ts';
import { returnArticle } from '../../commands/returnArticle.ts';
import { scheduleArticle } from '../../commands/scheduleArticle.ts';
import { unscheduleArticle } from '../../commands/unscheduleArticle.ts';
import { unpublishArticle } from '../../commands/unpublishArticle.ts';
import { trashArticle } from '../../commands/trashArticle.ts';
import { restoreArticle } from '../../commands/restoreArticle.ts';
import {
  EDITORIAL_VERB_NAMES,
  type EditorialVerb,
} from '../../domain/editorialVerbs.ts';
import { loadAuthorized } from '../../commands/articleAccess.ts';
import type { ArticleFields } from '../../commands/articleFields.ts';
import { findArticleById, withRelations } from '../../db/repos/articles.ts';
import type { ArticleRecord } from '../../domain/articleRecord.ts';
import { presentAdminArticle } from '../../presenters/apiArticle.ts';
import { AppError } from '../../errors.ts';
import { uploadMedia } from '../../commands/media/uploadMedia.ts';
import { loadMedia } from '../../commands/media/mediaContext.ts';
import { spoolUpload } from '../admin/mediaUpload.ts';
import { presentApiPicture } from '../../presenters/apiPicture.ts';
import { authorize } from '../../policies/authorize.ts';
import { canOnMedia } from '../../policies/media.ts';
import { canInNewsroom } from '../../policies/newsroom.ts';
import { audienceFigures } from '../../presenters/apiAudience.ts';
import { bearerOf, checkCredential, tokenActor } from './credentials.ts';
import {
  AdminArticle,
  ArticleInput,
  Audience,
  AudienceQuery,
  CorrectionInput,
  EmptyInput,
  errorResponses,
  IdParams,
  IfMatchHeaders,
  Picture,
  PictureUpload,
  PublishInput,
  ReturnInput,
  ScheduleInput,
  WhoAmI,
} from './schemas.ts';

export const ADMIN_API_PREFIX = '/api/admin/v1';

declare module 'fastify' {
  interface FastifyRequest {
    apiActor: (Actor & { kind: 'user' }) | null;
  }
}

/** `If-Match: "7"` (or W/"7", or 7) → 7; anything else is a 400 naming the header. */
/** A write that replaces content must say which version it replaces (428 otherwise). */
function requiredVersion(ifMatch: string | undefined): number {
  const version = versionOf(ifMatch);
  if (version === undefined) throw new AppError('precondition_required');
  return version;
}

function versionOf(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined) return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(ifMatch.trim());
  if (!m)
    throw new AppError('invalid_input', {
      fields: {
        'If-Match':
          'Indiquez la version de l’article (son ETag), par exemple "3".',
      },
    });
  return Number(m[1]);
}

/** With If-Match, a version conflict is the HTTP precondition failing (412), not the back office’s 409. */
/** The commands name the back office's form fields; the API names its own (`authorIds`, not `author1`). */
const API_FIELD_NAMES: ReadonlyMap<string, string> = new Map([
  ['author1', 'authorIds'],
  ['author2', 'authorIds'],
  ['author3', 'authorIds'],
  ['coverMediaId', 'cover'],
]);

async function guarded<T>(
  expectedVersion: number | undefined,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (
      error instanceof AppError &&
      error.code === 'stale_version' &&
      expectedVersion !== undefined
    )
      throw new AppError('precondition_failed', { cause: error });
    if (
      error instanceof AppError &&
      Object.keys(error.fields).some((name) => API_FIELD_NAMES.has(name))
    ) {
      const fields = Object.fromEntries(
        Object.entries(error.fields).map(([name, message]) => [
          API_FIELD_NAMES.get(name) ?? name,
          message,
        ]),
      );
      throw new AppError(error.code, {
        message: error.message,
        fields,
        cause: error,
      });
    }
    throw error;
  }
}

const fieldsOf = (input: z.infer<typeof ArticleInput>): ArticleFields => ({
  title: input.title,
  slug: input.slug,
  lead: input.lead,
  bodySource: input.bodySource,
  sectionId: input.sectionId,
  authorIds: input.authorIds,
  tagNames: input.tagNames,
  featured: input.featured,
  breaking: input.breaking,
  seoTitle: input.seoTitle,
  seoDescription: input.seoDescription,
  cover: input.cover
    ? {
        mediaId: input.cover.mediaId,
        url: '',
        alt: input.cover.alt,
        caption: input.cover.caption,
        credit: input.cover.credit,
      }
    : null,
});

type VerbBody = Record<string, unknown>;
type Verb = {
  body: z.ZodType;
  summary: string;
  run: (
    s: Services,
    a: Actor,
    articleId: number,
    expectedVersion: number | undefined,
    body: VerbBody,
  ) => Promise<ArticleRecord>;
};

/**
 * Every editorial verb, each through its own command: the one the back office's buttons call.
 * Keyed by the verb table's names, so a new verb needs its API route too (the compiler asks).
 */
const VERBS: Record<EditorialVerb, Verb> = {
  submit: {
    body: EmptyInput,
    summary: 'Hand a draft to the editors',
    run: (s, a, articleId, expectedVersion) =>
      submitArticle(s, a, { articleId, expectedVersion }),
  },
  return: {
    body: ReturnInput,
    summary: 'Send an article back to its writer, with a note',
    run: (s, a, articleId, expectedVersion, b) =>
      returnArticle(s, a, {
        articleId,
        expectedVersion,
        note: b['note'] as string,
      }),
  },
  publish: {
    body: PublishInput,
    summary: 'Publish now',
    run: (s, a, articleId, expectedVersion, b) =>
      publishArticle(s, a, {
        articleId,
        ...(expectedVersion !== undefined ? { expectedVersion } : {}),
        overrideDuplicate: b['overrideDuplicate'] as boolean,
        confirmWarnings: b['confirmWarnings'] as boolean,
        siteUrl: s.config.site.url,
      }),
  },
  schedule: {
    body: ScheduleInput,
    summary: 'Publish at a future time',
    run: (s, a, articleId, expectedVersion, b) =>
      scheduleArticle(s, a, {
        articleId,
        expectedVersion,
        at: new Date(b['at'] as string),
        overrideDuplicate: b['overrideDuplicate'] as boolean,
        confirmWarnings: b['confirmWarnings'] as boolean,
        siteUrl: s.config.site.url,
      }),
  },
  unschedule: {
    body: EmptyInput,
    summary: 'Cancel a scheduled publication',
    run: (s, a, articleId, expectedVersion) =>
      unscheduleArticle(s, a, { articleId, expectedVersion }),
  },
  unpublish: {
    body: EmptyInput,
    summary: 'Take a published article offline (its URL answers 410)',
    run: (s, a, articleId, expectedVersion) =>
      unpublishArticle(s, a, { articleId, expectedVersion }),
  },
  trash: {
    body: EmptyInput,
    summary: 'Move to the trash',
    run: (s, a, articleId, expectedVersion) =>
      trashArticle(s, a, { articleId, expectedVersion }),
  },
  restore: {
    body: EmptyInput,
    summary: 'Restore from the trash (back to draft)',
    run: (s, a, articleId, expectedVersion) =>
      restoreArticle(s, a, { articleId, expectedVersion }),
  },
};
export const ADMIN_API_VERBS: readonly EditorialVerb[] = EDITORIAL_VERB_NAMES;

/**
 * The Admin API: the back office's commands for scripts and partners, with a bearer token that
 * acts as its member (see tokenActor). Every route calls the same command, so the same policy.
 */
export function adminApi(deps: Services) {
  return async (api: FastifyInstance) => {
    api.decorateRequest('apiActor', null);
    api.addHook('onRequest', async (request) => {
      request.apiCredential = await checkCredential(
        deps,
        'admin',
        bearerOf(request),
      );
      request.apiActor = await tokenActor(deps, request.apiCredential);
    });
    await api.register(rateLimit, {
      hook: 'preHandler',
      timeWindow: 60_000,
      keyGenerator: (request) =>
        `admin:${request.apiCredential?.id ?? request.ip}`,
      max: (request) => request.apiCredential?.ratePerMinute ?? 60,
    });
    api.addHook('onSend', async (_request, reply) => {
      reply.header('Cache-Control', 'no-store');
    });
    const r = api.withTypeProvider<ZodTypeProvider>();
    const tags = ['Admin API'];
    const security: Record<string, string[]>[] = [{ adminToken: [] }];
    const actor = (request: FastifyRequest) => request.apiActor!;
    const send = async (
      reply: { header: (k: string, v: string) => unknown },
      record: ArticleRecord,
    ) => {
      const [full] = await withRelations(deps.db, [record]);
      reply.header('ETag', `"${record.version}"`);
      return presentAdminArticle(full!, deps.config.site);
    };

    r.get(
      '/me',
      {
        schema: {
          tags,
          security,
          summary: 'Who this token acts as',
          response: { 200: WhoAmI, ...errorResponses(401, 403) },
        },
      },
      async (request) => {
        const a = actor(request);
        return {
          userId: a.id,
          role: a.role,
          sectionIds: a.sectionIds,
          credential: request.apiCredential!.name,
        };
      },
    );

    r.get(
      '/articles/:id',
      {
        schema: {
          tags,
          security,
          summary:
            'An article in any state the token may see, with its version (ETag)',
          params: IdParams,
          response: {
            200: AdminArticle,
            ...errorResponses(400, 401, 403, 404),
          },
        },
      },
      async (request, reply) =>
        send(
          reply,
          await loadAuthorized(
            deps.db,
            actor(request),
            'view',
            request.params.id,
          ),
        ),
    );

    r.post(
      '/articles',
      {
        schema: {
          tags,
          security,
          summary: 'Create a draft',
          body: ArticleInput,
          response: {
            201: AdminArticle,
            ...errorResponses(400, 401, 403, 409),
          },
        },
      },
      async (request, reply) => {
        const id = await createArticle(
          deps,
          actor(request),
          fieldsOf(request.body),
        );
        const record = (await findArticleById(deps.db, id))!;
        reply
          .code(201)
          .header('Location', `${ADMIN_API_PREFIX}/articles/${id}`);
        return send(reply, record);
      },
    );

    r.put(
      '/articles/:id',
      {
        schema: {
          tags,
          security,
          summary: 'Save an article’s content (If-Match required)',
          params: IdParams,
          headers: IfMatchHeaders,
          body: ArticleInput,
          response: {
            200: AdminArticle,
            ...errorResponses(400, 401, 403, 404, 409, 412, 428),
          },
        },
      },
      async (request, reply) => {
        const expectedVersion = requiredVersion(request.headers['if-match']);
        return send(
          reply,
          await guarded(expectedVersion, () =>
            updateArticle(deps, actor(request), {
              articleId: request.params.id,
              expectedVersion,
              fields: fieldsOf(request.body),
            }),
          ),
        );
      },
    );

    r.post(
      '/articles/:id/correct',
      {
        schema: {
          tags,
          security,
          summary:
            'Correct a published article, with a note shown to readers (If-Match required)',
          params: IdParams,
          headers: IfMatchHeaders,
          body: CorrectionInput,
          response: {
            200: AdminArticle,
            ...errorResponses(400, 401, 403, 404, 409, 412, 428),
          },
        },
      },
      async (request, reply) => {
        const expectedVersion = requiredVersion(request.headers['if-match']);
        return send(
          reply,
          await guarded(expectedVersion, () =>
            updateArticle(deps, actor(request), {
              articleId: request.params.id,
              expectedVersion,
              fields: fieldsOf(request.body.article),
              correctionNote: request.body.note,
            }),
          ),
        );
      },
    );

    r.post(
      '/pictures',
      {
        schema: {
          tags,
          security,
          summary:
            'Upload a picture to the media library (multipart/form-data), as the back office does',
          consumes: ['multipart/form-data'],
          body: PictureUpload,
          response: {
            201: Picture,
            ...errorResponses(400, 401, 403, 413, 422),
          },
        },
        // The body is a stream spooled by spoolUpload and checked by uploadMedia (inspectUpload),
        // not a parsed object: the schema above documents it, it cannot validate it.
        validatorCompiler: () => (value) => ({ value }),
      },
      async (request, reply) => {
        const a = actor(request);
        // Refused before reading a byte of the upload (the command checks it again).
        authorize(canOnMedia(a, 'upload'));
        const upload = await spoolUpload(
          request,
          deps.config.media.maxUploadBytes,
        );
        try {
          const media = await uploadMedia(deps, a, {
            path: upload.path,
            fileName: upload.fileName,
            purpose: upload.fields['purpose'] === 'cover' ? 'cover' : 'any',
          });
          reply
            .code(201)
            .header('Location', `${ADMIN_API_PREFIX}/pictures/${media.id}`)
            .header('ETag', `"${media.version}"`);
          return presentApiPicture(media, deps.config.site.url);
        } finally {
          await upload.cleanup();
        }
      },
    );

    r.get(
      '/pictures/:id',
      {
        schema: {
          tags,
          security,
          summary: 'A picture of the media library, with its renditions',
          params: IdParams,
          response: { 200: Picture, ...errorResponses(400, 401, 403, 404) },
        },
      },
      async (request, reply) => {
        authorize(canOnMedia(actor(request), 'view'));
        const media = await loadMedia(deps.db, request.params.id);
        reply.header('ETag', `"${media.version}"`);
        return presentApiPicture(media, deps.config.site.url);
      },
    );

    r.get(
      '/audience',
      {
        schema: {
          tags,
          security,
          summary:
            'Audience figures (views per hour, top articles, sections, referrers, daily visitors), for tokens that may read the audience page',
          querystring: AudienceQuery,
          response: { 200: Audience, ...errorResponses(400, 401, 403) },
        },
      },
      async (request) => {
        authorize(canInNewsroom(actor(request), 'readAudience'));
        // Counters still in memory would be missing from « now »: write them first.
        await deps.audience.flush();
        return audienceFigures(
          deps.db,
          deps.config.site.timeZone,
          deps.clock.now(),
          request.query.days,
        );
      },
    );

    for (const name of EDITORIAL_VERB_NAMES) {
      const verb = VERBS[name];
      r.post(
        `/articles/:id/${name}`,
        {
          schema: {
            tags,
            security,
            summary: `${verb.summary} (If-Match optional)`,
            params: IdParams,
            headers: IfMatchHeaders,
            body: verb.body.optional(),
            response: {
              200: AdminArticle,
              ...errorResponses(400, 401, 403, 404, 409, 412),
            },
          },
        },
        async (request, reply) => {
          const expectedVersion = versionOf(request.headers['if-match']);
          const body = (request.body ?? {}) as VerbBody;
          return send(
            reply,
            await guarded(expectedVersion, () =>
              verb.run(
                deps,
                actor(request),
                request.params.id,
                expectedVersion,
                body,
              ),
            ),
          );
        },
      );
    }
  };
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import type { MediaRecord } from '../../domain/pictures.ts';
import { z } from 'zod';
import { uploadMedia } from '../../commands/media/uploadMedia.ts';
import {
  updateMedia,
  type MediaFields,
} from '../../commands/media/updateMedia.ts';
import { replaceMedia } from '../../commands/media/replaceMedia.ts';
import { deleteMedia } from '../../commands/media/deleteMedia.ts';
import { loadMedia } from '../../commands/media/mediaContext.ts';
import {
  listMedia,
  listMediaUses,
  type MediaListQuery,
} from '../../db/repos/media.ts';
import { listUsers } from '../../db/repos/users.ts';
import type { User } from '../../domain/user.ts';
import { cropFor, RATIOS, type Rect } from '../../domain/pictures.ts';
import { formatDate, zonedLocalToDate } from '../../domain/frenchDates.ts';
import { canOnMedia } from '../../policies/media.ts';
import { authorize } from '../../policies/authorize.ts';
import { presentPicture } from '../../presenters/picture.ts';
import { indexTerms } from '../../search/normalize.ts';
import { AppError } from '../../errors.ts';
import { mediaEditView, mediaLibraryView } from '../../views/admin/media.ts';
import type { FieldErrors } from '../../views/admin/forms.ts';
import {
  csrfToken,
  requireUser,
  sendAdminPage,
  type AdminDeps,
} from './context.ts';
import { actorOf } from './session.ts';
import { spoolUpload } from './mediaUpload.ts';

const PAGE_SIZE = 24;
const ROLE_LABELS = { cover: 'couverture', body: 'dans le texte' } as const;

const mediaIdParam = (params: unknown): number => {
  const raw = (params as Record<string, string>)['id'] ?? '';
  if (!/^\d{1,9}$/.test(raw)) throw new AppError('not_found');
  return Number(raw);
};

/** What the browser scripts and the JSON chooser get for a picture. */
function mediaJson(m: MediaRecord) {
  const thumb = presentPicture(m, '4:3', { fallbackWidth: 320 });
  return {
    id: m.id,
    fileName: m.fileName,
    width: m.width,
    height: m.height,
    alt: m.alt,
    decorative: m.decorative,
    caption: m.caption,
    credit: m.credit,
    thumb: thumb.src,
    editUrl: `/admin/medias/${m.id}`,
  };
}

const wantsJson = (accept: string | undefined) =>
  (accept ?? '').includes('application/json');

const filtersSchema = z.object({
  q: z.string().max(200).optional(),
  uploader: z.string().max(12).optional(),
  orientation: z.string().max(12).optional(),
  used: z.string().max(5).optional(),
  du: z.string().max(10).optional(),
  au: z.string().max(10).optional(),
  page: z.string().max(6).optional(),
});

/** The library's query from the URL; anything malformed is a 400, never a 500. */
function parseFilters(
  query: unknown,
  timeZone: string,
): { q: MediaListQuery; page: number; raw: Record<string, string> } {
  const parsed = filtersSchema.safeParse(query ?? {});
  if (!parsed.success) throw new AppError('invalid_input');
  const f = parsed.data;
  const page = f.page ? Number(f.page) : 1;
  if (!Number.isInteger(page) || page < 1) throw new AppError('invalid_page');
  const day = (s: string | undefined, end: boolean) => {
    if (!s) return undefined;
    const start = /^\d{4}-\d{2}-\d{2}$/.test(s)
      ? zonedLocalToDate(`${s}T00:00`, timeZone)
      : null;
    if (!start)
      throw new AppError('invalid_input', {
        message: 'Cette date n’est pas valide.',
      });
    return end ? new Date(start.getTime() + 86_400_000) : start;
  };
  const q: MediaListQuery = {
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
    terms: indexTerms(f.q ?? ''),
  };
  if (f.uploader && /^\d{1,9}$/.test(f.uploader))
    q.uploadedBy = Number(f.uploader);
  if (
    f.orientation === 'landscape' ||
    f.orientation === 'portrait' ||
    f.orientation === 'square'
  )
    q.orientation = f.orientation;
  if (f.used === 'oui' || f.used === 'non') q.used = f.used === 'oui';
  const from = day(f.du, false),
    until = day(f.au, true);
  if (from) q.from = from;
  if (until) q.until = until;
  return {
    q,
    page,
    raw: {
      q: f.q ?? '',
      uploader: f.uploader ?? '',
      orientation: f.orientation ?? '',
      used: f.used ?? '',
      from: f.du ?? '',
      until: f.au ?? '',
    },
  };
}

const num = (v: unknown) =>
  typeof v === 'string' && v.trim() !== '' ? Number(v.replace(',', '.')) : NaN;
const str = (v: unknown, max: number) =>
  typeof v === 'string' ? v.slice(0, max) : '';

function fieldsFromBody(body: Record<string, unknown>): MediaFields {
  const crops: MediaFields['crops'] = {};
  for (const ratio of RATIOS) {
    const k = ratio.replace(':', 'x');
    const x = num(body[`crop-${k}-x`]),
      y = num(body[`crop-${k}-y`]),
      width = num(body[`crop-${k}-width`]);
    if ([x, y, width].some((n) => !Number.isNaN(n)))
      crops[ratio] = {
        x: Number.isNaN(x) ? 0 : x,
        y: Number.isNaN(y) ? 0 : y,
        width,
        height: 0,
      } satisfies Rect;
  }
  return {
    alt: str(body['alt'], 500),
    decorative: body['decorative'] === '1',
    caption: str(body['caption'], 1000),
    credit: str(body['credit'], 300),
    copyright: str(body['copyright'], 500),
    usageNotes: str(body['usageNotes'], 1000),
    focal: { x: num(body['focalX']), y: num(body['focalY']) },
    crops,
  };
}

/** The media library: upload, list, describe, crop, replace, delete. Every route checks the media policy. */
export function mediaRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const tz = deps.config.site.timeZone;

  app.get('/admin/medias', async (request, reply) => {
    const user = requireUser(request);
    authorize(canOnMedia(user, 'view'));
    const { q, page, raw } = parseFilters(request.query, tz);
    const { items, total } = await listMedia(deps.db, q);
    const users = await listUsers(deps.db);
    const params = new URLSearchParams(
      Object.entries({
        q: raw['q']!,
        uploader: raw['uploader']!,
        orientation: raw['orientation']!,
        used: raw['used']!,
        du: raw['from']!,
        au: raw['until']!,
      }).filter(([, v]) => v),
    );
    const basePath = `/admin/medias${params.size ? `?${params}` : ''}`;
    return sendAdminPage(deps, reply, user, {
      title: 'Photothèque',
      scripts: [deps.assets.mediaScript],
      main: mediaLibraryView({
        cards: items.map((m) => ({
          id: m.id,
          url: `/admin/medias/${m.id}`,
          fileName: m.fileName,
          caption: m.caption,
          credit: m.credit,
          width: m.width,
          height: m.height,
          uses: m.uses,
          uploaded: formatDate(m.createdAt, tz),
          thumb: presentPicture(m, '4:3', { fallbackWidth: 320 }),
        })),
        total,
        page,
        pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)),
        basePath,
        filters: raw as MediaLibraryFilters,
        uploaders: users.map((u) => ({ value: u.id, label: u.displayName })),
        csrf: await csrfToken(reply),
        message: null,
      }),
    });
  });

  // The editor's chooser: the same search as the library, as JSON.
  app.get('/admin/medias.json', async (request, reply) => {
    const user = requireUser(request);
    authorize(canOnMedia(user, 'use'));
    const { q } = parseFilters(request.query, tz);
    const { items, total } = await listMedia(deps.db, q);
    return reply
      .header('Cache-Control', 'no-store')
      .send({ total, items: items.map(mediaJson) });
  });

  app.post(
    '/admin/medias',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      authorize(canOnMedia(user, 'upload'));
      const upload = await spoolUpload(
        request,
        deps.config.media.maxUploadBytes,
      );
      try {
        const media = await uploadMedia(deps, actorOf(user), {
          path: upload.path,
          fileName: upload.fileName,
          purpose: upload.fields['purpose'] === 'cover' ? 'cover' : 'any',
        });
        if (wantsJson(request.headers.accept))
          return reply
            .code(201)
            .header('Cache-Control', 'no-store')
            .send(mediaJson(media));
        return reply.redirect(`/admin/medias/${media.id}`, 303);
      } finally {
        await upload.cleanup();
      }
    },
  );

  app.get('/admin/medias/:id', async (request, reply) => {
    const user = requireUser(request);
    authorize(canOnMedia(user, 'view'));
    const media = await loadMedia(deps.db, mediaIdParam(request.params));
    const saved = (request.query as Record<string, string>)['ok'] === '1';
    return sendEditPage(deps, reply, user, media, {
      message: saved ? { text: 'Image enregistrée.', kind: 'ok' } : null,
    });
  });

  app.post(
    '/admin/medias/:id',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const id = mediaIdParam(request.params);
      const body = (request.body ?? {}) as Record<string, unknown>;
      const version = num(body['version']);
      const fields = fieldsFromBody(body);
      try {
        await updateMedia(deps, actorOf(user), {
          mediaId: id,
          expectedVersion: version,
          fields,
        });
        return reply.redirect(`/admin/medias/${id}?ok=1`, 303);
      } catch (error) {
        if (
          !(error instanceof AppError) ||
          error.status >= 500 ||
          error.code === 'forbidden' ||
          error.code === 'not_found'
        )
          throw error;
        const media = await loadMedia(deps.db, id);
        return sendEditPage(deps, reply, user, media, {
          status: error.status,
          errors: error.fields,
          message: { text: error.message, kind: 'error' },
          values: fields,
        });
      }
    },
  );

  app.post(
    '/admin/medias/:id/remplacer',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const id = mediaIdParam(request.params);
      authorize(canOnMedia(user, 'replace', await loadMedia(deps.db, id)));
      const upload = await spoolUpload(
        request,
        deps.config.media.maxUploadBytes,
      );
      try {
        const media = await replaceMedia(deps, actorOf(user), {
          mediaId: id,
          path: upload.path,
          fileName: upload.fileName,
        });
        if (wantsJson(request.headers.accept))
          return reply
            .header('Cache-Control', 'no-store')
            .send(mediaJson(media));
        return reply.redirect(`/admin/medias/${id}?ok=1`, 303);
      } finally {
        await upload.cleanup();
      }
    },
  );

  app.post(
    '/admin/medias/:id/supprimer',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      const id = mediaIdParam(request.params);
      const body = (request.body ?? {}) as Record<string, unknown>;
      try {
        await deleteMedia(deps, actorOf(user), {
          mediaId: id,
          confirmUses: body['confirmUses'] === '1',
        });
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'media_in_use')
          throw error;
        return sendEditPage(deps, reply, user, await loadMedia(deps.db, id), {
          status: 409,
          message: { text: error.message, kind: 'error' },
        });
      }
      if (wantsJson(request.headers.accept)) return reply.send({ deleted: id });
      return reply.redirect('/admin/medias', 303);
    },
  );
}

type MediaLibraryFilters = {
  q: string;
  uploader: string;
  orientation: string;
  used: string;
  from: string;
  until: string;
};

async function sendEditPage(
  deps: AdminDeps,
  reply: FastifyReply,
  user: User,
  media: MediaRecord,
  o: {
    status?: number;
    errors?: FieldErrors;
    message?: { text: string; kind: 'ok' | 'error' } | null;
    values?: MediaFields;
  },
) {
  const uses = await listMediaUses(deps.db, media.id);
  const v = o.values;
  return sendAdminPage(deps, reply, user, {
    title: `Image ${media.fileName}`,
    scripts: [deps.assets.mediaScript],
    ...(o.status ? { status: o.status } : {}),
    main: mediaEditView({
      id: media.id,
      version: media.version,
      fileName: media.fileName,
      width: media.width,
      height: media.height,
      bytes: media.bytes,
      mimeType: media.mimeType,
      uploaded: formatDate(media.createdAt, deps.config.site.timeZone),
      large: presentPicture(media, null, {
        fallbackWidth: 960,
        alt: media.alt || `Image ${media.fileName}`,
      }),
      focal: media.focal,
      crops: RATIOS.map((ratio) => ({
        ratio,
        rect: cropFor(media, ratio),
        manual: media.crops[ratio] !== undefined,
        preview: presentPicture(media, ratio, {
          fallbackWidth: 320,
          alt: `Recadrage ${ratio}`,
        }),
      })),
      values: v
        ? {
            alt: v.alt,
            decorative: v.decorative,
            caption: v.caption,
            credit: v.credit,
            copyright: v.copyright,
            usageNotes: v.usageNotes,
          }
        : {
            alt: media.alt,
            decorative: media.decorative,
            caption: media.caption,
            credit: media.credit,
            copyright: media.copyright,
            usageNotes: media.usageNotes,
          },
      uses: uses.map((u) => ({
        title: u.title,
        url: `/admin/articles/${u.articleId}`,
        role: ROLE_LABELS[u.role],
        status: u.status,
      })),
      errors: o.errors ?? {},
      message: o.message ?? null,
      csrf: await csrfToken(reply),
      canUpdate: canOnMedia(user, 'update', media),
      canReplace: canOnMedia(user, 'replace', media),
      canDelete: canOnMedia(user, 'delete', media),
    }),
  });
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DerivedCache } from './derivedCache.ts';
import type { FastPages } from './fastPath.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../domain/clock.ts';
import type { SiteConfig } from '../../config.ts';
import { layout, type PageShell } from '../../views/site/layout.ts';
import { paths } from '../../presenters/urls.ts';
import { dayKey, dayRange } from '../../domain/frenchDates.ts';
import {
  AUDIENCE_EXPECTED_WITHIN_MS,
  AUDIENCE_PENDING_MS,
  embargoEnd as keptEmbargoEnd,
  keptResumeId,
  menuSections,
  yesterdayAudience,
} from './keptData.ts';
import { presentLegalAudience } from '../../presenters/audience.ts';
import { FRESH_CACHE, NO_STORE } from '../cacheControl.ts';
import {
  compress,
  documentBytes,
  ENCODINGS,
  negotiateEncoding,
  renderedDocument,
  sendDocument,
  type ContentEncoding,
  type RenderedDocument,
} from './documentResponse.ts';

export interface SiteDeps {
  db: Db;
  clock: Clock;
  site: SiteConfig;
  /** The live fil info script and where a page's copy of the fil info resumes from (absent: no live updates). */
  live?: { script: string; resumeId(): Promise<number> };
  /** The audience beacon script's URL (absent: pages are not counted). */
  beacon?: string;
  /** The embeds' facade script (domain/embeds.ts), on pages that show a body with an embed. */
  embeds?: string;
  /** Rendered pages, kept until an event changes what readers may see (absent: render every time). */
  pages?: DerivedCache;
  /** Kept pages answered ahead of routing (absent: every request goes through Fastify). */
  fast?: FastPages;
  /** The hosts editions are served on (issue #20), filled as their routes are registered: part of the page cache's key. */
  editionHosts?: Set<string>;
}

export type PageSpec = PageShell & {
  currentSection?: string;
  surrogateKeys: string[];
  status?: number;
  live?: { section?: string };
  articleId?: number;
  /** The page shows an embed's facade (an article or live entry that embeds; the editor's preview). */
  embeds?: boolean;
  /** The database is out of reach: the page is drawn from configuration alone (no section menu, no live updates). */
  withoutDatabase?: boolean;
  /** Until when what the page shows holds without any event (a block built from counters: « Les plus lus »). */
  validUntil?: Date;
};
export interface RenderedPage {
  status: number;
  body: string;
  surrogateKeys: string[];
  /** Until when it may be kept if no event comes (see pageLifetime). */
  validUntil: Date;
}

/*
 * Yesterday's audience figure (on every page) is written by a job a few minutes after midnight,
 * with no event: while it may still come, a kept page without it is rebuilt every
 * AUDIENCE_PENDING_MS. Later in the day a missing figure is not coming (no audience measured):
 * no limit then (keptData.ts: yesterdayAudience).
 */

/**
 * How long a page holds with no event, from what can change with time alone: the day's end in
 * the site's time zone (« Aujourd'hui » becomes « Hier », yesterday's audience figure changes),
 * the next embargo ending (nothing announces it), yesterday's figure still to come, and what the
 * page itself says (`PageSpec.validUntil`). Publications, corrections, withdrawals, taxonomy
 * and media changes come as events and need no lifetime at all.
 */
function pageLifetime(
  now: Date,
  timeZone: string,
  embargoEnd: Date | null,
  audienceKnown: boolean,
  page: PageSpec,
): Date {
  const today = dayRange(dayKey(now, timeZone), timeZone);
  const limits = [today.end.getTime()];
  if (embargoEnd) limits.push(embargoEnd.getTime());
  if (
    !audienceKnown &&
    now.getTime() - today.start.getTime() < AUDIENCE_EXPECTED_WITHIN_MS
  )
    limits.push(now.getTime() + AUDIENCE_PENDING_MS);
  if (page.validUntil) limits.push(page.validUntil.getTime());
  return new Date(Math.min(...limits));
}

/**
 * Renders a public page inside the layout, with cache headers and surrogate keys (`home`,
 * `article:12`, `section:sport`) so a CDN or the page cache can purge precisely.
 */
export async function renderPage(
  deps: SiteDeps,
  page: PageSpec,
): Promise<RenderedPage> {
  const now = deps.clock.now();
  const [sections, since, audience, embargoEnd] = page.withoutDatabase
    ? [[], null, null, null]
    : await Promise.all([
        menuSections(deps),
        page.live && deps.live ? keptResumeId(deps, deps.live) : null,
        yesterdayAudience(deps, now),
        deps.pages ? keptEmbargoEnd(deps) : null,
      ]);
  const status = page.status ?? 200;
  const body = layout(
    {
      site: deps.site,
      now,
      ...(deps.embeds && page.embeds ? { embeds: deps.embeds } : {}),
      // Error pages are not views of the site.
      ...(deps.beacon && status < 400
        ? {
            beacon: {
              script: deps.beacon,
              ...(page.articleId ? { articleId: page.articleId } : {}),
            },
          }
        : {}),
      ...(audience
        ? { audience: presentLegalAudience(audience, deps.site.timeZone) }
        : {}),
      ...(deps.live && since !== null
        ? {
            live: {
              script: deps.live.script,
              since,
              ...(page.live?.section ? { section: page.live.section } : {}),
            },
          }
        : {}),
      sections: sections.map((s) => ({
        name: s.name,
        url: paths.section(s.slug),
        current: s.slug === page.currentSection,
      })),
    },
    page,
  );
  return {
    status,
    body,
    surrogateKeys: page.surrogateKeys,
    validUntil: pageLifetime(
      now,
      deps.site.timeZone,
      embargoEnd,
      audience !== null,
      page,
    ),
  };
}

/** A page as it is kept and sent: its bytes, compressed forms and ETag, made once. */
export interface KeptPage {
  status: number;
  doc: RenderedDocument;
  surrogateKeys: string[];
}

/**
 * A page to keep, compressed in the one form its first reader takes: a page of the archive a
 * crawler reads once is never compressed for nobody. The other forms are made the first time a
 * reader asks for them (encodeOnce), once, off the event loop, and kept with the page.
 */
async function keepPage(
  page: RenderedPage,
  encoding: ContentEncoding | null,
): Promise<KeptPage> {
  return {
    status: page.status,
    doc: await renderedDocument(page.body, null, encoding ? [encoding] : []),
    surrogateKeys: page.surrogateKeys,
  };
}

/**
 * What a kept page will weigh once every form is made: its bytes, the forms made, and for each
 * form still to make a quarter of the page (HTML compresses four to six times in gzip or brotli).
 */
function keptPageBytes(page: KeptPage): number {
  const missing = ENCODINGS.filter((e) => !page.doc.encoded[e]).length;
  return (
    documentBytes(page.doc) + Math.ceil((missing * page.doc.body.length) / 4)
  );
}

/** The forms of kept pages being made now: two readers asking at once share one compression. */
const encoding = new WeakMap<
  KeptPage,
  Map<ContentEncoding, Promise<unknown>>
>();

/** Makes `page`'s form in `wanted` if it has none yet (see keepPage). */
async function encodeOnce(
  page: KeptPage,
  wanted: ContentEncoding,
): Promise<void> {
  if (page.doc.encoded[wanted]) return;
  let flights = encoding.get(page);
  if (!flights) {
    flights = new Map();
    encoding.set(page, flights);
  }
  let flight = flights.get(wanted);
  if (!flight) {
    flight = compress(page.doc.body, wanted)
      .then((bytes) => {
        page.doc.encoded[wanted] = bytes;
      })
      .finally(() => flights.delete(wanted));
    flights.set(wanted, flight);
  }
  await flight;
}

function sendKept(reply: FastifyReply, page: KeptPage): FastifyReply {
  return sendDocument(reply.request, reply.code(page.status), page.doc, {
    type: 'text/html; charset=utf-8',
    cacheControl: page.status >= 500 ? NO_STORE : FRESH_CACHE,
    surrogateKeys: page.surrogateKeys,
  });
}

/** A page sent once (an error, a search): compressed only in the form this client takes. */
export async function sendRendered(
  reply: FastifyReply,
  page: RenderedPage,
): Promise<FastifyReply> {
  const encoding = negotiateEncoding(reply.request);
  const doc = await renderedDocument(
    page.body,
    null,
    encoding ? [encoding] : [],
  );
  return sendKept(reply, {
    status: page.status,
    doc,
    surrogateKeys: page.surrogateKeys,
  });
}

export async function sendPage(
  deps: SiteDeps,
  reply: FastifyReply,
  page: PageSpec,
): Promise<FastifyReply> {
  return sendRendered(reply, await renderPage(deps, page));
}

/**
 * The page cache's key for a request: its URL, with the host in front for an edition served on
 * its own host (`ar.journal.example/` is not the French `/`). Other hosts are not in the key, so
 * a made-up Host header cannot fill the cache. The fast path (fastPath.ts) peeks with the same key.
 */
export function pageKey(
  editionHosts: ReadonlySet<string> | undefined,
  host: string | undefined,
  url: string,
): string {
  if (editionHosts === undefined || editionHosts.size === 0)
    return `page:${url}`;
  const h = host?.toLowerCase();
  return h !== undefined && editionHosts?.has(h)
    ? `page:${h}${url}`
    : `page:${url}`;
}

/**
 * Until when an edition page holds with no event (issue #20): the day's end in the site's time
 * zone (« اليوم » becomes « أمس », the date in the header) and the next embargo ending.
 */
export async function editionPageValidUntil(deps: SiteDeps): Promise<Date> {
  const now = deps.clock.now();
  const embargoEnd = await keptEmbargoEnd(deps);
  return pageLifetime(now, deps.site.timeZone, embargoEnd, true, {
    title: '',
    description: '',
    canonicalPath: '',
    main: '',
    surrogateKeys: [],
  });
}

/**
 * A public page route whose response is kept (per URL: the bytes, their brotli and gzip forms,
 * each made the first time a reader takes it, the ETag of each) until an event changes the
 * public articles or the sections, tags and authors (the event bus says so), or time alone
 * changes it (pageLifetime). A request for a kept page costs no I/O, and no hashing or
 * compressing once its form was made. Errors (404, 410) are never kept.
 */
export function pageRoute(
  deps: SiteDeps,
  build: (request: FastifyRequest) => Promise<PageSpec>,
) {
  return keptPageRoute(deps, async (request) =>
    renderPage(deps, await build(request)),
  );
}

/** pageRoute for a page rendered another way (the edition pages render with their own layout). */
export function keptPageRoute(
  deps: SiteDeps,
  render: (request: FastifyRequest) => Promise<RenderedPage>,
) {
  return async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply> => {
    if (!deps.pages) return sendRendered(reply, await render(request));
    const encoding = negotiateEncoding(request);
    const kept = await deps.pages.get(
      pageKey(deps.editionHosts, request.headers.host, request.url),
      ['articles', 'taxonomy'],
      async () => {
        const rendered = await render(request);
        const page = await keepPage(rendered, encoding);
        return {
          value: page,
          bytes: keptPageBytes(page),
          validUntil: rendered.validUntil,
        };
      },
    );
    if (encoding) await encodeOnce(kept, encoding);
    deps.fast?.sending(request, kept, kept.doc);
    return sendKept(reply, kept);
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { DerivedCache } from './derivedCache.ts';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../domain/clock.ts';
import type { SiteConfig } from '../../config.ts';
import { listSections } from '../../db/repos/taxonomy.ts';
import { DEFAULT_EDITION } from '../../domain/editions.ts';
import { layout, type PageShell } from '../../views/site/layout.ts';
import { paths } from '../../presenters/urls.ts';
import { dailyFigure } from '../../db/repos/audience.ts';
import { dayKey, previousDay } from '../../domain/frenchDates.ts';
import { presentLegalAudience } from '../../presenters/audience.ts';
import { FRESH_CACHE, NO_STORE } from '../cacheControl.ts';
import {
  documentBytes,
  negotiateEncoding,
  renderedDocument,
  sendDocument,
  type RenderedDocument,
} from './documentResponse.ts';

export interface SiteDeps {
  db: Db;
  clock: Clock;
  site: SiteConfig;
  stylesheet: string;
  /** The live fil info script and where a page's copy of the fil info resumes from (absent: no live updates). */
  live?: { script: string; resumeId(): Promise<number> };
  /** The audience beacon script's URL (absent: pages are not counted). */
  beacon?: string;
  /** Rendered pages, kept until an event changes what readers may see (absent: render every time). */
  pages?: DerivedCache;
}

export type PageSpec = PageShell & {
  currentSection?: string;
  surrogateKeys: string[];
  status?: number;
  live?: { section?: string };
  articleId?: number;
  /** The database is out of reach: the page is drawn from configuration alone (no section menu, no live updates). */
  withoutDatabase?: boolean;
};
export interface RenderedPage {
  status: number;
  body: string;
  surrogateKeys: string[];
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
  const [sections, since, audience] = page.withoutDatabase
    ? [[], null, null]
    : await Promise.all([
        listSections(deps.db, DEFAULT_EDITION),
        page.live && deps.live ? deps.live.resumeId() : null,
        dailyFigure(deps.db, previousDay(dayKey(now, deps.site.timeZone))),
      ]);
  const status = page.status ?? 200;
  const body = layout(
    {
      site: deps.site,
      now,
      stylesheet: deps.stylesheet,
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
  return { status, body, surrogateKeys: page.surrogateKeys };
}

/** A page as it is kept and sent: its bytes, compressed forms and ETag, made once. */
export interface KeptPage {
  status: number;
  doc: RenderedDocument;
  surrogateKeys: string[];
}

/** Every compressed form, for a page that will be sent many times. */
async function keepPage(page: RenderedPage): Promise<KeptPage> {
  return {
    status: page.status,
    doc: await renderedDocument(page.body, null),
    surrogateKeys: page.surrogateKeys,
  };
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

/** How long a rendered page may be served without any event: « Hier », embargoes ending. */
const PAGE_TTL_MS = 60_000;

/**
 * A public page route whose response is kept (per URL: the bytes, their brotli and gzip forms,
 * the ETag of each) until an event changes the public articles or the sections, tags and authors
 * (the event bus says so), or a minute passes. A request for a kept page costs no I/O and no
 * hashing or compressing. Errors (404, 410) are never kept.
 */
export function pageRoute(
  deps: SiteDeps,
  build: (request: FastifyRequest) => Promise<PageSpec>,
) {
  return async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply> => {
    if (!deps.pages)
      return sendRendered(reply, await renderPage(deps, await build(request)));
    const kept = await deps.pages.get(
      `page:${request.url}`,
      ['articles', 'taxonomy'],
      async () => {
        const page = await keepPage(
          await renderPage(deps, await build(request)),
        );
        return {
          value: page,
          bytes: documentBytes(page.doc),
          validUntil: new Date(deps.clock.now().getTime() + PAGE_TTL_MS),
        };
      },
    );
    return sendKept(reply, kept);
  };
}

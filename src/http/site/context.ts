import type { FastifyReply } from 'fastify';
import type { Db } from '../../db/database.ts';
import type { Clock } from '../../domain/clock.ts';
import type { SiteConfig } from '../../config.ts';
import { listSections } from '../../db/repos/taxonomy.ts';
import { layout, type PageShell } from '../../views/site/layout.ts';
import { paths } from '../../presenters/urls.ts';

export interface SiteDeps {
  db: Db;
  clock: Clock;
  site: SiteConfig;
  stylesheet: string;
  /** The live fil info script and where a page's copy of the fil info resumes from (absent: no live updates). */
  live?: { script: string; resumeId(): Promise<number> };
}

/** How long a CDN or the browser may keep a public page, and serve it stale while refetching. */
export const PUBLIC_CACHE = 'public, max-age=60, s-maxage=60, stale-while-revalidate=600, stale-if-error=86400';

/**
 * Renders a public page inside the layout, with cache headers and surrogate keys (`home`,
 * `article:12`, `section:sport`) so a CDN or the page cache can purge precisely.
 */
export async function sendPage(deps: SiteDeps, reply: FastifyReply, page: PageShell & { currentSection?: string; surrogateKeys: string[]; status?: number; live?: { section?: string } }): Promise<FastifyReply> {
  const [sections, since] = await Promise.all([listSections(deps.db), page.live && deps.live ? deps.live.resumeId() : null]);
  const body = layout({
    site: deps.site,
    now: deps.clock.now(),
    stylesheet: deps.stylesheet,
    ...(deps.live && since !== null ? { live: { script: deps.live.script, since, ...(page.live?.section ? { section: page.live.section } : {}) } } : {}),
    sections: sections.map((s) => ({ name: s.name, url: paths.section(s.slug), current: s.slug === page.currentSection })),
  }, page);
  const status = page.status ?? 200;
  reply.code(status).type('text/html; charset=utf-8')
    .header('Cache-Control', status >= 500 ? 'no-store' : PUBLIC_CACHE)
    .header('Surrogate-Key', page.surrogateKeys.join(' '));
  return reply.send(body);
}


import type { FastifyInstance } from 'fastify';
import type { SiteDeps } from './context.ts';
import { pageRoute } from './context.ts';
import { listPublished } from '../../db/repos/articles.ts';
import { listSections } from '../../db/repos/taxonomy.ts';
import { DEFAULT_EDITION } from '../../domain/editions.ts';
import { presentTeaser } from '../../presenters/article.ts';
import { groupFilInfo } from '../../presenters/filInfo.ts';
import { paths } from '../../presenters/urls.ts';
import { homeView } from '../../views/site/home.ts';
import { homeHead } from './pageHeads.ts';
import { mostReadBlock, mostReadValidUntil } from './mostRead.ts';
import { homeLiveBlogsBlock } from './liveBlogsBlock.ts';
import { liveStatesOf } from '../../db/repos/liveBlogs.ts';

export const FIL_INFO_SIZE = 15;

export function homeRoute(app: FastifyInstance, deps: SiteDeps): void {
  app.get(
    '/',
    pageRoute(deps, async () => {
      const now = deps.clock.now();
      const { db, site } = deps;
      const [featured, latest, sections] = await Promise.all([
        listPublished(db, { now, limit: 1, featuredOnly: true }),
        listPublished(db, { now, limit: FIL_INFO_SIZE }),
        listSections(db, DEFAULT_EDITION),
      ]);
      const lead = featured.items[0] ?? latest.items[0] ?? null;
      const shown = lead ? [lead.id] : [];
      const top = await listPublished(db, { now, limit: 4, excludeIds: shown });
      const blocks = await Promise.all(
        sections.map(async (s) => ({
          name: s.name,
          url: paths.section(s.slug),
          items: (
            await listPublished(db, {
              now,
              limit: 4,
              sectionId: s.id,
              excludeIds: shown,
            })
          ).items.map((a) => presentTeaser(a, site)),
        })),
      );
      const main = homeView({
        siteName: site.name,
        lead: lead ? presentTeaser(lead, site) : null,
        topStories: top.items.map((a) => presentTeaser(a, site)),
        filInfo: groupFilInfo(
          latest.items,
          now,
          site,
          await liveStatesOf(
            db,
            latest.items.map((a) => a.id),
          ),
        ),
        sectionBlocks: blocks,
      });
      return {
        title: site.name,
        description: site.tagline,
        canonicalPath: '/',
        head: homeHead(site),
        main:
          (await homeLiveBlogsBlock(deps)) + main + (await mostReadBlock(deps)),
        bodyClass: 'home',
        surrogateKeys: ['home', 'fil-info'],
        validUntil: mostReadValidUntil(now),
        live: {},
      };
    }),
  );
}

import type { FastifyInstance } from 'fastify';
import type { SiteDeps } from './context.ts';
import { pageRoute } from './context.ts';
import {
  listNewestPerSection,
  listPublishedRecords,
  withRelations,
} from '../../db/repos/articles.ts';
import type { ArticleRecord } from '../../domain/articleRecord.ts';
import {
  LATEST_SIZE,
  knownRelations,
  latestArticles,
  menuSections,
} from './keptData.ts';
import { presentTeaser } from '../../presenters/article.ts';
import { groupFilInfo } from '../../presenters/filInfo.ts';
import { paths } from '../../presenters/urls.ts';
import { homeView } from '../../views/site/home.ts';
import { homeHead } from './pageHeads.ts';
import { mostReadBlock, mostReadValidUntil } from './mostRead.ts';
import { homeLiveBlogsBlock } from './liveBlogsBlock.ts';

export const FIL_INFO_SIZE = LATEST_SIZE;

export function homeRoute(app: FastifyInstance, deps: SiteDeps): void {
  app.get(
    '/',
    pageRoute(deps, async () => {
      const now = deps.clock.now();
      const { db, site } = deps;
      const [known, featured, latest, sections] = await Promise.all([
        knownRelations(deps),
        listPublishedRecords(db, { now, limit: 1, featuredOnly: true }),
        latestArticles(deps, FIL_INFO_SIZE),
        menuSections(deps),
      ]);
      const leadRecord = featured[0] ?? latest.items[0] ?? null;
      const shown = leadRecord ? [leadRecord.id] : [];
      // The newest four but the lead: the fil info's first lines, read already.
      const top = latest.items.filter((a) => a.id !== leadRecord?.id);
      const perSection = await listNewestPerSection(db, {
        now,
        sectionIds: sections.map((s) => s.id),
        limit: 4,
        excludeIds: shown,
      });
      // The relations of every article the page lists but the fil info's, in one load.
      const listed = new Map<number, ArticleRecord>();
      for (const a of [...featured, ...[...perSection.values()].flat()])
        listed.set(a.id, a);
      const withLinks = new Map(
        (await withRelations(db, [...listed.values()], known)).map((a) => [
          a.id,
          a,
        ]),
      );
      for (const a of latest.items) withLinks.set(a.id, a);
      const lead = leadRecord ? (withLinks.get(leadRecord.id) ?? null) : null;
      const blocks = sections.map((s) => ({
        name: s.name,
        url: paths.section(s.slug),
        items: (perSection.get(s.id) ?? []).map((a) =>
          presentTeaser(withLinks.get(a.id)!, site),
        ),
      }));
      const main = homeView({
        siteName: site.name,
        lead: lead ? presentTeaser(lead, site) : null,
        topStories: top.slice(0, 4).map((a) => presentTeaser(a, site)),
        filInfo: groupFilInfo(latest.items, now, site, latest.liveStates),
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

import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { listFeedArticles, type FeedFilter } from '../../db/repos/feeds.ts';
import { nextEmbargoEnd } from '../../db/repos/sitemaps.ts';
import {
  findAuthorBySlug,
  findPublicTagBySlug,
  findSectionBySlug,
} from '../../db/repos/taxonomy.ts';
import {
  FEED_IMAGE_WIDTH,
  presentFeed,
  presentFeedItem,
  type FeedModel,
  type FeedScopeView,
} from '../../presenters/feed.ts';
import {
  absoluteUrl,
  FEED_FORMATS,
  feedPath,
  type FeedFormat,
} from '../../presenters/distributionUrls.ts';
import { paths } from '../../presenters/urls.ts';
import { renderAtom } from '../../views/feeds/atom.ts';
import { renderJsonFeed } from '../../views/feeds/jsonFeed.ts';
import { renderRss } from '../../views/feeds/rss.ts';
import { AppError } from '../../errors.ts';
import { editionWords } from '../../views/site/edition.ts';
import {
  editionKey,
  pageUrl,
  sendKeptDocument,
  siteDate,
  type DistributionDeps,
} from './distributionDeps.ts';
import {
  documentBytes,
  renderedDocument,
  type RenderedDocument,
} from './documentResponse.ts';
import { FRESH_CACHE } from '../cacheControl.ts';

/** How many articles a feed carries: a day of a busy newsroom. */
export const FEED_SIZE = 30;

interface FeedScope extends FeedScopeView {
  key: string;
  filter: FeedFilter;
}

type Resolver = (
  deps: DistributionDeps,
  slug: string,
) => Promise<FeedScope | null>;

/** A tag's and an author's feed description, in the edition's language. */
function describe(deps: DistributionDeps) {
  if (!deps.edition)
    return {
      tag: (name: string) => `Les derniers articles sur le sujet : ${name}.`,
      author: (name: string) => `Les derniers articles de ${name}.`,
    };
  const w = editionWords(deps.edition.language);
  return { tag: w.feedTag, author: w.feedAuthor };
}

const scoped: Record<string, Resolver> = {
  '/rubrique/:slug': async (deps, slug) => {
    // An edition's section feeds are its own sections'.
    const s = await findSectionBySlug(deps.db, slug, deps.edition?.code);
    return (
      s && {
        key: `section:${s.slug}`,
        basePath: paths.section(s.slug),
        title: s.name,
        description: s.description,
        filter: { sectionId: s.id },
      }
    );
  },
  '/sujet/:slug': async (deps, slug) => {
    const t = await findPublicTagBySlug(deps.db, slug, deps.clock.now());
    return (
      t && {
        key: `tag:${t.slug}`,
        basePath: paths.tag(t.slug),
        title: t.name,
        description: describe(deps).tag(t.name),
        filter: { tagId: t.id },
      }
    );
  },
  '/auteur/:slug': async (deps, slug) => {
    const a = await findAuthorBySlug(deps.db, slug);
    return (
      a && {
        key: `author:${a.slug}`,
        basePath: paths.author(a.slug),
        title: a.name,
        description: describe(deps).author(a.name),
        filter: { authorId: a.id },
      }
    );
  },
};

const siteScope = (deps: DistributionDeps): FeedScope => ({
  key: 'site',
  basePath: '/',
  title: deps.edition?.name ?? deps.site.name,
  description: deps.edition?.name ?? deps.site.tagline,
  filter: {},
});

const params = z.object({ slug: z.string().min(1).max(300) });

/**
 * The site's feeds at /feed.xml (RSS), /feed.atom and /feed.json, and the same three under every
 * section, tag and author page: /rubrique/sport/feed.xml, /sujet/can-2025/feed.atom… An
 * edition's (issue #20) under its prefix or on its host: /ar/feed.atom, /ar/rubrique/iqtisad/feed.json.
 */
export function feedRoutes(app: FastifyInstance, deps: DistributionDeps): void {
  const prefix = deps.edition?.prefix ?? '';
  const options = deps.edition?.routeOptions ?? {};
  for (const format of Object.keys(FEED_FORMATS) as FeedFormat[]) {
    const file = `/feed.${FEED_FORMATS[format].extension}`;
    app.get(prefix + file, options, async (request, reply) =>
      sendKeptDocument(
        deps,
        request,
        reply,
        await feedDocument(deps, siteScope(deps), format),
        feedHeaders(deps, format, siteScope(deps)),
      ),
    );
    for (const [base, resolve] of Object.entries(scoped)) {
      app.get(prefix + base + file, options, async (request, reply) => {
        const parsed = params.safeParse(request.params);
        if (!parsed.success) throw new AppError('not_found');
        const scope = await resolve(deps, parsed.data.slug);
        if (!scope) throw new AppError('not_found');
        return sendKeptDocument(
          deps,
          request,
          reply,
          await feedDocument(deps, scope, format),
          feedHeaders(deps, format, scope),
        );
      });
    }
  }
}

/** WebSub discovery also reads HTTP headers: the hub and the topic URL the hub knows the feed by. */
function feedHeaders(
  deps: DistributionDeps,
  format: FeedFormat,
  scope: FeedScope,
) {
  const self = deps.edition
    ? pageUrl(deps, feedPath(scope.basePath, format))
    : absoluteUrl(deps.site, feedPath(scope.basePath, format));
  return {
    type: `${FEED_FORMATS[format].type}; charset=utf-8`,
    cacheControl: FRESH_CACHE,
    surrogateKeys: ['feeds', `feed:${editionKey(deps, scope.key)}`],
    links: deps.settings.websubHub
      ? [`<${deps.settings.websubHub}>; rel="hub"`, `<${self}>; rel="self"`]
      : [],
  };
}

async function feedDocument(
  deps: DistributionDeps,
  scope: FeedScope,
  format: FeedFormat,
): Promise<RenderedDocument> {
  const generation = await deps.cache.sync();
  return deps.cache.get(
    editionKey(deps, `feed:${format}:${scope.key}`),
    ['articles', 'taxonomy'],
    async () => {
      const model = await feedModel(deps, scope, generation);
      const date = siteDate(deps);
      const body =
        format === 'rss'
          ? renderRss(model)
          : format === 'atom'
            ? renderAtom(model, date)
            : renderJsonFeed(model, date);
      const doc = await renderedDocument(body, deps.clock.now());
      return {
        value: doc,
        bytes: documentBytes(doc),
        validUntil: await nextEmbargoEnd(deps.db, deps.clock.now()),
      };
    },
    generation,
  );
}

/** The items of a scope, shared by its three formats. */
function feedModel(
  deps: DistributionDeps,
  scope: FeedScope,
  generation: number,
): Promise<FeedModel> {
  return deps.cache.get(
    editionKey(deps, `feed-model:${scope.key}`),
    ['articles', 'taxonomy'],
    async () => {
      const now = deps.clock.now();
      const [articles, validUntil] = await Promise.all([
        listFeedArticles(deps.db, {
          ...scope.filter,
          now,
          limit: FEED_SIZE,
          withBody: deps.settings.feedFullText,
          ...(deps.edition ? { edition: deps.edition.code } : {}),
        }),
        nextEmbargoEnd(deps.db, now),
      ]);
      const edition = feedEdition(deps);
      const items = articles.map((a) =>
        presentFeedItem(a, deps.site, deps.settings.feedFullText, edition),
      );
      // An RSS enclosure states its length in bytes: the rendition is made now if it never was.
      await Promise.all(
        articles.map(async (a, i) => {
          const image = items[i]!.image;
          // A missing original (see `newsdesk media check`) costs the enclosure its length, not the feed.
          if (a.coverPicture && image)
            image.length = await deps.media.renditions
              .byteLength(a.coverPicture, '16x9', FEED_IMAGE_WIDTH, 'jpeg')
              .catch(() => undefined);
        }),
      );
      const model = presentFeed(scope, items, deps.site, {
        hub: deps.settings.websubHub,
        logoPath: deps.brand.logo.path,
        ...(edition ? { edition } : {}),
      });
      const bytes = items.reduce(
        (n, i) =>
          n +
          2 *
            (i.title.length + i.summary.length + (i.contentHtml?.length ?? 0)) +
          500,
        1000,
      );
      return { value: model, bytes, validUntil };
    },
    generation,
  );
}

function feedEdition(deps: DistributionDeps) {
  const e = deps.edition;
  return e ? { base: e.base, language: e.language, name: e.name } : undefined;
}

import type { Queryable } from '../db/database.ts';
import type { SiteConfig } from '../config.ts';
import type { EventName } from './names.ts';
import type { EventBus } from './bus.ts';
import type { StoredEvent } from '../db/repos/events.ts';
import { listFeedScopesOf } from '../db/repos/feeds.ts';
import { firstPublicationsOf } from '../db/repos/articles.ts';
import { articleEditions } from '../db/repos/editions.ts';
import { DEFAULT_EDITION, type Edition } from '../domain/editions.ts';
import {
  FEED_FORMATS,
  feedPath,
  type FeedFormat,
} from '../presenters/distributionUrls.ts';
import { editionUrls } from '../presenters/edition.ts';
import { paths } from '../presenters/urls.ts';

/** The events after which a feed has something new for subscribers. */
const PING_EVENTS: readonly EventName[] = [
  'articles.publish',
  'articles.update',
  'articles.correct',
];

const PARALLEL_PINGS = 4;

export interface WebSubLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface WebSubOptions {
  db: Queryable;
  /** Committed events, in order, with a poll behind lost signals: nothing to retry here. */
  bus: EventBus;
  hubUrl: string;
  site: SiteConfig;
  /** The other editions whose feeds this process serves (read at start, like their routes). */
  editions?: readonly Edition[];
  log: WebSubLog;
  timeoutMs?: number;
}

export interface WebSubPinger {
  stop(): void;
  /** Resolves when every ping under way has been sent (tests). */
  idle(): Promise<void>;
}

/**
 * Tells a WebSub hub that feeds changed, so subscribers get an article within seconds instead of
 * at their next poll. It runs outside the request and the transaction: it is poked after an event
 * is recorded, reads committed events from the table, and POSTs `hub.mode=publish` for the feeds
 * of the article's edition (the site's, or another edition's under its prefix or host) and those
 * of its section, tags and authors in that edition. A slow or failing hub is logged,
 * never felt by the journalist who published.
 */
export async function startWebSubPinger(
  options: WebSubOptions,
): Promise<WebSubPinger> {
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  const pingFor = async (articleIds: number[]): Promise<void> => {
    const firsts = await firstPublicationsOf(options.db, articleIds);
    const publicIds = articleIds.filter((id) => firsts.get(id)); // drafts are in no feed
    if (publicIds.length === 0 || stopped) return;
    const urls = await topicUrls(options, publicIds);
    for (let i = 0; i < urls.length; i += PARALLEL_PINGS) {
      await Promise.all(
        urls.slice(i, i + PARALLEL_PINGS).map((url) => ping(options, url)),
      );
    }
  };

  // The bus waits for its listeners: queue the pings and return at once, so a slow hub never
  // holds back the live fil info or any other subscriber. Late events (committed after the bus
  // stopped waiting for them) still change a feed: take them too.
  const unsubscribe = await options.bus.subscribe(
    (events: StoredEvent[]) => {
      const ids = [
        ...new Set(
          events
            .filter((e) => e.articleId !== null && PING_EVENTS.includes(e.name))
            .map((e) => e.articleId!),
        ),
      ];
      if (ids.length === 0 || stopped) return;
      chain = chain
        .then(() => pingFor(ids))
        .catch((err: unknown) =>
          options.log.warn({ err }, 'websub: could not ping'),
        );
    },
    { late: true },
  );
  return {
    stop() {
      stopped = true;
      unsubscribe();
    },
    idle: () => chain,
  };
}

/**
 * Every feed the articles appear in: their edition's, and their sections', tags' and authors'
 * in that edition, in each format. An edition this process does not serve has no feeds yet.
 */
async function topicUrls(
  options: WebSubOptions,
  articleIds: number[],
): Promise<string[]> {
  const byEdition = new Map<string, number[]>();
  for (const a of await articleEditions(options.db, articleIds))
    byEdition.set(a.edition, [...(byEdition.get(a.edition) ?? []), a.id]);
  const urls: string[] = [];
  for (const [code, ids] of byEdition) {
    const root = feedRoot(options, code);
    if (root === null) continue;
    const scopes = await listFeedScopesOf(options.db, ids);
    const bases = [
      '/',
      ...scopes.sections.map(paths.section),
      ...scopes.tags.map(paths.tag),
      ...scopes.authors.map(paths.author),
    ];
    for (const base of bases)
      for (const f of Object.keys(FEED_FORMATS) as FeedFormat[])
        urls.push(root + feedPath(base, f));
  }
  return urls;
}

/** Where an edition's feed paths start: the site's address, or the edition's prefix or host. */
function feedRoot(options: WebSubOptions, code: string): string | null {
  if (code === DEFAULT_EDITION) return options.site.url;
  const edition = options.editions?.find((e) => e.code === code);
  return edition ? editionUrls(options.site, edition).base : null;
}

async function ping(options: WebSubOptions, topic: string): Promise<void> {
  try {
    const response = await fetch(options.hubUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        'hub.mode': 'publish',
        'hub.url': topic,
      }).toString(),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
    });
    await response.body?.cancel();
    if (response.ok)
      options.log.info({ hub: options.hubUrl, topic }, 'websub: hub notified');
    else
      options.log.warn(
        { hub: options.hubUrl, topic, status: response.status },
        'websub: hub refused the ping',
      );
  } catch (err) {
    options.log.warn(
      {
        hub: options.hubUrl,
        topic,
        err: err instanceof Error ? err.message : String(err),
      },
      'websub: hub unreachable',
    );
  }
}

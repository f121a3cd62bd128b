import type { Queryable } from '../db/database.ts';
import type { SiteConfig } from '../config.ts';
import type { EventName } from './names.ts';
import type { EventSink } from './eventSink.ts';
import { EventCursor } from './eventCursor.ts';
import { listFeedScopesOf } from '../db/repos/feeds.ts';
import { firstPublicationsOf } from '../db/repos/sitemaps.ts';
import { absoluteUrl, FEED_FORMATS, feedPath, type FeedFormat } from '../presenters/distributionUrls.ts';
import { paths } from '../presenters/urls.ts';

/** The events after which a feed has something new for subscribers. */
const PING_EVENTS: readonly EventName[] = ['articles.publish', 'articles.update', 'articles.correct'];

/**
 * After a poke, look again a little later too: the poke can come before the transaction that
 * recorded the event has committed (PostgreSQL), and then there is nothing to read yet.
 */
const DEFAULT_RETRY_DELAYS_MS = [0, 250, 2_000, 10_000];
const PARALLEL_PINGS = 4;

export interface WebSubLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface WebSubOptions {
  db: Queryable;
  events: EventSink;
  hubUrl: string;
  site: SiteConfig;
  log: WebSubLog;
  timeoutMs?: number;
  retryDelaysMs?: number[];
}

export interface WebSubPinger {
  stop(): void;
  /** Resolves when every ping under way has been sent (tests). */
  idle(): Promise<void>;
}

/**
 * Tells a WebSub hub that feeds changed, so subscribers get an article within seconds instead of
 * at their next poll. It runs outside the request and the transaction: it is poked after an event
 * is recorded, reads committed events from the table, and POSTs `hub.mode=publish` for the site's
 * feeds and those of the article's section, tags and authors. A slow or failing hub is logged,
 * never felt by the journalist who published.
 */
export async function startWebSubPinger(options: WebSubOptions): Promise<WebSubPinger> {
  const cursor = await EventCursor.atEnd(options.db);
  const timers = new Set<NodeJS.Timeout>();
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;

  const drain = async (): Promise<void> => {
    const articleIds = new Set<number>();
    let more = true;
    while (more && !stopped) {
      const polled = await cursor.poll();
      for (const e of polled.events) if (e.articleId !== null && PING_EVENTS.includes(e.name)) articleIds.add(e.articleId);
      more = polled.more;
    }
    if (articleIds.size === 0 || stopped) return;
    const firsts = await firstPublicationsOf(options.db, [...articleIds]);
    const publicIds = [...articleIds].filter((id) => firsts.get(id)); // drafts are in no feed
    if (publicIds.length === 0) return;
    const urls = await topicUrls(options, publicIds);
    for (let i = 0; i < urls.length; i += PARALLEL_PINGS) {
      await Promise.all(urls.slice(i, i + PARALLEL_PINGS).map((url) => ping(options, url)));
    }
  };

  const schedule = () => {
    if (stopped) return;
    for (const delay of options.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        chain = chain.then(drain).catch((err: unknown) => options.log.warn({ err }, 'websub: could not read events'));
      }, delay);
      timer.unref();
      timers.add(timer);
    }
  };

  const unsubscribe = options.events.onRecorded(schedule);
  return {
    stop() {
      stopped = true;
      unsubscribe();
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
    idle: () => chain,
  };
}

/** Every feed the articles appear in: the site's, and their sections', tags' and authors', in each format. */
async function topicUrls(options: WebSubOptions, articleIds: number[]): Promise<string[]> {
  const scopes = await listFeedScopesOf(options.db, articleIds);
  const bases = ['/', ...scopes.sections.map(paths.section), ...scopes.tags.map(paths.tag), ...scopes.authors.map(paths.author)];
  return bases.flatMap((base) => (Object.keys(FEED_FORMATS) as FeedFormat[]).map((f) => absoluteUrl(options.site, feedPath(base, f))));
}

async function ping(options: WebSubOptions, topic: string): Promise<void> {
  try {
    const response = await fetch(options.hubUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topic }).toString(),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5_000),
    });
    await response.body?.cancel();
    if (response.ok) options.log.info({ hub: options.hubUrl, topic }, 'websub: hub notified');
    else options.log.warn({ hub: options.hubUrl, topic, status: response.status }, 'websub: hub refused the ping');
  } catch (err) {
    options.log.warn({ hub: options.hubUrl, topic, err: err instanceof Error ? err.message : String(err) }, 'websub: hub unreachable');
  }
}

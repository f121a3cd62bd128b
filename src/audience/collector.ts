import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import { dayKey } from '../domain/frenchDates.ts';
import {
  addViews,
  addVisitors,
  hourOf,
  sectionsOfPublicArticles,
  type ViewCount,
} from '../db/repos/audience.ts';
import { DailySalt } from './dailySalt.ts';
import type { ReferrerKind } from './referrerKind.ts';

/** One page view, as the beacon route accepted it (bots, Do Not Track and GPC already left out). */
export interface PageView {
  address: string;
  userAgent: string;
  /** The article read, or null for any other page (home, section fronts). */
  articleId: number | null;
  referrer: ReferrerKind;
}

export interface CollectorOptions {
  db: Db;
  clock: Clock;
  timeZone: string;
  /** How often the counters in memory are added to the database. */
  flushMs: number;
  onError?: (error: unknown) => void;
}

/** How long an article's section (or its absence from the public site) is remembered. */
const ARTICLE_TTL_MS = 60_000;
const MAX_ARTICLES_REMEMBERED = 20_000;

/**
 * Counts page views in memory and adds them to the database every `flushMs`, as counters per
 * hour, article, section and referrer kind, and as the day's set of visitor hashes. No view is
 * ever written as such: what a flush writes is sums, so thousands of beacons a second cost a
 * few statements. Each process has its own collector; counters add up and hashes are unique by
 * key, so several processes never count a visitor twice.
 */
export class AudienceCollector {
  readonly #options: CollectorOptions;
  readonly #salt: DailySalt;
  #views = new Map<string, ViewCount>();
  #visitors = new Map<string, Set<string>>();
  readonly #articles = new Map<
    number,
    { sectionId: number | null; public: boolean; until: number }
  >();
  readonly #lookups = new Map<
    number,
    Promise<{ sectionId: number | null; public: boolean }>
  >();
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> = Promise.resolve();

  constructor(options: CollectorOptions) {
    this.#options = options;
    this.#salt = new DailySalt(options.db);
  }

  /** Counts one view; false when it names an article readers cannot see (nothing is counted). */
  async count(view: PageView): Promise<boolean> {
    const now = this.#options.clock.now();
    let sectionId = 0;
    if (view.articleId !== null) {
      const article = await this.#article(view.articleId, now);
      if (!article.public) return false;
      sectionId = article.sectionId ?? 0;
    }
    const day = this.#day(now);
    const visitor = await this.#salt.visitor(day, view.address, view.userAgent);
    const hour = hourOf(now);
    const articleId = view.articleId ?? 0;
    const key = `${hour.getTime()}|${articleId}|${sectionId}|${view.referrer}`;
    const counted = this.#views.get(key);
    if (counted) counted.views += 1;
    else
      this.#views.set(key, {
        hour,
        articleId,
        sectionId,
        referrer: view.referrer,
        views: 1,
      });
    let seen = this.#visitors.get(day);
    if (!seen) this.#visitors.set(day, (seen = new Set()));
    seen.add(visitor);
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, this.#options.flushMs).unref();
    return true;
  }

  /** Every time zone's days start on a whole minute: the day is computed once a minute. */
  #dayMinute = Number.NaN;
  #dayKey = '';
  #day(now: Date): string {
    const minute = Math.floor(now.getTime() / 60_000);
    if (minute !== this.#dayMinute) {
      this.#dayMinute = minute;
      this.#dayKey = dayKey(now, this.#options.timeZone);
    }
    return this.#dayKey;
  }

  /** Adds what is counted in memory to the database now (tests, shutdown, the timer). */
  flush(): Promise<void> {
    this.#flushing = this.#flushing.then(() => this.#write());
    return this.#flushing;
  }

  /** Stops the timer and writes what is left. */
  async close(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.flush();
  }

  async #write(): Promise<void> {
    const views = this.#views;
    const visitors = this.#visitors;
    if (views.size === 0 && visitors.size === 0) return;
    this.#views = new Map();
    this.#visitors = new Map();
    try {
      await this.#options.db.transaction().execute(async (tx) => {
        await addViews(tx, [...views.values()]);
        for (const [day, hashes] of visitors)
          await addVisitors(tx, day, [...hashes]);
      });
    } catch (error) {
      // Keep the counts for the next flush rather than lose them to a passing database fault.
      for (const [key, c] of views) {
        const again = this.#views.get(key);
        if (again) again.views += c.views;
        else this.#views.set(key, c);
      }
      for (const [day, hashes] of visitors) {
        const again = this.#visitors.get(day);
        if (again) for (const h of hashes) again.add(h);
        else this.#visitors.set(day, hashes);
      }
      this.#timer ??= setTimeout(() => {
        this.#timer = null;
        void this.flush();
      }, this.#options.flushMs).unref();
      this.#options.onError?.(error);
    }
  }

  async #article(
    id: number,
    now: Date,
  ): Promise<{ sectionId: number | null; public: boolean }> {
    const known = this.#articles.get(id);
    if (known && known.until > now.getTime()) return known;
    let lookup = this.#lookups.get(id);
    if (!lookup) {
      lookup = sectionsOfPublicArticles(this.#options.db, [id], now)
        .then((found) => {
          const entry = {
            sectionId: found.get(id) ?? null,
            public: found.has(id),
            until: now.getTime() + ARTICLE_TTL_MS,
          };
          if (this.#articles.size >= MAX_ARTICLES_REMEMBERED)
            this.#articles.clear();
          this.#articles.set(id, entry);
          return entry;
        })
        .finally(() => this.#lookups.delete(id));
      this.#lookups.set(id, lookup);
    }
    return lookup;
  }
}

import type { Queryable } from '../db/database.ts';
import type { StoredEvent } from '../db/repos/events.ts';
import { firstPublicationsOf } from '../db/repos/articles.ts';
import { monthKey } from '../domain/months.ts';
import type { EventBus } from './bus.ts';
import type { EventSink } from './eventSink.ts';

/**
 * What a change can affect, for caches of public documents:
 * - `articles`: the public list of articles (feeds, the news sitemap, listings' sitemaps);
 * - `taxonomy`: sections, tags, authors (names, slugs, the news sitemap switch), editions;
 * - `redirects`: old addresses answered with a 301 (imports, `newsdesk redirects import`);
 * - `month:YYYY-MM`: the articles first published that month (one monthly sitemap);
 * - `*`: anything (a change that could not be sorted).
 */
export type ChangeScope =
  | 'articles'
  | 'taxonomy'
  | 'redirects'
  | '*'
  | `month:${string}`;

/**
 * How long after recording an event this process keeps catching the bus up for it before
 * serving from the caches. It is normally delivered at once; one still missing this long after
 * was rolled back (or waits behind another process's gap, which the grace settles sooner).
 */
const OWN_WRITE_SETTLE_MS = 10_000;

export interface ChangeTrackerDeps {
  db: Queryable;
  bus: EventBus;
  /** This process's own writes, so that a request right after one sees it. */
  sink: EventSink;
}

/**
 * Remembers, per scope, the generation in which it last changed, from the events the bus
 * delivers (a subscriber: it reads nothing per request). A cache entry built at generation G is
 * fresh while none of its scopes changed after G. Several processes on one PostgreSQL agree
 * because each one's bus hears the others' NOTIFY; nothing here is a source of truth, only a
 * memory of what was delivered.
 */
export class ChangeTracker {
  readonly #deps: ChangeTrackerDeps;
  #generation = 0;
  readonly #touched = new Map<string, number>();
  #subscribed: Promise<unknown> | null = null;
  #listening = false;

  constructor(deps: ChangeTrackerDeps) {
    this.#deps = deps;
  }

  get generation(): number {
    return this.#generation;
  }

  /**
   * The generation to build at. Costs no I/O, except: the first call subscribes to the bus
   * (whatever was built before that is not in memory), and while an event this process recorded
   * is not yet delivered the bus is caught up first, so a request right after a publish in this
   * process sees it.
   */
  async sync(): Promise<number> {
    const { bus } = this.#deps;
    if (!this.#subscribed) {
      const subscribing = bus.subscribe((events) => this.#apply(events), {
        late: true,
      });
      this.#subscribed = subscribing;
      subscribing.then(
        () => {
          if (this.#subscribed === subscribing) this.#listening = true;
        },
        () => {},
      );
      // A failed start (database down) is not remembered: the next request tries again.
      subscribing.catch(() => {
        if (this.#subscribed === subscribing) this.#subscribed = null;
      });
    }
    await this.#subscribed;
    if (this.#ownWritePending()) await bus.catchUp();
    return this.#generation;
  }

  /**
   * Whether `sync()` would resolve at once with nothing to read: the bus is followed and every
   * event this process recorded has been delivered. The pages' fast path (http/site/fastPath.ts)
   * answers without awaiting anything only then; otherwise the request takes the normal path.
   */
  get settled(): boolean {
    return this.#listening && !this.#ownWritePending();
  }

  #ownWritePending(): boolean {
    const { bus, sink } = this.#deps;
    const own = sink.lastRecorded;
    return (
      own !== null &&
      own.id > (bus.delivered ?? own.id) &&
      Date.now() - own.at < OWN_WRITE_SETTLE_MS
    );
  }

  /** Whether nothing in `scopes` changed after generation `builtAt`. */
  isFresh(scopes: readonly ChangeScope[], builtAt: number): boolean {
    if ((this.#touched.get('*') ?? 0) > builtAt) return false;
    return scopes.every((s) => (this.#touched.get(s) ?? 0) <= builtAt);
  }

  async #apply(events: StoredEvent[]): Promise<void> {
    let scopes: Set<ChangeScope>;
    try {
      scopes = await this.#scopesOf(events);
    } catch (error) {
      // Not knowing what changed must not leave anything stale.
      this.#touch(new Set(['*']));
      throw error;
    }
    this.#touch(scopes);
  }

  #touch(scopes: Set<ChangeScope>): void {
    if (scopes.size === 0) return;
    this.#generation++;
    for (const s of scopes) this.#touched.set(s, this.#generation);
  }

  /**
   * Article events count only for articles that were ever public (first_published_at set, and
   * kept forever): drafts being saved do not empty the caches. An article's month never changes.
   */
  async #scopesOf(events: StoredEvent[]): Promise<Set<ChangeScope>> {
    const scopes = new Set<ChangeScope>();
    const articleIds = new Set<number>();
    for (const e of events) {
      const family = e.name.slice(0, e.name.indexOf('.'));
      if (family === 'articles' && e.articleId !== null)
        articleIds.add(e.articleId);
      else if (family === 'articles') scopes.add('*');
      else if (
        family === 'sections' ||
        family === 'tags' ||
        family === 'authors' ||
        // The editions a page links to (hreflang), kept with the sections (http/site/keptData.ts).
        family === 'editions'
      )
        scopes.add('taxonomy');
      else if (family === 'redirects') scopes.add('redirects');
      // A new crop or file changes the picture URLs pages and feeds carry (old ones redirect meanwhile).
      else if (
        e.name === 'media.update' ||
        e.name === 'media.replace' ||
        e.name === 'media.delete'
      )
        scopes.add('articles');
    }
    if (articleIds.size) {
      const firsts = await firstPublicationsOf(this.#deps.db, [...articleIds]);
      for (const id of articleIds) {
        if (!firsts.has(id)) {
          scopes.add('*');
          continue;
        } // gone from the table: where was it?
        const first = firsts.get(id);
        if (!first) continue;
        scopes.add('articles');
        scopes.add(`month:${monthKey(first)}`);
      }
    }
    return scopes;
  }
}

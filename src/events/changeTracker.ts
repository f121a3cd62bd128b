import type { Queryable } from '../db/database.ts';
import type { StoredEvent } from '../db/repos/events.ts';
import { maxEventId } from '../db/repos/events.ts';
import { firstPublicationsOf } from '../db/repos/sitemaps.ts';
import { monthKey } from '../domain/months.ts';
import { EventCursor } from './eventCursor.ts';

/**
 * What a change can affect, for caches of public documents:
 * - `articles`: the public list of articles (feeds, the news sitemap, listings' sitemaps);
 * - `taxonomy`: sections, tags, authors (names, slugs, the news sitemap switch);
 * - `month:YYYY-MM`: the articles first published that month (one monthly sitemap);
 * - `*`: anything (more changes than are worth sorting).
 */
export type ChangeScope = 'articles' | 'taxonomy' | '*' | `month:${string}`;

const PAGES_PER_SYNC = 20;

/**
 * Follows the events table and remembers, per scope, the generation in which it last changed.
 * A cache entry built at generation G is fresh while none of its scopes changed after G. Every
 * process follows the table itself, so several processes on one PostgreSQL agree without
 * talking to each other; nothing here is a source of truth, only a memory of what was read.
 */
export class ChangeTracker {
  readonly #db: Queryable;
  #cursor: EventCursor | null = null;
  #generation = 0;
  readonly #touched = new Map<string, number>();
  #syncing: Promise<number> | null = null;

  constructor(db: Queryable) {
    this.#db = db;
  }

  get generation(): number { return this.#generation; }

  /** Reads events committed since the last sync (one cheap query when there are none). */
  sync(): Promise<number> {
    this.#syncing ??= this.#sync().finally(() => { this.#syncing = null; });
    return this.#syncing;
  }

  /** Whether nothing in `scopes` changed after generation `builtAt`. */
  isFresh(scopes: readonly ChangeScope[], builtAt: number): boolean {
    if ((this.#touched.get('*') ?? 0) > builtAt) return false;
    return scopes.every((s) => (this.#touched.get(s) ?? 0) <= builtAt);
  }

  async #sync(): Promise<number> {
    if (!this.#cursor) {
      // Whatever was built before this process started is not in memory: start from now.
      this.#cursor = await EventCursor.atEnd(this.#db);
      return this.#generation;
    }
    const cursor = this.#cursor;
    if (!cursor.hasPending && (await maxEventId(this.#db)) <= cursor.position) return this.#generation;
    const events: StoredEvent[] = [];
    let more = true;
    for (let page = 0; page < PAGES_PER_SYNC && more; page++) {
      const polled = await cursor.poll();
      events.push(...polled.events);
      more = polled.more;
    }
    const scopes = await this.#scopesOf(events);
    if (more) scopes.add('*');
    if (scopes.size) {
      this.#generation++;
      for (const s of scopes) this.#touched.set(s, this.#generation);
    }
    return this.#generation;
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
      if (family === 'articles' && e.articleId !== null) articleIds.add(e.articleId);
      else if (family === 'articles') scopes.add('*');
      else if (family === 'sections' || family === 'tags' || family === 'authors') scopes.add('taxonomy');
      // A new crop or file changes the picture URLs pages and feeds carry (old ones redirect meanwhile).
      else if (e.name === 'media.update' || e.name === 'media.replace' || e.name === 'media.delete') scopes.add('articles');
    }
    if (articleIds.size) {
      const firsts = await firstPublicationsOf(this.#db, [...articleIds]);
      for (const id of articleIds) {
        if (!firsts.has(id)) { scopes.add('*'); continue; } // gone from the table: where was it?
        const first = firsts.get(id);
        if (!first) continue;
        scopes.add('articles');
        scopes.add(`month:${monthKey(first)}`);
      }
    }
    return scopes;
  }
}

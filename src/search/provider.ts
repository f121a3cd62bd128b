import type { Queryable } from '../db/database.ts';
import type { ArticleStatus } from '../domain/article.ts';
import type { ParsedQuery } from './query.ts';

/**
 * The search index behind one small interface, with a SQLite FTS5 implementation and a
 * PostgreSQL tsvector one (db/repos/search/). Both receive terms already normalised in
 * TypeScript (search/normalize.ts), so matching is the same on both; they differ only in how
 * they store terms and rank matches. Every article is indexed whatever its status: readers'
 * searches apply the public read scope at query time, newsroom searches a caller-given filter.
 * Both take the MAX_CANDIDATES most recent matches allowed, then rank them (or sort by date).
 */
export interface SearchProvider {
  readonly dialect: 'sqlite' | 'postgres';
  /** Writes or replaces the entries of these articles. */
  upsert(db: Queryable, docs: IndexDocument[]): Promise<void>;
  remove(db: Queryable, articleId: number): Promise<void>;
  /** Whether the article has an entry (status-only events only add missing ones). */
  has(db: Queryable, articleId: number): Promise<boolean>;
  /** Number of indexed articles. */
  count(db: Queryable): Promise<number>;
  /** Whether no article is indexed: one row read, where count reads the whole index. */
  isEmpty(db: Queryable): Promise<boolean>;
  /** Drops entries whose article no longer exists. */
  removeOrphans(db: Queryable): Promise<void>;
  /** Empties the index before a full rebuild (which must end with `optimize`). */
  clear(db: Queryable): Promise<void>;
  /** Compacts the index, or builds what `clear` set aside, after a bulk load. */
  optimize(db: Queryable): Promise<void>;
  /** Bytes the index takes on disk (tables and indexes), for the benchmark and operators. */
  sizeInBytes(db: Queryable): Promise<number>;
  /** What readers may find: the public read scope is part of the query. */
  searchPublic(
    db: Queryable,
    request: PublicSearchRequest,
  ): Promise<SearchResultPage>;
  /** What the newsroom may find: statuses, sections and authorship as the caller's policy allows. */
  searchNewsroom(
    db: Queryable,
    request: NewsroomSearchRequest,
  ): Promise<SearchResultPage>;
}

/**
 * One article's index terms, per field (the output of `indexTerms`), and the facts the index
 * keeps beside them so that it can pick the most recent matches without reading every article.
 * The article row stays the authority: readers' results are filtered through it again.
 */
export interface IndexDocument {
  articleId: number;
  title: string[];
  lead: string[];
  body: string[];
  status: ArticleStatus;
  sectionId: number | null;
  createdAt: Date;
  publishedAt: Date | null;
  deletedAt: Date | null;
}

/**
 * A query ranks at most this many matches: the most recent ones. Ranking multiplies relevance
 * by recency, so an older match rarely ranks first, and the cap bounds the cost of a query that
 * matches half the archive. It is also the deepest a reader can page (50 pages of 20).
 */
export const MAX_CANDIDATES = 1000;

export type SearchSort = 'relevance' | 'date';

export interface Ranking {
  /**
   * Relevance is multiplied by 0.5^(age in days / halfLifeDays): between two equally relevant
   * articles the newer wins, and a much more relevant old one can still beat a new one.
   */
  halfLifeDays: number;
}

interface BaseRequest {
  query: ParsedQuery;
  sort: SearchSort;
  limit: number;
  offset: number;
  now: Date;
  ranking: Ranking;
}

export interface PublicSearchRequest extends BaseRequest {
  sectionId?: number;
  /** The edition searched (db/repos/publicScope.ts): the default one when absent. */
  edition?: string;
  /** Published at or after `from`, strictly before `until`. */
  from?: Date;
  until?: Date;
}

/** What a newsroom user may see, as the caller's policy decides it. */
export interface NewsroomVisibility {
  statuses: readonly ArticleStatus[];
  /** Only these sections (undefined: all). */
  sectionIds?: readonly number[];
  /** Only articles this user created or signs (undefined: anyone's). */
  authorUserId?: number;
}

export interface NewsroomSearchRequest extends BaseRequest {
  visibility: NewsroomVisibility;
}

export interface SearchHit {
  articleId: number;
  score: number;
}

export interface SearchResultPage {
  hits: SearchHit[];
  /** Matches, counted up to MAX_CANDIDATES. */
  total: number;
  /** False when there were more matches than MAX_CANDIDATES (« plus de 1 000 résultats »). */
  totalIsExact: boolean;
}

/** Column weights: a word in the title counts more than in the lead, which counts more than in the body. */
export const FIELD_WEIGHTS = { title: 10, lead: 4, body: 1 } as const;

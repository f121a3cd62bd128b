import { actorId, type Actor, type CommandContext } from './context.ts';
import type { ArticleStatus } from '../domain/article.ts';
import {
  insertArticleLinksInBulk,
  insertArticlesInBulk,
  insertRevisionsInBulk,
} from '../db/repos/bulkInsert.ts';
import {
  findMapped,
  insertRedirects,
  recordMapped,
  takenArticleSlugs,
} from '../db/repos/imports.ts';
import {
  findSectionBySlug,
  findTagBySlug,
  insertAuthor,
  insertSection,
  insertTag,
} from '../db/repos/taxonomy.ts';
import { findAuthorBySlug } from '../db/repos/taxonomy.ts';
import { findArticleLinks } from '../db/repos/articles.ts';
import { findMediaByIds, setArticleMediaUses } from '../db/repos/media.ts';
import { bodyArticleIds, bodyMediaIds } from '../domain/markdown.ts';
import type {
  AnalysisInput,
  ArticleAnalysis,
} from '../editorial/articleAnalysis.ts';
import {
  sharedAnalysisPool,
  type AnalysisPool,
} from '../editorial/analysisPool.ts';
import { addTagAlias } from '../db/repos/tagAliases.ts';
import type { SearchProvider } from '../search/provider.ts';
import { NewArticleIndex } from '../editorial/indexer.ts';
import { isValidSlug, slugFromTitle } from '../domain/slug.ts';
import { paths } from '../presenters/urls.ts';
import type { RevisionSnapshot } from '../db/repos/revisions.ts';
import type { Queryable } from '../db/database.ts';

/** An article as an importer read it, with references to the source's own ids. */
export interface ImportedArticle {
  sourceId: string;
  status: ArticleStatus;
  title: string;
  slug: string;
  lead: string;
  bodySource: string;
  /** Source ids of the section, bylines and tags (created first with `ensure…`). */
  sectionKey: string | null;
  authorKeys: string[];
  tagKeys: string[];
  createdAt: Date;
  publishedAt: Date | null;
  modifiedAt: Date | null;
  scheduledAt: Date | null;
  deletedAt: Date | null;
  seoTitle: string | null;
  seoDescription: string | null;
  /** Old paths (`/2010/07/02/post/`) that answer 301 to the article's new address. */
  oldPaths: string[];
  /** A cover from the media library (re-hosted by the importer). */
  cover: {
    mediaId: number;
    url: string;
    alt: string;
    caption: string | null;
    credit: string | null;
  } | null;
}

/** Articles per chunk of a batch: analysed by one worker, then written in a few statements. */
const CHUNK = 50;

export type TermKind = 'section' | 'tag' | 'author';

export interface BatchResult {
  imported: number;
  /** Already imported by an earlier run (matched by source id): left as they are. */
  unchanged: number;
  redirects: number;
}

/**
 * The bulk write path of imports: the same repositories as the one-article commands, but a
 * batch of articles per transaction, with the derived indexes (search, editorial: duplicate
 * guard, related articles, section model) filled for the whole batch in that transaction, and
 * one summary event (`articles.import`) instead of one per article: caches and other processes
 * learn of the batch at once. Every record is matched by its source id (`import_map`), so an
 * interrupted import resumes where it stopped and a second run changes nothing.
 */
export class ImportWriter {
  readonly #ctx: CommandContext;
  readonly #search: SearchProvider;
  readonly #source: string;
  readonly #actor: Actor;
  readonly #terms = new Map<string, number>();
  readonly #pool: AnalysisPool;

  /** `pool`: where the text analysis runs (the process's shared worker pool by default). */
  constructor(
    ctx: CommandContext,
    search: SearchProvider,
    source: string,
    actor: Actor,
    pool: AnalysisPool = sharedAnalysisPool(),
  ) {
    this.#ctx = ctx;
    this.#search = search;
    this.#source = source;
    this.#actor = actor;
    this.#pool = pool;
  }

  /** The id of an already imported section, tag or author, or undefined. */
  termId(kind: TermKind, key: string): number | undefined {
    return this.#terms.get(`${kind}:${key}`);
  }

  /**
   * A section, tag or author for the source's `key`: the one an earlier run made, one of the
   * same slug (a newsroom's existing « Politique » is reused), or a new one with its event.
   * A new tag takes the kind (and aliases) `classify` gives, asked only then (import/tagKinds.ts).
   * Returns the id and whether it was created now.
   */
  async ensureTerm(
    kind: TermKind,
    key: string,
    wanted: {
      slug: string;
      name: string;
      description?: string;
      classify?: () => { kind: string; aliases: readonly string[] };
    },
  ): Promise<{ id: number; created: boolean }> {
    const known = this.termId(kind, key);
    if (known !== undefined) return { id: known, created: false };
    const now = this.#ctx.clock.now();
    const slug = isValidSlug(wanted.slug)
      ? wanted.slug
      : slugFromTitle(wanted.slug || wanted.name) || `${kind}-${key}`;
    const name = wanted.name.trim() || slug;
    const result = await this.#ctx.db.transaction().execute(async (tx) => {
      const mapped = (await findMapped(tx, this.#source, kind, [key])).get(key);
      if (mapped !== undefined) return { id: mapped, created: false };
      const existing = await findTerm(tx, kind, slug);
      if (existing !== null) {
        await recordMapped(
          tx,
          [{ source: this.#source, kind, sourceId: key, targetId: existing }],
          now,
        );
        return { id: existing, created: false };
      }
      const tagKind =
        kind === 'tag'
          ? (wanted.classify?.() ?? { kind: 'topic', aliases: [] })
          : null;
      const id =
        kind === 'section'
          ? await insertSection(
              tx,
              {
                slug,
                name,
                description: wanted.description ?? '',
                position: 100,
              },
              now,
            )
          : kind === 'tag'
            ? await insertTag(tx, { slug, name, kind: tagKind!.kind }, now)
            : await insertAuthor(
                tx,
                { slug, name, bio: wanted.description ?? '', userId: null },
                now,
              );
      for (const alias of tagKind?.aliases ?? [])
        if (slugFromTitle(alias) !== slug)
          await addTagAlias(tx, id, alias, slugFromTitle(alias));
      await recordMapped(
        tx,
        [{ source: this.#source, kind, sourceId: key, targetId: id }],
        now,
      );
      await this.#ctx.events.record(tx, {
        name:
          kind === 'section'
            ? 'sections.create'
            : kind === 'tag'
              ? 'tags.create'
              : 'authors.create',
        actorId: actorId(this.#actor),
        payload: {
          slug,
          import: this.#source,
          ...(tagKind ? { kind: tagKind.kind } : {}),
        },
        at: now,
      });
      return { id, created: true };
    });
    this.#terms.set(`${kind}:${key}`, result.id);
    return result;
  }

  /**
   * Writes a batch of articles in one transaction (see the class). The text analysis (body
   * rendering, search terms, term bags, entities) runs in worker threads, a chunk at a time:
   * the main thread writes each chunk while the workers analyse the next.
   */
  async writeBatch(articles: readonly ImportedArticle[]): Promise<BatchResult> {
    if (!articles.length) return { imported: 0, unchanged: 0, redirects: 0 };
    const now = this.#ctx.clock.now();
    return this.#ctx.db.transaction().execute(async (tx) => {
      const mapped = await findMapped(
        tx,
        this.#source,
        'article',
        articles.map((a) => a.sourceId),
      );
      const seen = new Set<string>();
      const fresh = articles.filter((a) => {
        if (mapped.has(a.sourceId) || seen.has(a.sourceId)) return false;
        seen.add(a.sourceId);
        return true;
      });
      const unchanged = articles.length - fresh.length;
      if (!fresh.length) return { imported: 0, unchanged, redirects: 0 };
      const slugs = await this.#freeSlugs(tx, fresh);
      // What the bodies refer to, looked up once for the batch.
      const pictures = await findMediaByIds(
        tx,
        fresh.flatMap((a) => bodyMediaIds(a.bodySource)),
      );
      const links = await findArticleLinks(
        tx,
        fresh.flatMap((a) => bodyArticleIds(a.bodySource)),
      );
      const inputs = fresh.map(
        (a): AnalysisInput => ({
          title: a.title,
          lead: a.lead,
          bodySource: a.bodySource,
          pictures: only(pictures, bodyMediaIds(a.bodySource)),
          links: only(links, bodyArticleIds(a.bodySource)),
        }),
      );
      const starts = [];
      for (let i = 0; i < fresh.length; i += CHUNK) starts.push(i);
      // Every chunk goes to the pool at once; a failed write leaves later results unread.
      const analyses = starts.map((i) =>
        this.#pool.analyse(inputs.slice(i, i + CHUNK)),
      );
      for (const p of analyses) p.catch(() => {});
      const ids: number[] = [];
      let redirects = 0;
      const editorial = new NewArticleIndex(tx, now);
      for (const [k, i] of starts.entries()) {
        const analysed = await analyses[k]!;
        const written = await this.#writeChunk(
          tx,
          editorial,
          fresh.slice(i, i + CHUNK).map((a, j) => ({
            a,
            slug: slugs[i + j]!,
            analysis: analysed[j]!,
          })),
          now,
        );
        ids.push(...written.ids);
        redirects += written.redirects;
      }
      await editorial.finish();
      await this.#ctx.events.record(tx, {
        name: 'articles.import',
        actorId: actorId(this.#actor),
        payload: {
          source: this.#source,
          count: ids.length,
          firstId: Math.min(...ids),
          lastId: Math.max(...ids),
          redirects,
        },
        at: now,
      });
      return { imported: ids.length, unchanged, redirects };
    });
  }

  /** Writes analysed articles and their derived index entries; returns their ids in order. */
  async #writeChunk(
    tx: Queryable,
    editorial: NewArticleIndex,
    chunk: { a: ImportedArticle; slug: string; analysis: ArticleAnalysis }[],
    now: Date,
  ): Promise<{ ids: number[]; redirects: number }> {
    const prepared = chunk.map(({ a, slug, analysis }) => ({
      a,
      slug,
      analysis,
      sectionId:
        a.sectionKey === null
          ? null
          : (this.termId('section', a.sectionKey) ?? null),
      authorIds: [
        ...new Set(
          a.authorKeys
            .map((k) => this.termId('author', k))
            .filter((id) => id !== undefined),
        ),
      ],
      tagIds: [
        ...new Set(
          a.tagKeys
            .map((k) => this.termId('tag', k))
            .filter((id) => id !== undefined),
        ),
      ],
    }));
    const iso = (d: Date | null) => d?.toISOString() ?? null;
    const ids = await insertArticlesInBulk(
      tx,
      prepared.map(({ a, slug, analysis, sectionId }) => ({
        slug,
        title: a.title,
        lead: a.lead,
        body_source: a.bodySource,
        body_html: analysis.html,
        status: a.status,
        section_id: sectionId,
        is_featured: false,
        is_breaking: false,
        cover_url: a.cover?.url ?? null,
        cover_alt: a.cover?.alt ?? null,
        cover_caption: a.cover?.caption ?? null,
        cover_credit: a.cover?.credit ?? null,
        cover_media_id: a.cover?.mediaId ?? null,
        seo_title: a.seoTitle,
        seo_description: a.seoDescription,
        correction_note: null,
        created_by: actorId(this.#actor),
        created_at: a.createdAt.toISOString(),
        updated_at: (a.modifiedAt ?? a.createdAt).toISOString(),
        first_published_at: iso(a.publishedAt),
        published_at: iso(a.publishedAt),
        modified_at: iso(a.modifiedAt),
        scheduled_at: iso(a.scheduledAt),
        deleted_at: iso(a.deletedAt),
      })),
    );
    await insertArticleLinksInBulk(
      tx,
      prepared.flatMap((p, i) =>
        p.authorIds.map((authorId, position) => ({
          article_id: ids[i]!,
          author_id: authorId,
          position,
        })),
      ),
      prepared.flatMap((p, i) =>
        p.tagIds.map((tagId, position) => ({
          article_id: ids[i]!,
          tag_id: tagId,
          position,
        })),
      ),
    );
    await insertRevisionsInBulk(
      tx,
      prepared.map((p, i) => {
        const snapshot: RevisionSnapshot = {
          title: p.a.title,
          slug: p.slug,
          lead: p.a.lead,
          bodySource: p.a.bodySource,
          sectionId: p.sectionId,
          authorIds: p.authorIds,
          tagIds: p.tagIds,
          featured: false,
          breaking: false,
          seoTitle: p.a.seoTitle,
          seoDescription: p.a.seoDescription,
          cover: p.a.cover,
          correctionNote: null,
        };
        return {
          article_id: ids[i]!,
          version: 1,
          snapshot: JSON.stringify(snapshot),
          user_id: actorId(this.#actor),
          created_at: now.toISOString(),
        };
      }),
    );
    await recordMapped(
      tx,
      prepared.map((p, i) => ({
        source: this.#source,
        kind: 'article',
        sourceId: p.a.sourceId,
        targetId: ids[i]!,
      })),
      now,
    );
    const redirects = await insertRedirects(
      tx,
      prepared.flatMap((p, i) =>
        p.a.oldPaths
          .filter((from) => from !== paths.article(p.slug))
          .map((fromPath) => ({
            fromPath,
            toPath: paths.article(p.slug),
            articleId: ids[i]!,
          })),
      ),
      now,
    );
    // "Where used" for the pictures: only articles that have some cost a statement.
    for (const [i, p] of prepared.entries()) {
      const uses = [
        ...(p.a.cover
          ? [{ mediaId: p.a.cover.mediaId, role: 'cover' as const }]
          : []),
        ...p.analysis.mediaIds.map((mediaId) => ({
          mediaId,
          role: 'body' as const,
        })),
      ];
      if (uses.length) await setArticleMediaUses(tx, ids[i]!, uses);
    }
    // The derived indexes, in the same transaction as the articles, from the analysis.
    await this.#search.upsert(
      tx,
      prepared.map((p, i) => ({
        articleId: ids[i]!,
        ...p.analysis.search,
        status: p.a.status,
        sectionId: p.sectionId,
        createdAt: p.a.createdAt,
        publishedAt: p.a.publishedAt,
        deletedAt: p.a.deletedAt,
      })),
    );
    await editorial.add(
      prepared.map((p, i) => ({
        id: ids[i]!,
        status: p.a.status,
        title: p.a.title,
        lead: p.a.lead,
        bodySource: p.a.bodySource,
        sectionId: p.sectionId,
        publishedAt: p.a.publishedAt,
        scheduledAt: p.a.scheduledAt,
        updatedAt: p.a.modifiedAt ?? p.a.createdAt,
        deletedAt: p.a.deletedAt,
        analysis: p.analysis,
      })),
    );
    return { ids, redirects };
  }

  /** Each article's slug, or the slug with -2, -3… where another article has it. */
  async #freeSlugs(
    tx: Queryable,
    articles: readonly ImportedArticle[],
  ): Promise<string[]> {
    const base = articles.map(
      (a) =>
        (isValidSlug(a.slug) ? a.slug : slugFromTitle(a.slug || a.title)) ||
        `article-${slugFromTitle(a.sourceId) || 'importe'}`,
    );
    // Free slugs: the wanted one, else -2, -3…. The first five candidates of every article are
    // asked of the database at once (a few statements per batch, not one per article); only
    // a slug taken five times over asks again.
    const candidates = (s: string, n: number) =>
      Array.from({ length: 5 }, (_, k) => (n + k === 1 ? s : `${s}-${n + k}`));
    const checked = new Set(base.flatMap((s) => candidates(s, 1)));
    const taken = await takenArticleSlugs(tx, [...checked]);
    const chosen: string[] = [];
    for (const s of base) {
      for (let n = 1; ; n += 5) {
        const unchecked = candidates(s, n).filter((c) => !checked.has(c));
        for (const c of await takenArticleSlugs(tx, unchecked)) taken.add(c);
        for (const c of unchecked) checked.add(c);
        const free = candidates(s, n).find((c) => !taken.has(c));
        if (free) {
          taken.add(free);
          chosen.push(free);
          break;
        }
      }
    }
    return chosen;
  }
}

async function findTerm(
  tx: Queryable,
  kind: TermKind,
  slug: string,
): Promise<number | null> {
  const found =
    kind === 'section'
      ? await findSectionBySlug(tx, slug)
      : kind === 'tag'
        ? await findTagBySlug(tx, slug)
        : await findAuthorBySlug(tx, slug);
  return found?.id ?? null;
}

/** The entries of `map` for `keys` (what one article's analysis needs to be sent). */
function only<V>(map: ReadonlyMap<number, V>, keys: number[]): Map<number, V> {
  const out = new Map<number, V>();
  for (const k of keys) {
    const v = map.get(k);
    if (v !== undefined) out.set(k, v);
  }
  return out;
}

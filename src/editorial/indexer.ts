import type { Queryable } from '../db/database.ts';
import { findArticleById } from '../db/repos/articles.ts';
import type { ArticleRecord } from '../domain/articleRecord.ts';
import {
  adjustTermCounts,
  deleteSignature,
  documentFrequencies,
  findSignature,
  insertSignaturesInBulk,
  replacePostings,
  saveSignature,
} from '../db/repos/editorial.ts';
import type { ArticleStatus } from '../domain/article.ts';
import { extractEntities, type Entity } from './entities.ts';
import { plainTextFromMarkdown } from './plainText.ts';
import {
  idfWeight,
  indexTerms,
  signatureOf,
  termBag,
  termKey,
  type Signature,
  type TermBag,
} from './signature.ts';

/** Articles the guard compares against: everything from draft to published, nothing withdrawn or trashed. */
export const LIVE_STATUSES: readonly ArticleStatus[] = [
  'draft',
  'review',
  'scheduled',
  'published',
];

/** How many entities an article keeps for suggestions and explanations. */
const MAX_ENTITIES = 40;

/** Days since 1970 (UTC): the inverted index's time key. */
export function dayNumber(at: Date): number {
  return Math.floor(at.getTime() / 86_400_000);
}

/** The time an article stands at in the index: when it went (or will go) online, else its last edit. */
function articleTime(
  a: Pick<
    ArticleRecord,
    'status' | 'publishedAt' | 'scheduledAt' | 'updatedAt'
  >,
): Date {
  if (a.status === 'published' && a.publishedAt) return a.publishedAt;
  if (a.status === 'scheduled' && a.scheduledAt) return a.scheduledAt;
  return a.updatedAt;
}

/** Weighs an article's terms against the published archive's document frequencies. */
export async function signatureFor(
  db: Queryable,
  bag: TermBag,
): Promise<Signature> {
  const { df, docs } = await documentFrequencies(db, bag.distinct);
  return signatureOf(bag, (t) => idfWeight(df.get(t) ?? 0, docs));
}

export function entitiesOf(text: {
  title: string;
  lead: string;
  body: string;
}) {
  return extractEntities(
    `${text.title}\n${text.lead}\n${plainTextFromMarkdown(text.body)}`,
  ).slice(0, MAX_ENTITIES);
}

/**
 * Brings an article's signature, postings and section-model counts in line with its current
 * state. Runs inside the transaction of the change that triggered it (see the processor).
 */
export async function reindexArticle(
  tx: Queryable,
  articleId: number,
  at: Date,
): Promise<void> {
  const [article, previous] = await Promise.all([
    findArticleById(tx, articleId),
    findSignature(tx, articleId),
  ]);
  const live =
    article !== null &&
    article.deletedAt === null &&
    LIVE_STATUSES.includes(article.status);
  if (!live) {
    if (
      previous?.countedSection !== null &&
      previous?.countedSection !== undefined
    )
      await adjustTermCounts(
        tx,
        previous.countedSection,
        previous.countedTerms.map((t) => [t, -1]),
        -1,
      );
    if (previous) await deleteSignature(tx, articleId);
    return;
  }
  const text = {
    title: article.title,
    lead: article.lead,
    body: article.bodySource,
  };
  const bag = termBag(text);
  const countedSection =
    article.status === 'published' ? (article.sectionId ?? 0) : null;
  await moveCounts(
    tx,
    previous?.countedSection ?? null,
    previous?.countedTerms ?? [],
    countedSection,
    bag.distinct,
  );
  const signature = await signatureFor(tx, bag);
  const day = dayNumber(articleTime(article));
  await saveSignature(
    tx,
    {
      articleId,
      status: article.status,
      day,
      sectionId: article.sectionId,
      signature,
      entities: entitiesOf(text),
      countedSection,
      countedTerms: countedSection === null ? [] : bag.distinct,
    },
    at,
  );
  await replacePostings(tx, articleId, indexTerms(signature).map(termKey), day);
}

/**
 * An article as the bulk writer has it in memory: the fields the index reads, and its text's
 * term bag and entities when they were already computed (see articleAnalysis.ts).
 */
export type NewArticle = Pick<
  ArticleRecord,
  | 'id'
  | 'status'
  | 'title'
  | 'lead'
  | 'bodySource'
  | 'sectionId'
  | 'publishedAt'
  | 'scheduledAt'
  | 'updatedAt'
  | 'deletedAt'
> & { analysis?: { bag: TermBag; entities: Entity[] } };

/**
 * Indexes articles that have just been created (an import batch: none has a signature yet) and
 * leaves the index exactly as `reindexArticle` called on each of them in id order would: each
 * article's weights read the document frequencies with every earlier article of the batch, and
 * itself, counted. One is made per batch and fed its articles a chunk at a time (`add`, chunks in
 * id order), then `finish` writes the counts. The frequencies are read once per term for the
 * whole batch and moved in memory; the counts are summed per section over the batch and written
 * once (a term used in many chunks is one row, not one per chunk), signatures and postings a few
 * thousand rows per statement.
 */
export class NewArticleIndex {
  readonly #tx: Queryable;
  readonly #at: Date;
  /** Published articles' frequencies: the archive's as read, plus this batch's so far. */
  readonly #df = new Map<string, number>();
  #docs: number | null = null;
  /** What the batch counts, per section: term → articles, and the number of articles. */
  readonly #counted = new Map<
    number,
    { terms: Map<string, number>; articles: number }
  >();

  constructor(tx: Queryable, at: Date) {
    this.#tx = tx;
    this.#at = at;
  }

  /** Signs and files `articles` (ids above every earlier chunk's); counts wait for `finish`. */
  async add(articles: readonly NewArticle[]): Promise<void> {
    const live = [...articles]
      .filter((a) => a.deletedAt === null && LIVE_STATUSES.includes(a.status))
      .sort((a, b) => a.id - b.id);
    if (!live.length) return;
    const withBags = live.map((article) => {
      const text = {
        title: article.title,
        lead: article.lead,
        body: article.bodySource,
      };
      return {
        article,
        bag: article.analysis?.bag ?? termBag(text),
        entities: article.analysis?.entities ?? entitiesOf(text),
      };
    });
    // Only terms the batch has not met yet are read: the others' counts are in memory.
    const df = this.#df;
    const { df: read, docs: archived } = await documentFrequencies(
      this.#tx,
      withBags.flatMap((b) => b.bag.distinct).filter((t) => !df.has(t)),
    );
    for (const t of new Set(withBags.flatMap((b) => b.bag.distinct)))
      if (!df.has(t)) df.set(t, read.get(t) ?? 0);
    this.#docs ??= archived;
    const rows = [];
    for (const { article, bag, entities } of withBags) {
      const countedSection =
        article.status === 'published' ? (article.sectionId ?? 0) : null;
      if (countedSection !== null) {
        this.#docs += 1;
        let section = this.#counted.get(countedSection);
        if (!section)
          this.#counted.set(
            countedSection,
            (section = { terms: new Map(), articles: 0 }),
          );
        section.articles += 1;
        for (const t of bag.distinct) {
          df.set(t, df.get(t)! + 1);
          section.terms.set(t, (section.terms.get(t) ?? 0) + 1);
        }
      }
      const docs = this.#docs;
      const signature = signatureOf(bag, (t) =>
        idfWeight(df.get(t) ?? 0, docs),
      );
      rows.push({
        signature: {
          articleId: article.id,
          status: article.status,
          day: dayNumber(articleTime(article)),
          sectionId: article.sectionId,
          signature,
          entities,
          countedSection,
          countedTerms: countedSection === null ? [] : bag.distinct,
        },
        termKeys: indexTerms(signature).map(termKey),
      });
    }
    await insertSignaturesInBulk(this.#tx, rows, this.#at);
  }

  /** Writes the batch's counts (sections in id order, like `moveCounts`: no deadlock with a concurrent move). */
  async finish(): Promise<void> {
    for (const id of [...this.#counted.keys()].sort((a, b) => a - b)) {
      const { terms, articles } = this.#counted.get(id)!;
      await adjustTermCounts(this.#tx, id, [...terms], articles);
    }
    this.#counted.clear();
  }
}

/** Takes back what was counted and counts what is now, touching only the terms that changed. */
async function moveCounts(
  tx: Queryable,
  fromSection: number | null,
  fromTerms: string[],
  toSection: number | null,
  toTerms: string[],
): Promise<void> {
  if (fromSection !== null && fromSection === toSection) {
    const before = new Set(fromTerms),
      after = new Set(toTerms);
    const deltas: [string, number][] = [
      ...fromTerms
        .filter((t) => !after.has(t))
        .map((t): [string, number] => [t, -1]),
      ...toTerms
        .filter((t) => !before.has(t))
        .map((t): [string, number] => [t, 1]),
    ];
    if (deltas.length) await adjustTermCounts(tx, fromSection, deltas, 0);
    return;
  }
  // Sections in id order, like terms: concurrent moves between two sections cannot deadlock.
  const moves: [number, [string, number][], number][] = [];
  if (fromSection !== null)
    moves.push([fromSection, fromTerms.map((t) => [t, -1]), -1]);
  if (toSection !== null)
    moves.push([toSection, toTerms.map((t) => [t, 1]), 1]);
  for (const [section, deltas, articles] of moves.sort((a, b) => a[0] - b[0]))
    await adjustTermCounts(tx, section, deltas, articles);
}

import type { Queryable } from '../database.ts';
import { fromJson } from '../schema.ts';
import type { Signature } from '../../editorial/signature.ts';
import type { Entity } from '../../editorial/entities.ts';
import type { ArticleStatus } from '../../domain/article.ts';

/*
 * The editorial index: signatures, the inverted index of distinctive terms by day, and the term
 * counts the section model and IDF weights read. Kept up to date by the editorial processor.
 */

export interface SignatureRow {
  articleId: number;
  status: ArticleStatus;
  day: number;
  sectionId: number | null;
  signature: Signature;
  entities: Entity[];
  countedSection: number | null;
  countedTerms: string[];
}

type RawSignature = {
  article_id: number;
  status: string;
  day: number;
  section_id: number | null;
  signature: string;
  entities: string;
  counted_section: number | null;
  counted_terms: string | null;
};

function toSignatureRow(r: RawSignature): SignatureRow {
  return {
    articleId: r.article_id,
    status: r.status as ArticleStatus,
    day: r.day,
    sectionId: r.section_id,
    signature: fromJson<Signature>(r.signature),
    entities: fromJson<Entity[]>(r.entities),
    countedSection: r.counted_section,
    countedTerms: r.counted_terms ? r.counted_terms.split(' ') : [],
  };
}

const SIGNATURE_COLUMNS = [
  'article_id',
  'status',
  'day',
  'section_id',
  'signature',
  'entities',
  'counted_section',
  'counted_terms',
] as const;

export async function findSignature(
  db: Queryable,
  articleId: number,
): Promise<SignatureRow | null> {
  const row = await db
    .selectFrom('editorial_signatures')
    .select(SIGNATURE_COLUMNS)
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return row ? toSignatureRow(row) : null;
}

export async function findSignatures(
  db: Queryable,
  articleIds: number[],
): Promise<SignatureRow[]> {
  if (articleIds.length === 0) return [];
  const rows = await db
    .selectFrom('editorial_signatures')
    .select(SIGNATURE_COLUMNS)
    .where('article_id', 'in', articleIds)
    .execute();
  return rows.map(toSignatureRow);
}

export async function saveSignature(
  db: Queryable,
  row: SignatureRow,
  at: Date,
): Promise<void> {
  const values = {
    status: row.status,
    day: row.day,
    section_id: row.sectionId,
    signature: JSON.stringify(row.signature),
    entities: JSON.stringify(row.entities),
    counted_section: row.countedSection,
    counted_terms: row.countedTerms.length ? row.countedTerms.join(' ') : null,
    updated_at: at.toISOString(),
  };
  await db
    .insertInto('editorial_signatures')
    .values({ article_id: row.articleId, ...values })
    .onConflict((oc) => oc.column('article_id').doUpdateSet(values))
    .execute();
}

export async function deleteSignature(
  db: Queryable,
  articleId: number,
): Promise<void> {
  await db
    .deleteFrom('editorial_postings')
    .where('article_id', '=', articleId)
    .execute();
  await db
    .deleteFrom('editorial_signatures')
    .where('article_id', '=', articleId)
    .execute();
}

/** Files an article under its terms for `day`, replacing whatever it was filed under. */
export async function replacePostings(
  db: Queryable,
  articleId: number,
  termKeys: number[],
  day: number,
): Promise<void> {
  await db
    .deleteFrom('editorial_postings')
    .where('article_id', '=', articleId)
    .execute();
  const unique = [...new Set(termKeys)];
  if (unique.length)
    await db
      .insertInto('editorial_postings')
      .values(unique.map((term) => ({ term, day, article_id: articleId })))
      .execute();
}

/**
 * Signatures and postings of articles that have none yet (a batch just imported), a few
 * thousand rows per statement instead of three statements per article.
 */
export async function insertSignaturesInBulk(
  db: Queryable,
  rows: readonly { signature: SignatureRow; termKeys: number[] }[],
  at: Date,
): Promise<void> {
  const signatures = rows.map(({ signature: row }) => ({
    article_id: row.articleId,
    status: row.status,
    day: row.day,
    section_id: row.sectionId,
    signature: JSON.stringify(row.signature),
    entities: JSON.stringify(row.entities),
    counted_section: row.countedSection,
    counted_terms: row.countedTerms.length ? row.countedTerms.join(' ') : null,
    updated_at: at.toISOString(),
  }));
  for (let i = 0; i < signatures.length; i += 500)
    await db
      .insertInto('editorial_signatures')
      .values(signatures.slice(i, i + 500))
      .execute();
  const postings = rows.flatMap(({ signature: row, termKeys }) =>
    [...new Set(termKeys)].map((term) => ({
      term,
      day: row.day,
      article_id: row.articleId,
    })),
  );
  for (let i = 0; i < postings.length; i += 5_000)
    await db
      .insertInto('editorial_postings')
      .values(postings.slice(i, i + 5_000))
      .execute();
}

export interface CandidateQuery {
  termKeys: number[];
  fromDay: number;
  excludeId?: number;
  /** Candidates must share at least this many terms. */
  minShared: number;
  limit: number;
}

/** Articles filed under the most of `termKeys` since `fromDay`: reads only those postings. */
export async function findCandidateIds(
  db: Queryable,
  q: CandidateQuery,
): Promise<{ articleId: number; shared: number }[]> {
  if (q.termKeys.length === 0) return [];
  let query = db
    .selectFrom('editorial_postings')
    .select(['article_id', (eb) => eb.fn.countAll<number>().as('shared')])
    .where('term', 'in', [...new Set(q.termKeys)])
    .where('day', '>=', q.fromDay);
  if (q.excludeId !== undefined)
    query = query.where('article_id', '<>', q.excludeId);
  const rows = await query
    .groupBy('article_id')
    .having((eb) => eb.fn.countAll(), '>=', q.minShared)
    .orderBy('shared', 'desc')
    .orderBy('article_id', 'desc')
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({
    articleId: r.article_id,
    shared: Number(r.shared),
  }));
}

/** How many published articles use each term (all sections), and how many there are. */
export async function documentFrequencies(
  db: Queryable,
  terms: string[],
): Promise<{ df: Map<string, number>; docs: number }> {
  // A batch of imported articles asks for tens of thousands of terms: a few thousand a statement.
  const unique = [...new Set(terms)];
  const chunks: string[][] = [];
  for (let i = 0; i < unique.length; i += 5_000)
    chunks.push(unique.slice(i, i + 5_000));
  const [parts, total] = await Promise.all([
    Promise.all(
      chunks.map((chunk) =>
        db
          .selectFrom('editorial_terms')
          .select(['term', (eb) => eb.fn.sum<number>('docs').as('n')])
          .where('term', 'in', chunk)
          .groupBy('term')
          .execute(),
      ),
    ),
    db
      .selectFrom('editorial_sections')
      .select((eb) => eb.fn.sum<number>('docs').as('n'))
      .executeTakeFirst(),
  ]);
  return {
    df: new Map(parts.flat().map((r) => [r.term, Number(r.n)])),
    docs: Number(total?.n ?? 0),
  };
}

/**
 * Moves a section's counts: each term's article count by its delta (+1 counted, -1 taken back),
 * the section's article count by `articles`. One statement per 2,000 terms, rows in term order, so
 * two transactions counting the same terms wait for each other instead of deadlocking.
 */
export async function adjustTermCounts(
  db: Queryable,
  sectionId: number,
  deltas: [term: string, delta: number][],
  articles: number,
): Promise<void> {
  const sorted = [...deltas]
    .filter(([, d]) => d !== 0)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (let i = 0; i < sorted.length; i += 2_000) {
    await db
      .insertInto('editorial_terms')
      .values(
        sorted
          .slice(i, i + 2_000)
          .map(([term, docs]) => ({ term, section_id: sectionId, docs })),
      )
      .onConflict((oc) =>
        oc.columns(['term', 'section_id']).doUpdateSet((eb) => ({
          docs: eb('editorial_terms.docs', '+', eb.ref('excluded.docs')),
        })),
      )
      .execute();
  }
  const terms = sorted.reduce((n, [, d]) => n + d, 0);
  if (articles === 0 && terms === 0) return;
  await db
    .insertInto('editorial_sections')
    .values({ section_id: sectionId, docs: articles, terms })
    .onConflict((oc) =>
      oc.column('section_id').doUpdateSet((eb) => ({
        docs: eb('editorial_sections.docs', '+', eb.ref('excluded.docs')),
        terms: eb('editorial_sections.terms', '+', eb.ref('excluded.terms')),
      })),
    )
    .execute();
}

/** The section model's counts for `terms`, and each section's totals. */
export async function sectionCounts(
  db: Queryable,
  terms: string[],
): Promise<{
  counts: { sectionId: number; term: string; docs: number }[];
  sections: { sectionId: number; docs: number; terms: number }[];
}> {
  const [counts, sections] = await Promise.all([
    terms.length
      ? db
          .selectFrom('editorial_terms')
          .select(['section_id', 'term', 'docs'])
          .where('term', 'in', [...new Set(terms)])
          .where('section_id', '>', 0)
          .where('docs', '>', 0)
          .execute()
      : [],
    db
      .selectFrom('editorial_sections')
      .select(['section_id', 'docs', 'terms'])
      .where('section_id', '>', 0)
      .where('docs', '>', 0)
      .execute(),
  ]);
  return {
    counts: counts.map((c) => ({
      sectionId: c.section_id,
      term: c.term,
      docs: Number(c.docs),
    })),
    sections: sections.map((s) => ({
      sectionId: s.section_id,
      docs: Number(s.docs),
      terms: Number(s.terms),
    })),
  };
}

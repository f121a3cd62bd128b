/*
 * The evaluation of the editorial tools, shared by `npm run eval:editorial` (eval/editorial.ts)
 * and the threshold tests (test/unit/editorialEval.test.ts). It runs the product's own functions
 * (signatures, similarity, candidate retrieval rules, section model, entity extractor) on data
 * read from ../shared at run time; nothing from there is copied into the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  idfWeight,
  indexTerms,
  signatureOf,
  termBag,
  type Signature,
  type TermBag,
} from '../src/editorial/signature.ts';
import {
  compareSignatures,
  DUPLICATE_THRESHOLD,
} from '../src/editorial/similarity.ts';
import { MAX_CANDIDATES } from '../src/editorial/duplicates.ts';
import { decideDuplicate } from '../src/editorial/duplicateModel.ts';
import {
  duplicateSignals,
  type EntitiesOfPair,
} from '../src/editorial/duplicateSignals.ts';
import {
  suggestSection,
  type SectionCounts,
} from '../src/editorial/sectionModel.ts';
import { extractEntities, type EntityKind } from '../src/editorial/entities.ts';
import { nameKey } from '../src/editorial/signature.ts';

export const SHARED = fileURLToPath(new URL('../../shared/', import.meta.url));
export const CORPUS = `${SHARED}data/fr-news/orangesum_fr_news.dev.jsonl`;
export const GROUPS = `${SHARED}data/near-duplicates/orangesum_groups.dev.jsonl`;
export const SEED = `${SHARED}seed/seed-page.txt`;
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export interface CorpusArticle {
  id: number;
  date: string;
  title: string;
  heading: string;
  article: string;
  category: string;
}

export function sharedAvailable(): boolean {
  return existsSync(CORPUS) && existsSync(GROUPS) && existsSync(SEED);
}

export function loadCorpus(): Map<number, CorpusArticle> {
  const out = new Map<number, CorpusArticle>();
  for (const line of readFileSync(CORPUS, 'utf8').split('\n')) {
    if (!line) continue;
    const a = JSON.parse(line) as CorpusArticle;
    out.set(a.id, a);
  }
  return out;
}

export type PairLabel = 'duplicate' | 'distinct' | 'ambiguous';
export interface LabelledPair {
  a: number;
  b: number;
  label: PairLabel;
  group?: number;
}

export function readPairs(file: string): LabelledPair[] {
  return (
    JSON.parse(readFileSync(FIXTURES + file, 'utf8')) as {
      pairs: LabelledPair[];
    }
  ).pairs;
}

/** Pairs of every all-identical group: exact re-publications. */
export function exactPairs(): LabelledPair[] {
  const out: LabelledPair[] = [];
  for (const line of readFileSync(GROUPS, 'utf8').split('\n')) {
    if (!line) continue;
    const g = JSON.parse(line) as {
      group: number;
      ids: number[];
      all_fields_identical: boolean;
    };
    if (!g.all_fields_identical) continue;
    for (let i = 0; i < g.ids.length; i++)
      for (let j = i + 1; j < g.ids.length; j++)
        out.push({
          a: g.ids[i]!,
          b: g.ids[j]!,
          label: 'duplicate',
          group: g.group,
        });
  }
  return out;
}

/** Signatures of corpus articles, weighted by document frequencies over `archive`. */
export function corpusSignatures(
  corpus: Map<number, CorpusArticle>,
  archive: Iterable<number>,
  wanted: Iterable<number>,
): { signatures: Map<number, Signature>; bags: Map<number, TermBag> } {
  const bags = new Map<number, TermBag>();
  const bagOf = (id: number) => {
    let b = bags.get(id);
    if (!b) {
      const a = corpus.get(id)!;
      b = termBag({ title: a.title, lead: a.heading, body: a.article });
      bags.set(id, b);
    }
    return b;
  };
  const df = new Map<string, number>();
  let docs = 0;
  for (const id of archive) {
    docs++;
    for (const t of bagOf(id).distinct) df.set(t, (df.get(t) ?? 0) + 1);
  }
  const idf = (t: string) => idfWeight(df.get(t) ?? 0, docs);
  const signatures = new Map<number, Signature>();
  for (const id of wanted) signatures.set(id, signatureOf(bagOf(id), idf));
  return { signatures, bags };
}

/** Every corpus article signed, with document frequencies over the whole corpus (as a full archive would give). */
export function corpusIdf(corpus: Map<number, CorpusArticle>): {
  signatures: Map<number, Signature>;
  bags: Map<number, TermBag>;
  idf: (t: string) => number;
} {
  const ids = [...corpus.keys()];
  const { signatures, bags } = corpusSignatures(corpus, ids, ids);
  const df = new Map<string, number>();
  for (const b of bags.values())
    for (const t of b.distinct) df.set(t, (df.get(t) ?? 0) + 1);
  return {
    signatures,
    bags,
    idf: (t: string) => idfWeight(df.get(t) ?? 0, ids.length),
  };
}

export interface Scores {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
}

export function scores(
  results: { label: PairLabel; flagged: boolean }[],
): Scores {
  let tp = 0,
    fp = 0,
    fn = 0,
    tn = 0;
  for (const r of results) {
    if (r.label === 'ambiguous') continue;
    if (r.label === 'duplicate') r.flagged ? tp++ : fn++;
    else r.flagged ? fp++ : tn++;
  }
  const precision = tp + fp ? tp / (tp + fp) : 1,
    recall = tp + fn ? tp / (tp + fn) : 1;
  return {
    tp,
    fp,
    fn,
    tn,
    precision,
    recall,
    f1:
      precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
  };
}

/**
 * The guard's decision on a pair, as deployed: the second article must be among the first's
 * MAX_CANDIDATES candidates from the inverted index (sharing at least two index terms, ranked by
 * how many), then score at least DUPLICATE_THRESHOLD. `pool` holds the other articles of the
 * window competing for the candidate slots.
 */
const termSets = new WeakMap<Signature, string[]>();
const termsOf = (s: Signature) =>
  termSets.get(s) ?? (termSets.set(s, indexTerms(s)), termSets.get(s)!);

export function guardFlags(
  a: Signature,
  b: Signature,
  pool: Signature[],
): boolean {
  return (
    isCandidate(a, b, pool) &&
    compareSignatures(a, b).score >= DUPLICATE_THRESHOLD
  );
}

/** The guard's decision as deployed now: `b` retrieved for a check of `a`, then judged by the model. */
export function guardDecides(
  a: Signature,
  b: Signature,
  pool: Signature[],
  gapDays: number,
  entities: EntitiesOfPair,
): boolean {
  return (
    isCandidate(a, b, pool) &&
    decideDuplicate(duplicateSignals(a, b, gapDays, entities)).duplicate
  );
}

/** Whether the inverted index hands `b` to a check of `a`: at least two shared index terms, and among the MAX_CANDIDATES with most. */
export function isCandidate(
  a: Signature,
  b: Signature,
  pool: Signature[],
): boolean {
  const keysA = new Set(termsOf(a));
  const shared = (s: Signature) => {
    let n = 0;
    for (const t of termsOf(s)) if (keysA.has(t)) n++;
    return n;
  };
  const mine = shared(b);
  if (mine < Math.min(2, keysA.size)) return false;
  const ahead = pool.filter((s) => s !== b && shared(s) > mine).length;
  return ahead < MAX_CANDIDATES;
}

export function daysBetween(a: CorpusArticle, b: CorpusArticle): number {
  return Math.abs(Date.parse(a.date) - Date.parse(b.date)) / 86_400_000;
}

/** The written rewrite pairs (eval/fixtures/rewrites.fr.json), scored with the given IDF source. */
export function rewritePairs(): {
  label: PairLabel;
  a: { title: string; lead: string; body: string };
  b: { title: string; lead: string; body: string };
}[] {
  return (
    JSON.parse(readFileSync(`${FIXTURES}rewrites.fr.json`, 'utf8')) as {
      pairs: never[];
    }
  ).pairs;
}

/** Section mappings from the corpus's categories, documented in eval/README.md. */
export const SECTION_MAPPINGS: Record<string, (category: string) => string> = {
  // The corpus's own 14 categories.
  raw: (c) => c,
  // One section per large category, the small « société/… » ones together.
  'seven sections': (c) =>
    (
      ({
        france: 'France',
        politique: 'Politique',
        monde: 'Monde',
        'societe/people': 'People',
        'societe/fait-divers': 'Faits divers',
      }) as Record<string, string>
    )[c] ?? (c.startsWith('auto') ? 'Auto' : 'Société'),
  // A national desk (Orange's « france » feed already mixes politics and faits divers), world, society, people, cars.
  'five desks': (c) =>
    (
      ({
        france: 'National',
        politique: 'National',
        'societe/fait-divers': 'National',
        monde: 'Monde',
        'societe/people': 'People',
      }) as Record<string, string>
    )[c] ?? (c.startsWith('auto') ? 'Auto' : 'Société'),
};

/** Held out for testing the section model: every article whose id ends in 0 or 5 (a fifth). */
export const isHeldOut = (id: number) => id % 5 === 0;

// Each article is read once for every mapping (reading is most of the section evaluation's time);
// the bags corpusIdf already read are handed over with `useSectionBags`.
const sectionBags = new Map<number, TermBag>();
export function useSectionBags(bags: Map<number, TermBag>): void {
  for (const [id, b] of bags) sectionBags.set(id, b);
}
const sectionBag = (a: CorpusArticle) =>
  sectionBags.get(a.id) ??
  (sectionBags.set(
    a.id,
    termBag({ title: a.title, lead: a.heading, body: a.article }),
  ),
  sectionBags.get(a.id)!);

/** Trains the section model's counts on `train` and returns top-1/2/3 accuracy on `test`, with a confusion table (truth → top-1 → count). */
export function sectionAccuracy(
  corpus: Map<number, CorpusArticle>,
  train: number[],
  test: number[],
  mapping: (c: string) => string,
): {
  top1: number;
  top2: number;
  top3: number;
  n: number;
  sections: number;
  names: string[];
  confusion: Map<string, Map<string, number>>;
} {
  const sectionIds = new Map<string, number>();
  const idOf = (name: string) =>
    sectionIds.get(name) ??
    (sectionIds.set(name, sectionIds.size + 1), sectionIds.size);
  const counts = new Map<string, number>();
  const sections = new Map<
    number,
    { sectionId: number; docs: number; terms: number }
  >();
  for (const id of train) {
    const a = corpus.get(id)!;
    const s = idOf(mapping(a.category));
    const bag = sectionBag(a);
    const stats = sections.get(s) ?? { sectionId: s, docs: 0, terms: 0 };
    stats.docs++;
    stats.terms += bag.distinct.length;
    sections.set(s, stats);
    for (const t of bag.distinct)
      counts.set(`${s}|${t}`, (counts.get(`${s}|${t}`) ?? 0) + 1);
  }
  const nameOf = new Map([...sectionIds].map(([n, i]) => [i, n]));
  const confusion = new Map<string, Map<string, number>>();
  let top1 = 0,
    top2 = 0,
    top3 = 0;
  for (const id of test) {
    const a = corpus.get(id)!;
    const bag = sectionBag(a);
    // The same lookup the database answers: counts for this article's terms only.
    const model: SectionCounts = {
      sections: [...sections.values()],
      counts: [],
    };
    for (const [s] of sections)
      for (const t of bag.distinct) {
        const n = counts.get(`${s}|${t}`);
        if (n) model.counts.push({ sectionId: s, term: t, docs: n });
      }
    const suggestion = suggestSection(bag.distinct, bag.display, model);
    const truth = idOf(mapping(a.category));
    const ranked = suggestion?.ranking.map((r) => r.sectionId) ?? [];
    if (ranked[0] === truth) top1++;
    if (ranked.slice(0, 2).includes(truth)) top2++;
    if (ranked.slice(0, 3).includes(truth)) top3++;
    const row =
      confusion.get(mapping(a.category)) ??
      confusion.set(mapping(a.category), new Map()).get(mapping(a.category))!;
    const guess = ranked[0] === undefined ? '(none)' : nameOf.get(ranked[0])!;
    row.set(guess, (row.get(guess) ?? 0) + 1);
  }
  return {
    top1: top1 / test.length,
    top2: top2 / test.length,
    top3: top3 / test.length,
    n: test.length,
    sections: sections.size,
    names: [...sectionIds.keys()],
    confusion,
  };
}

/** Precision and recall of the extractor on a text against hand labels (kind must match too). */
export function entityScores(
  text: string,
  labels: { name: string; kind: EntityKind; aliases?: string[] }[],
): {
  precision: number;
  recall: number;
  f1: number;
  found: number;
  expected: number;
  wrong: string[];
  missed: string[];
} {
  const found = extractEntities(text);
  const keyOf = new Map<string, number>();
  labels.forEach((l, i) => {
    for (const n of [l.name, ...(l.aliases ?? [])]) keyOf.set(nameKey(n), i);
  });
  const matched = new Set<number>();
  const wrong: string[] = [];
  for (const e of found) {
    const i = [e.name, ...e.aliases]
      .map((n) => keyOf.get(nameKey(n)))
      .find((x) => x !== undefined);
    if (i !== undefined && labels[i]!.kind === e.kind && !matched.has(i))
      matched.add(i);
    else wrong.push(`${e.name} (${e.kind})`);
  }
  const precision = found.length ? matched.size / found.length : 1,
    recall = matched.size / labels.length;
  return {
    precision,
    recall,
    f1:
      precision + recall ? (2 * precision * recall) / (precision + recall) : 0,
    found: found.length,
    expected: labels.length,
    wrong,
    missed: labels.filter((_, i) => !matched.has(i)).map((l) => l.name),
  };
}

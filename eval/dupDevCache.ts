/**
 * The dev set's rows without signing the whole corpus each time: the document frequencies, the
 * pair articles' signatures and the retrieval gate's answers (which depend on the signature code
 * only, not on the guard's model) are computed once by the full pass and cached in eval/.cache/,
 * keyed on the signature code. Used by eval/guardQuick.ts and eval/trainGuard.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { devRows, loadDevPairs, type DevRow } from './dupDev.ts';
import { corpusIdf, loadCorpus } from './lib.ts';
import { idfWeight, type Signature } from '../src/editorial/signature.ts';
import { DEFAULT_SETTINGS } from '../src/domain/settings.ts';

export function cachedDevRows(): DevRow[] {
  const WINDOW = DEFAULT_SETTINGS.duplicateWindowDays;
  const source = (p: string) =>
    readFileSync(fileURLToPath(new URL(p, import.meta.url)), 'utf8');
  const key = createHash('sha1')
    .update(source('../src/editorial/signature.ts'))
    .update(source('../src/editorial/shingles.ts'))
    .update(source('../src/search/normalize.ts'))
    .update(String(WINDOW))
    .digest('hex')
    .slice(0, 12);
  const dir = fileURLToPath(new URL('./.cache/', import.meta.url));
  const file = `${dir}guard-${key}.json`;
  const pairs = loadDevPairs();

  interface Cache {
    docs: number;
    df: [string, number][];
    signatures: [number, Signature][];
    retrieved: Record<string, boolean>;
  }
  let cache: Cache;
  if (existsSync(file)) cache = JSON.parse(readFileSync(file, 'utf8')) as Cache;
  else {
    console.error('signing the corpus once (a few minutes), then cached…');
    const corpus = loadCorpus();
    const { signatures, bags, idf } = corpusIdf(corpus);
    const full = devRows(pairs, corpus, signatures, idf, WINDOW);
    const df = new Map<string, number>();
    for (const b of bags.values())
      for (const t of b.distinct) df.set(t, (df.get(t) ?? 0) + 1);
    const wanted = new Set(
      pairs.flatMap((p) => [p.a.id, p.b.id]).filter((id) => id !== null),
    );
    cache = {
      docs: corpus.size,
      df: [...df],
      signatures: [...wanted].map((id) => [id, signatures.get(id)!]),
      retrieved: Object.fromEntries(
        full.map((r) => [r.pair.pairId, r.retrieved]),
      ),
    };
    mkdirSync(dir, { recursive: true });
    writeFileSync(file, JSON.stringify(cache));
  }
  const df = new Map(cache.df);
  const idf = (t: string) => idfWeight(df.get(t) ?? 0, cache.docs);
  const rows: DevRow[] = devRows(
    pairs,
    new Map(),
    new Map(cache.signatures),
    idf,
    WINDOW,
    false,
  ).map((r) => ({
    ...r,
    retrieved: r.retrieved && cache.retrieved[r.pair.pairId]!,
  }));
  return rows;
}

/**
 * `node scripts/buildFirstNames.ts`: writes src/editorial/data/given-names.txt, the given names
 * the entity extractor knows beyond its hand-written list (data/first-names.txt): the French,
 * Belgian, English, Italian, Spanish and German given-name lists of the @faker-js/faker npm package
 * (a development dependency; MIT licence, see src/editorial/data/GIVEN-NAMES-LICENSE.md), less the
 * names that would mislead:
 * - place names the extractor knows (Florence, Victoria, Paris): a place wins;
 * - names that are also ordinary French words (Rose, Amande, Prudence), found in the French news
 *   corpus of ../shared when it is there: a name written in lower case more often than
 *   capitalised inside a sentence is a word. Without the corpus the script stops, rather than
 *   write a list with the words in it.
 * One name a line, sorted, so the diff of a rebuild is readable.
 */
import {
  createReadStream,
  existsSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { allFakers } from '@faker-js/faker';
import {
  FIRST_NAMES,
  geonamesPlaces,
  PLACE_NAMES,
} from '../src/editorial/gazetteer.ts';
import { nameKey } from '../src/editorial/signature.ts';

const CORPUS = fileURLToPath(
  new URL(
    '../../shared/data/fr-news/orangesum_fr_news.dev.jsonl',
    import.meta.url,
  ),
);
const LOCALES = ['fr', 'fr_BE', 'fr_CH', 'en', 'it', 'es', 'de'] as const;

if (process.argv.includes('--help')) {
  console.log(
    'Usage: node scripts/buildFirstNames.ts (needs ../shared/data/fr-news)',
  );
  process.exit(0);
}
if (!existsSync(CORPUS)) {
  console.error(
    `The French corpus is missing (${CORPUS}): it tells given names from ordinary words. Run this where ../shared is.`,
  );
  process.exit(1);
}

const candidates = new Set<string>();
for (const locale of LOCALES) {
  const lists = allFakers[locale].rawDefinitions.person?.first_name ?? {};
  // One word (hyphens allowed), in Latin letters, as a French text would write it.
  for (const name of Object.values(lists).flat())
    if (
      typeof name === 'string' &&
      /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?$/u.test(name)
    )
      candidates.add(name);
}

const places = new Set([...geonamesPlaces(), ...PLACE_NAMES].map(nameKey));
const hand = new Set(FIRST_NAMES.map(nameKey));
const lower = new Map<string, number>();
const capitalised = new Map<string, number>();
const wanted = new Set([...candidates].map((n) => n.toLowerCase()));
const lines = createInterface({ input: createReadStream(CORPUS) });
for await (const line of lines) {
  if (!line) continue;
  const a = JSON.parse(line) as {
    title: string;
    heading: string;
    article: string;
  };
  for (const text of [a.title, a.heading, a.article])
    for (const m of text.matchAll(/(?<=[\p{Ll},;] )\p{L}+(?:-\p{L}+)?/gu)) {
      const w = m[0];
      const key = w.toLowerCase();
      if (!wanted.has(key)) continue;
      const counts = w === key ? lower : capitalised;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
}

const kept = [...candidates].filter((name) => {
  const key = nameKey(name);
  if (hand.has(key) || places.has(key)) return false;
  const l = lower.get(name.toLowerCase()) ?? 0;
  return l === 0 || l < (capitalised.get(name.toLowerCase()) ?? 0);
});
const out = fileURLToPath(
  new URL('../src/editorial/data/given-names.txt', import.meta.url),
);
writeFileSync(out, `${kept.sort().join('\n')}\n`);
console.log(
  `${kept.length} given names written to ${out} (of ${candidates.size}; ${readFileSync(out, 'utf8').length} bytes)`,
);

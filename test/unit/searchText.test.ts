import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  foldWord,
  indexTerms,
  normalizeWord,
} from '../../src/search/normalize.ts';
import { highlightSet, parseQuery } from '../../src/search/query.ts';
import {
  toFts5,
  toTsMatch,
  toTsQuery,
} from '../../src/search/matchExpressions.ts';
import {
  escapeHtml,
  highlightText,
  snippet,
} from '../../src/search/highlight.ts';
import { htmlToText } from '../../src/search/text.ts';

test('folding: case, accents, ligatures, compatibility forms', () => {
  assert.equal(foldWord('Économie'), 'economie');
  assert.equal(foldWord('STRATÉGIQUE'), 'strategique');
  assert.equal(foldWord('cœur'), 'coeur');
  assert.equal(foldWord('Ｍａｒｏｃ'), 'maroc');
  assert.equal(foldWord('naïve'), 'naive');
});

test('plurals and inflections share a stem, with or without accents', () => {
  const same = (a: string, b: string) =>
    assert.equal(normalizeWord(a), normalizeWord(b), `${a} ↔ ${b}`);
  same('partenariats', 'partenariat');
  same('stratégiques', 'strategique');
  same('électriques', 'electrique');
  same('Électrique', 'electriques');
  same('investissements', 'investissement');
  same('marocaines', 'marocain');
  same('journaux', 'journal');
  same('grèves', 'greve');
  assert.notEqual(normalizeWord('chine'), normalizeWord('japon'));
});

test('elisions and stop words are left out, with either apostrophe', () => {
  assert.deepEqual(indexTerms('l’économie'), indexTerms("l'economie"));
  assert.deepEqual(indexTerms('l’économie'), [normalizeWord('économie')]);
  assert.deepEqual(indexTerms("d'Afrique"), ['afriqu']);
  for (const elided of [
    "qu'il",
    'jusqu’à',
    "lorsqu'on",
    'puisqu’elle',
    "c'est",
    "n'est",
    "s'il",
    "j'ai",
  ]) {
    assert.deepEqual(indexTerms(elided), [], elided);
  }
  assert.deepEqual(indexTerms('le la les de des et à un une'), []);
  assert.deepEqual(indexTerms('la Chine et le Japon'), ['chin', 'japon']);
});

test('numbers, codes and other scripts are kept whole; emoji and symbols are not words', () => {
  assert.deepEqual(indexTerms('CO2 en 2025, 100 GWh'), [
    'co2',
    '2025',
    '100',
    'gwh',
  ]);
  // Arabic has its own pipeline (test/unit/arabicText.test.ts); other scripts stay whole.
  assert.deepEqual(indexTerms('ⵜⴰⵎⴰⵣⵉⵖⵜ'), ['ⵜⴰⵎⴰⵣⵉⵖⵜ']);
  assert.deepEqual(indexTerms('🇲🇦 ★ → ∞'), []);
  assert.ok(indexTerms('a'.repeat(5000))[0]!.length <= 40, 'tokens are capped');
});

test('queries: words, quoted phrases (any quote marks), prefix on the word being typed', () => {
  const q = parseQuery('partenariat "la Chine et le Japon" strat');
  assert.deepEqual(q.clauses, [
    { kind: 'term', term: 'partenariat' },
    { kind: 'phrase', terms: ['chin', 'japon'], prefixLast: null },
    { kind: 'prefix', term: 'strat', folded: 'strat' },
  ]);
  assert.deepEqual(parseQuery('« coupe d’Afrique »').clauses, [
    { kind: 'phrase', terms: ['coup', 'afriqu'], prefixLast: null },
  ]);
  // A trailing space means the word is finished.
  assert.deepEqual(parseQuery('chine ').clauses, [
    { kind: 'term', term: 'chin' },
  ]);
  // Too short to be a useful prefix.
  assert.deepEqual(parseQuery('ue').clauses, [{ kind: 'term', term: 'ue' }]);
  assert.deepEqual(parseQuery('le la les').clauses, []);
  assert.deepEqual(parseQuery('').clauses, []);
});

test('hostile queries parse into quoted terms only: no operator reaches FTS5 or tsquery', () => {
  const hostile = [
    'NEAR(a b) OR * AND NOT "',
    "'; DROP TABLE articles; --",
    'title:foo {lead}: bar ^baz',
    'a:* & !b | (c <-> d)',
    '"unbalanced « quotes',
    '\\\' \\" \0 \u0000',
    'x'.repeat(10_000),
    '(((((',
    'écono*',
    '🙂 مرحبا',
  ];
  for (const raw of hostile) {
    const q = parseQuery(raw);
    const fts = q.clauses.length ? toFts5(q) : '';
    const ts = q.clauses.length ? toTsQuery(q) : '';
    // Every term is made of letters and digits: strip the syntax we generate and nothing else may remain.
    const ftsLeft = fts
      .replace(/"[\p{L}\p{N} ]+"\*?/gu, '')
      .replace(/\b(AND|OR)\b|[() ]/g, '');
    const tsLeft = ts
      .replace(/'[\p{L}\p{N}]+'(:\*)?/gu, '')
      .replace(/<->|[&|() ]/g, '');
    assert.equal(
      ftsLeft,
      '',
      `FTS5 for ${JSON.stringify(raw.slice(0, 40))}: ${fts}`,
    );
    assert.equal(
      tsLeft,
      '',
      `tsquery for ${JSON.stringify(raw.slice(0, 40))}: ${ts}`,
    );
  }
});

test('match expressions: AND of clauses, prefix alternatives, phrases', () => {
  const q = parseQuery('"partenariat stratégiques" électri');
  assert.equal(toFts5(q), '"partenariat strateg" AND "electr"*');
  assert.equal(toTsQuery(q), "('partenariat' <-> 'strateg') & ('electr':*)");
  // A folded form that does not start with the stem stays an alternative.
  const typingAccent = parseQuery('hôpitaux');
  assert.equal(toFts5(typingAccent), '("hopital"* OR "hopitaux"*)');
  const typingInPhrase = parseQuery('"coupe d’afri');
  assert.equal(toFts5(typingInPhrase), '"coup afri"*');
  assert.equal(toTsQuery(typingInPhrase), "(('coup' <-> 'afri':*))");
  const typingPlural = parseQuery('"voitures électriques');
  assert.equal(toFts5(typingPlural), '"voitur electr"*');
});

test('PostgreSQL: what the GIN index answers alone, and what is left to check', () => {
  // Whole words as they are, the typed word's beginnings marked with `*`: plain lexemes only.
  assert.deepEqual(toTsMatch(parseQuery('tour de fra')), {
    exact: "'tour' & ('fra':*)",
    match: "'tour' & 'fra*'",
    checkExact: false,
  });
  // A two-word phrase is one pair of consecutive terms: nothing left to check.
  assert.deepEqual(toTsMatch(parseQuery('"coupe du monde" ')), {
    exact: "('coup' <-> 'mond')",
    match: "'coup>mond'",
    checkExact: false,
  });
  // Longer phrases, and a phrase ending on the word being typed, are checked on the candidates.
  assert.deepEqual(
    toTsMatch(parseQuery('"ligue des champions de football" ')),
    {
      exact: "('ligu' <-> 'champion' <-> 'football')",
      match: "'ligu>champion' & 'champion>football'",
      checkExact: true,
    },
  );
  assert.deepEqual(toTsMatch(parseQuery('"coupe d’afri')), {
    exact: "(('coup' <-> 'afri':*))",
    match: "'coup' & 'afri*'",
    checkExact: true,
  });
  // The stem and the folded spelling are both tried when neither covers the other.
  assert.equal(
    toTsMatch(parseQuery('hôpitaux')).match,
    "('hopital*' | 'hopitaux*')",
  );
});

test('highlighting escapes everything, then marks matches', () => {
  const set = highlightSet(parseQuery('strategique script'));
  assert.equal(
    highlightText(
      'Partenariats <b>stratégiques</b> & <script>alert(1)</script>',
      set,
    ),
    'Partenariats &lt;b&gt;<mark>stratégiques</mark>&lt;/b&gt; &amp; &lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;',
  );
  assert.equal(escapeHtml(`"'<>&\``), '&quot;&#39;&lt;&gt;&amp;&#96;');
});

test('snippets: a window around the densest matches, with ellipses; null without a match', () => {
  const words = Array.from({ length: 200 }, (_, i) => `mot${i}`);
  words.splice(120, 0, 'batteries', 'lithium');
  const text = words.join(' ');
  const set = highlightSet(parseQuery('batterie lithium '));
  const s = snippet(text, set)!;
  assert.match(s, /^… .*<mark>batteries<\/mark> <mark>lithium<\/mark>.* …$/);
  assert.ok(s.split(' ').length < 45, s);
  assert.equal(snippet(text, highlightSet(parseQuery('absent '))), null);
});

test('bodies become text: tags split words, entities are decoded', () => {
  assert.equal(
    htmlToText(
      '<h2>Titre</h2><p>L&#39;économie &amp; la <em>Chine</em></p><p>Fin</p>',
    ),
    "Titre L'économie & la Chine Fin",
  );
});

test('bodies become text: every run of white space is one space, no-break spaces included', () => {
  assert.equal(
    htmlToText('<p>Un\tdeux  trois</p>\n\n<p>\u00a0quatre&nbsp;?\u202f»</p> '),
    'Un deux trois quatre ? »',
  );
  // The same text as collapsing every run with /\s+/, whatever mix of spaces a body holds.
  const spaces = [
    ' ',
    '  ',
    '\n',
    ' \n ',
    '\t',
    '\u00a0',
    ' \u00a0',
    '\u202f',
    '\r\n',
  ];
  for (const a of spaces)
    for (const b of spaces) {
      const html = `<p>x${a}y</p>${b}<p>z${b}${a}w</p>`;
      const reference = html
        .replace(/<[^>]*>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
      assert.equal(htmlToText(html), reference, JSON.stringify(html));
    }
});

test('extracts skip stemming words that cannot match, and mark exactly the words a full pass marks', async () => {
  const { readFileSync } = await import('node:fs');
  const { sharedFile } = await import('../support/shared.ts');
  const { termKey, tokenize } = await import('../../src/search/normalize.ts');
  const seed = sharedFile('seed/seed-page.txt');
  const text = [
    'Le PS et les Verts, l’Œuvre d’art, Ça ira, Éléphants et œufs, 2024 et 5G, les ps du texte, CO2, ﬁnances, Åland.',
    'Des partenariats stratégiques relient le Maroc, la Chine et le Japon.',
    ...(seed ? [readFileSync(seed, 'utf8')] : []),
  ].join('\n');
  const queries = [
    'ps',
    'oeuvre',
    'ca ira',
    'elephant',
    'oeuf',
    '2024',
    '5g',
    'co2',
    'finance',
    'aland',
    'partenariat strat',
    'chine japon',
    'maroc',
    'p',
    'e',
  ];
  for (const q of queries) {
    const set = highlightSet(parseQuery(q));
    const keys = new Set([...set.terms, ...set.prefixes].map(termKey));
    const matching = (tokens: ReturnType<typeof tokenize>) =>
      tokens
        .filter(
          (t) =>
            t.term !== null &&
            (set.terms.has(t.term) ||
              set.prefixes.some(
                (p) => t.term!.startsWith(p) || t.folded.startsWith(p),
              )),
        )
        .map((t) => `${t.start}:${t.term}`);
    const full = matching(tokenize(text));
    assert.deepEqual(matching(tokenize(text, keys)), full, q);
    if (!['p', 'e'].includes(q))
      assert.ok(full.length > 0, `« ${q} » matches something in the sample`);
  }
});

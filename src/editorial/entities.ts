import {
  FIXED_ORGANISATIONS,
  FIXED_PLACES,
  geonamesPlaces,
  ORGANISATION_NOUNS,
  PERSON_NOUNS,
  NAME_PARTICLES,
  NOT_NAMES,
  ORGANISATION_WORDS,
  PLACE_CONTEXT,
  PLACE_HEADS,
  PLACE_NAMES,
  PLACE_NOUNS,
  PLACE_PREPOSITIONS,
  PERSON_ROLES,
  SCHOOL_NOUNS,
  STREET_NOUNS,
  PORTFOLIO_HEADS,
  PORTFOLIO_WORDS,
  WORK_NOUNS,
} from './gazetteer.ts';
import { nameKey } from './signature.ts';

/*
 * People, organisations and places named in French news copy, found by the shape of names rather
 * than by a model: runs of capitalised words (« Nasser Bourita », « Lille OSC »), with the
 * particles names carry (« Yassine El Yattioui »), acronyms (« CATL », « BYD ») and their
 * spelled-out forms in brackets, brand words (« NejMaroc »), and places known by name even after
 * an article (« la Chine », « le Japon », « au Caire »). A capitalised word that only opens a
 * sentence or a headline is a name only if it is known or recurs inside a sentence.
 */

export type EntityKind = 'person' | 'organisation' | 'place';

export interface Entity {
  name: string;
  kind: EntityKind;
  /** Folded name (no case, no accents): how entities, tags and aliases are compared. */
  key: string;
  mentions: number;
  /** Other names met for the same entity (a spelled-out acronym, a full name for a surname). */
  aliases: string[];
}

/** Names the newsroom already knows (entity tags and their aliases), by folded name. */
export type KnownNames = ReadonlyMap<
  string,
  { name: string; kind: EntityKind }
>;

/**
 * The place names by folded key, built on the first analysis rather than at import: every
 * start loads this module (the editorial index processor), few starts analyse an article soon.
 */
function placeTables(): {
  places: Map<string, string>;
  handPlaces: Set<string>;
  withArticle: Map<string, string>;
} {
  places ??= {
    // The hand-written names last, so their French forms win over GeoNames' spellings of the same key.
    places: new Map(
      [...geonamesPlaces(), ...PLACE_NAMES].map((p) => [nameKey(p), p]),
    ),
    handPlaces: new Set(PLACE_NAMES.map(nameKey)),
    /** « Caire » is known as « Le Caire »: articles that belong to a place's name. */
    withArticle: new Map(
      PLACE_NAMES.filter((p) => /^(?:Le|La|Les) /.test(p)).map((p) => [
        nameKey(p.replace(/^(?:Le|La|Les) /, '')),
        p,
      ]),
    ),
  };
  return places;
}
let places: ReturnType<typeof placeTables> | undefined;
const ABBREVIATIONS =
  /(?:^|\s)(?:Co|Inc|Ltd|M|Mme|Mlle|Dr|Pr|St|Ste|av|J\.-C|etc)\.$/;

// The same words come back in every article: their folded keys are kept (bounded) rather than recomputed.
const keys = new Map<string, string>();
function wordKey(w: string): string {
  let k = keys.get(w);
  if (k === undefined) {
    k = nameKey(w);
    if (keys.size >= 50_000) keys.clear();
    keys.set(w, k);
  }
  return k;
}

interface Token {
  text: string;
  start: boolean;
  quoted: boolean;
}

const isCapitalised = (w: string) => /^\p{Lu}/u.test(w);
const isAcronym = (w: string) => /^\p{Lu}{2,6}(?:-\p{Lu}{2,6})?$/u.test(w);
const isBrand = (w: string) => /^\p{Lu}\p{Ll}+\p{Lu}\p{Ll}+/u.test(w);

/** Sentences of a text: split on end punctuation, never after « Co. » or « M. »; a colon opens one too. */
function sentences(text: string): string[] {
  const out: string[] = [];
  for (let line of text.split(/\n+/)) {
    // Fil info lines start with a time (« 12:03KFC Maroc… ») or a bullet.
    line = line
      .replace(/^\s*[-*•]\s*/, '')
      .replace(/^\d{1,2}[:h]\d{2}\s*/, '')
      // Flattened paragraphs (« …jeudi.Le gouvernement… ») still end a sentence.
      .replace(/([\p{Ll}\d)»"])\.(?=\p{Lu})/gu, '$1. ');
    let current = '';
    const parts = line.split(/(?<=[.!?…:;])\s+/);
    for (const part of parts) {
      current = current ? `${current} ${part}` : part;
      if (!ABBREVIATIONS.test(current)) {
        out.push(current);
        current = '';
      }
    }
    if (current) out.push(current);
  }
  return out;
}

function tokenize(sentence: string): Token[] {
  const tokens: Token[] = [];
  let quoted = false;
  const re = /[«»"“”()]|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*\.?|[,;:!?]/gu;
  for (const m of sentence.matchAll(re)) {
    let text = m[0];
    if (/^[«“]$/.test(text) || (text === '"' && !quoted)) {
      quoted = true;
      tokens.push({ text, start: false, quoted: false });
      continue;
    }
    if (/^[»”"]$/.test(text)) {
      quoted = false;
      tokens.push({ text, start: false, quoted: false });
      continue;
    }
    // Elisions: « l'Europe » is « l' » then « Europe ».
    const elided =
      /^([dlDLjJmMnNsStTcC]|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu)['’](.+)$/u.exec(
        text,
      );
    if (elided) {
      tokens.push({
        text: `${elided[1]!.toLowerCase()}'`,
        start: false,
        quoted,
      });
      text = elided[2]!;
    }
    if (text.endsWith('.') && !/^(?:Co|Inc|Ltd|M|Mme|Dr|St)\.$/.test(text))
      text = text.slice(0, -1);
    tokens.push({ text, start: false, quoted });
  }
  // A word opens a sentence when it comes first, or right after an opening bracket, quote or dash.
  let opening = true;
  for (const t of tokens) {
    if (/[\p{L}\p{N}]/u.test(t.text)) {
      if (opening) t.start = true;
      opening = false;
    } else if (/^[«"“(–—-]$/.test(t.text)) opening = true;
  }
  return tokens;
}

interface Span {
  words: string[];
  start: boolean;
  quoted: boolean;
  before: string[];
  after: Token[];
}

/** Runs of capitalised words, with the particles inside them. */
function spans(tokens: Token[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (!isCapitalised(t.text)) {
      i++;
      continue;
    }
    const words = [t.text.replace(/\.$/, t.text === 'Co.' ? '.' : '')];
    let j = i + 1;
    while (j < tokens.length) {
      const next = tokens[j]!.text;
      if (isCapitalised(next)) {
        words.push(next);
        j++;
        continue;
      }
      if (
        NAME_PARTICLES.has(next.toLowerCase()) &&
        j + 1 < tokens.length &&
        isCapitalised(tokens[j + 1]!.text) &&
        !isStopCapital(tokens[j + 1]!.text)
      ) {
        words.push(next, tokens[j + 1]!.text);
        j += 2;
        continue;
      }
      break;
    }
    // « Agence nationale de sécurité du médicament (ANSM) »: an organisation word, lower-case words, then its acronym.
    if (ORGANISATION_WORDS.has(words[0]!.toLowerCase())) {
      let k = j;
      while (
        k < tokens.length &&
        k - j < 12 &&
        /^[\p{Ll}']+$/u.test(tokens[k]!.text)
      )
        k++;
      if (
        k > j &&
        tokens[k]?.text === '(' &&
        isAcronym(tokens[k + 1]?.text ?? '') &&
        tokens[k + 2]?.text === ')'
      ) {
        words.push(...tokens.slice(j, k).map((x) => x.text));
        j = k;
      }
    }
    out.push({
      words,
      start: t.start,
      quoted: t.quoted,
      before: tokens
        .slice(Math.max(0, i - 4), i)
        .map((x) => x.text.toLowerCase()),
      after: tokens.slice(j, j + 3),
    });
    i = j;
  }
  return out;
}

// « M. », « Mme », « Dr. »: the honorific's full stop does not make it a name.
const isStopCapital = (w: string) =>
  NOT_NAMES.has(w.toLowerCase().replace(/\.$/, ''));

/** Joins tokens as written: no space after an elision (« de l'Intérieur »). */
const joinTokens = (tokens: string[]) =>
  tokens.reduce(
    (out, t, i) => (i === 0 ? t : out.endsWith("'") ? out + t : `${out} ${t}`),
    '',
  );

const LINKS = new Set(['de', 'du', 'des', "d'"]);

/**
 * The noun a name is written with, just before it (« rue », « place de la », « lycée »), and the
 * words from it on (« place », « de », « la »), or null. `nouns` says which nouns count.
 */
function namedWith(
  before: string[],
  nouns: ReadonlySet<string>,
): string[] | null {
  for (const n of [1, 2, 3]) {
    const head = before.at(-n);
    if (head === undefined || !nouns.has(head)) continue;
    const links = before.slice(before.length - n + 1);
    const ok =
      links.length === 0 ||
      (links.length === 1 && LINKS.has(links[0]!)) ||
      (links.length === 2 &&
        links[0] === 'de' &&
        ['la', "l'"].includes(links[1]!));
    return ok ? before.slice(before.length - n) : null;
  }
  return null;
}

function placeName(words: string[]): string | null {
  const key = wordKey(words.join(' '));
  const { places, withArticle } = placeTables();
  return places.get(key) ?? withArticle.get(key) ?? null;
}

interface Found {
  name: string;
  kind: EntityKind;
  aliases: string[];
  position: number;
}

/**
 * The fixed organisation names as token sequences (see FIXED_ORGANISATIONS), by their first
 * token's folded form; and their lower-case first words (« franceinfo », « vallée »): any other
 * lower-case word opens none of them. Built on the first analysis, like placeTables.
 */
function fixedTables(): {
  byFirst: Map<string, { name: string; kind: EntityKind; tokens: string[] }[]>;
  lowerFirst: Set<string>;
  lowerFirstLetters: Set<string>;
} {
  if (fixed) return fixed;
  const byFirst = new Map<
    string,
    { name: string; kind: EntityKind; tokens: string[] }[]
  >();
  const add = (names: readonly string[], kind: EntityKind) => {
    for (const name of names) {
      const tokens = tokenize(name).map((t) => t.text);
      const first = nameKey(tokens[0]!);
      (byFirst.get(first) ?? byFirst.set(first, []).get(first)!).push({
        name,
        kind,
        tokens,
      });
    }
  };
  add(FIXED_ORGANISATIONS, 'organisation');
  add(FIXED_PLACES, 'place');
  for (const list of byFirst.values())
    list.sort((a, b) => b.tokens.length - a.tokens.length);
  const lowerFirst = new Set(
    [...FIXED_ORGANISATIONS, ...FIXED_PLACES]
      .map((n) => tokenize(n)[0]!.text)
      .filter((w) => !isCapitalised(w))
      .map(wordKey),
  );
  fixed = {
    byFirst,
    lowerFirst,
    lowerFirstLetters: new Set([...lowerFirst].map((k) => k[0]!)),
  };
  return fixed;
}
let fixed: ReturnType<typeof fixedTables> | undefined;

/** Same word; the first also with the same capitalisation (« Le Monde » is a newspaper, « le monde » is not). */
const sameWord = (a: string, b: string, first: boolean) =>
  wordKey(a) === wordKey(b) &&
  (first
    ? isCapitalised(a) === isCapitalised(b)
    : isCapitalised(a) || !isCapitalised(b));

/** Finds the fixed names in a sentence and blanks their tokens (and an acronym in brackets after them), so no other reading takes them. */
function takeFixedNames(tokens: Token[]): Omit<Found, 'position'>[] {
  const out: Omit<Found, 'position'>[] = [];
  const { byFirst, lowerFirst, lowerFirstLetters } = fixedTables();
  for (let i = 0; i < tokens.length; i++) {
    const text = tokens[i]!.text;
    // The first word must match with its capitalisation (sameWord), so most words are out at once.
    if (
      !isCapitalised(text) &&
      !(lowerFirstLetters.has(text[0]!) && lowerFirst.has(wordKey(text)))
    )
      continue;
    const candidates = byFirst.get(wordKey(text));
    const hit = candidates?.find((c) =>
      c.tokens.every(
        (w, k) =>
          tokens[i + k] !== undefined &&
          sameWord(tokens[i + k]!.text, w, k === 0),
      ),
    );
    if (!hit) continue;
    const aliases: string[] = [];
    let end = i + hit.tokens.length;
    // « Les Républicains (LR) »: the acronym is the same organisation.
    if (
      tokens[end]?.text === '(' &&
      isAcronym(tokens[end + 1]?.text ?? '') &&
      tokens[end + 2]?.text === ')'
    ) {
      aliases.push(tokens[end + 1]!.text);
      end += 3;
    }
    out.push({ name: hit.name, kind: hit.kind, aliases });
    for (let k = i; k < end; k++) tokens[k]!.text = '';
    i = end - 1;
  }
  return out;
}

/** Extracts the named entities of a text, most mentioned first. */
export function extractEntities(
  text: string,
  known: KnownNames = new Map(),
): Entity[] {
  const found: Found[] = [];
  const midSentence = new Set<string>();
  const all = sentences(text).map(tokenize);
  for (const tokens of all)
    for (const t of tokens)
      if (!t.start && isCapitalised(t.text)) midSentence.add(t.text);
  let position = 0;
  for (const tokens of all) {
    for (const f of takeFixedNames(tokens))
      found.push({ ...f, position: ++position });
    for (const span of spans(tokens)) {
      position++;
      for (const f of readSpan(span, known, midSentence))
        found.push({ ...f, position });
    }
  }
  return merge(found);
}

function readSpan(
  given: Span,
  known: KnownNames,
  midSentence: Set<string>,
): Omit<Found, 'position'>[] {
  let span = given;
  const words = [...span.words];
  let start = span.start;
  const opener = words[0]!.toLowerCase();
  // The title of a show or a work (« l'émission phare Recherche appartement ou maison »).
  if (
    WORK_NOUNS.has(headNoun(span.before) ?? '') ||
    (span.before.at(-1) === '"' &&
      WORK_NOUNS.has(headNoun(span.before.slice(0, -1)) ?? ''))
  )
    return [];
  // A portfolio, not a name: « ministre des Affaires étrangères ».
  if (
    span.before.some((w) => PORTFOLIO_HEADS.has(w)) &&
    ['des', 'de', 'du', "l'", 'la'].includes(span.before.at(-1) ?? '')
  ) {
    // …but « le ministère de l'Intérieur » names the institution.
    const at = span.before.lastIndexOf('ministère');
    if (at < 0 || !PORTFOLIO_WORDS.has(words[0]!.toLowerCase())) return [];
    const next = span.after[0]?.text ?? '';
    const tail = PORTFOLIO_WORDS.has(next) ? [next] : [];
    return [
      {
        name: joinTokens([...span.before.slice(at), ...words, ...tail]),
        kind: 'organisation',
        aliases: [],
      },
    ];
  }
  // « M. Giammattei », « Mme Dati »: after an honorific, a name is a person's.
  let honorific = false;
  while (
    words.length &&
    (isStopCapital(words[0]!) || NAME_PARTICLES.has(words[0]!.toLowerCase()))
  ) {
    if (HONORIFICS.has(words[0]!.toLowerCase().replace(/\.$/, '')))
      honorific = true;
    words.shift();
    start = false;
  }
  while (words.length && NAME_PARTICLES.has(words.at(-1)!.toLowerCase()))
    words.pop();
  // « des Finances Bruno Le Maire »: the portfolio goes, the minister stays.
  while (words.length > 2 && PORTFOLIO_WORDS.has(words[0]!.toLowerCase())) {
    words.shift();
    start = false;
  }
  if (words.length === 0) return [];
  // « place de Clichy », « rue de la Paix », « lycée Emmanuel-Mounier »: named with their noun (not the idiom « à la place de »).
  const street = namedWith(span.before, STREET_NOUNS);
  const idiom =
    street?.[0] === 'place' &&
    span.before.at(-street.length - 1) === 'la' &&
    span.before.at(-street.length - 2) === 'à';
  const school = namedWith(span.before, SCHOOL_NOUNS);
  if ((street && !idiom) || (school && school.length === 1)) {
    // « lycée Emmanuel-Mounier de Grenoble »: the town is a place of its own.
    const de = words.findIndex(
      (w, i) => i > 0 && ['de', "d'", 'du'].includes(w.toLowerCase()),
    );
    const town = de > 0 ? placeName(words.slice(de + 1)) : null;
    const own = town ? words.slice(0, de) : words;
    return [
      {
        name: joinTokens([...(street ?? school)!, ...own]),
        kind: street ? 'place' : 'organisation',
        aliases: [own.join(' ')],
      },
      ...(town ? [{ name: town, kind: 'place' as const, aliases: [] }] : []),
    ];
  }
  // « à la place de Pierre Dupont » says nothing of a place.
  if (idiom) span = { ...span, before: [] };
  // « la maire d'Atlanta Keisha Lance Bottoms »: a known place, then a name of two words or more.
  for (let cut = Math.min(3, words.length - 2); cut >= 1; cut--) {
    const head = placeName(words.slice(0, cut));
    if (head && !NAME_PARTICLES.has(words[cut]!.toLowerCase()))
      return [
        { name: head, kind: 'place', aliases: [] },
        ...readSpan(
          { ...span, words: words.slice(cut), start: false, before: [] },
          known,
          midSentence,
        ),
      ];
  }
  // « Monoprix de Marseille », « Amérique de Minneapolis »: a name, then where it is.
  const particle = words.findIndex(
    (w, i) => i > 0 && ['de', "d'", 'du'].includes(w.toLowerCase()),
  );
  if (particle > 0 && particle < words.length - 1 && !placeName(words)) {
    const tail = placeName(words.slice(particle + 1));
    const headWords = words.slice(0, particle);
    if (
      tail &&
      !headWords.some((w) => ORGANISATION_WORDS.has(w.toLowerCase()))
    ) {
      return [
        ...readSpan(
          { ...span, words: headWords, after: [] },
          known,
          midSentence,
        ),
        { name: tail, kind: 'place', aliases: [] },
      ];
    }
  }
  // « Maroc-Japon », « sino-marocains »: two places, or nothing.
  if (words.length === 1 && words[0]!.includes('-') && !placeName(words)) {
    const parts = words[0]!.split('-');
    if (parts.every((p) => placeName([p])))
      return parts.map((p) => ({
        name: placeName([p])!,
        kind: 'place' as const,
        aliases: [],
      }));
  }
  const name = words.join(' ').replace(/\s+\.$/, '');
  const knownEntity = known.get(wordKey(name));
  if (knownEntity)
    return [{ name: knownEntity.name, kind: knownEntity.kind, aliases: [] }];
  const place = placeName(words);
  // GeoNames holds towns called « Don » or « Vincent »: opening a sentence, such a word is a place only if it recurs mid-sentence.
  if (
    place &&
    !(
      start &&
      words.length === 1 &&
      !placeTables().handPlaces.has(wordKey(place)) &&
      !midSentence.has(words[0]!)
    )
  )
    return [{ name: place, kind: 'place', aliases: [] }];
  const single = words.length === 1 ? words[0]! : null;
  if (single !== null) {
    // Codes and units (« V8 », « C7 », « Nm »): not names.
    if (/\d/.test(single) || (single.length <= 2 && !isAcronym(single)))
      return [];
    const acronym = isAcronym(single);
    // A sentence opener is a name only when it is known, an acronym, a brand, or recurs mid-sentence.
    if (start && !acronym && !isBrand(single) && !midSentence.has(single))
      return [];
    // « (VE) » after ordinary words abbreviates them; it names nothing.
    if (
      acronym &&
      span.before.at(-1) === '(' &&
      !isCapitalised(span.before.at(-2) ?? '')
    )
      return [];
    // « les Français », « deux Niçois »: inhabitants, not names.
    if (
      /(?:ais|aise|ois|oise|iens|iennes|ains|aines)$/.test(single) &&
      [span.before.at(-1), opener].some((w) => DETERMINERS.has(w ?? ''))
    )
      return [];
    // « de l'Égalité », « et des Finances »: a portfolio on its own.
    if (
      PORTFOLIO_WORDS.has(single.toLowerCase()) &&
      ['de', 'des', 'du', "l'", 'et', 'la'].includes(span.before.at(-1) ?? '')
    )
      return [];
    // Units and codes (« GWh », « CO2 »): capitals inside a word that is neither an acronym nor a brand.
    if (
      !acronym &&
      !isBrand(single) &&
      (single.match(/\p{Lu}/gu)?.length ?? 0) > 1
    )
      return [];
  }
  const aliases: string[] = [];
  // « Contemporary Amperex Technology Co. Limited (CATL) »: the acronym names it, the rest is an alias.
  const [open, inner, close] = span.after;
  if (
    open?.text === '(' &&
    inner &&
    isAcronym(inner.text) &&
    close?.text === ')' &&
    words.length > 1
  ) {
    return [{ name: inner.text, kind: 'organisation', aliases: [name] }];
  }
  const kind = kindOf(words, span);
  return [
    {
      name,
      kind:
        honorific && kind === 'organisation' && !isAcronym(name)
          ? 'person'
          : kind,
      aliases,
    },
  ];
}

/** Honorifics: the name after them is a person's (« M. », « Mme », « Dr », « Me »). */
const HONORIFICS = new Set([
  'm',
  'mme',
  'mlle',
  'dr',
  'pr',
  'me',
  'monsieur',
  'madame',
  'docteur',
  'professeur',
  'maître',
  'sir',
  'lord',
  'lady',
]);

const DETERMINERS = new Set([
  'les',
  'des',
  'aux',
  'un',
  'une',
  'deux',
  'trois',
  'ces',
  'nos',
  'ses',
  'leurs',
]);

function kindOf(words: string[], span: Span): EntityKind {
  const lower = words.map((w) => w.toLowerCase().replace(/\.$/, ''));
  const near = [...span.before, ...span.after.map((t) => t.text.toLowerCase())];
  if (ORGANISATION_NOUNS.has(headNoun(span.before) ?? ''))
    return 'organisation';
  if (namedWith(span.before, PLACE_NOUNS)) return 'place';
  const role =
    span.before.at(-1) === ',' ? span.before.at(-2) : span.before.at(-1);
  if (
    !words.some(isAcronym) &&
    (near.some((w) => PERSON_NOUNS.has(w)) || PERSON_ROLES.has(role ?? ''))
  )
    return 'person';
  if (
    words.some((w) => isAcronym(w) || isBrand(w)) ||
    lower.some((w) => ORGANISATION_WORDS.has(w)) ||
    span.quoted
  )
    return 'organisation';
  if (
    PLACE_HEADS.has(lower[0]!) ||
    PLACE_PREPOSITIONS.has(span.before.at(-1) ?? '') ||
    afterPlaceWord(span.before)
  )
    return 'place';
  if (words.length === 1) return 'organisation';
  return words.length <= 4 ? 'person' : 'organisation';
}

/**
 * The noun a name stands after, skipping the lower-case words between them (« le groupe niçois
 * Hyphen Hyphen » → groupe, « le parc national de la Pendjari » → parc); null when a comma,
 * a quote or a capitalised word comes first.
 */
function headNoun(before: string[]): string | null {
  for (let i = before.length - 1; i >= 0; i--) {
    const w = before[i]!;
    if (PLACE_CONTEXT.has(w) || ORGANISATION_NOUNS.has(w) || WORK_NOUNS.has(w))
      return w;
    if (!/^[\p{Ll}'’-]+$/u.test(w)) return null;
  }
  return null;
}

/** « place de la Contrescarpe », « rue de Rivoli », « vallée du Rhône », « à l'Acropole »: the words before say it is a place. */
function afterPlaceWord(before: string[]): boolean {
  if (PLACE_CONTEXT.has(headNoun(before) ?? '')) return true;
  return (
    PLACE_PREPOSITIONS.has(before.at(-2) ?? '') &&
    ["l'", 'la'].includes(before.at(-1) ?? '')
  );
}

/**
 * One entity per name. A single word that is a person's first or last name elsewhere in the text
 * joins that person, wherever it comes and whatever it was read as (« Trump » in the headline,
 * « Donald Trump » in the lead; « à Biden » is not a place).
 */
function merge(found: Found[]): Entity[] {
  const byKey = new Map<string, Entity & { position: number }>();
  const people = found
    .filter((f) => f.kind === 'person' && f.name.includes(' '))
    .map((f) => wordKey(f.name));
  for (const f of found) {
    let key = wordKey(f.name);
    if (!f.name.includes(' ')) {
      const person =
        people.find((p) => p.split(' ').at(-1) === key) ??
        people.find((p) => p.split(' ')[0] === key);
      if (person && person !== key) {
        key = person;
        if (!byKey.has(key)) {
          const full = found.find((x) => wordKey(x.name) === person)!;
          byKey.set(key, {
            name: full.name,
            kind: 'person',
            key,
            mentions: 0,
            aliases: [],
            position: f.position,
          });
        }
      }
    }
    const existing = byKey.get(key);
    if (existing) {
      existing.mentions++;
      // A one-word name first read as an organisation by default, then as a person by its context (« le street artiste Banksy »).
      if (
        existing.kind === 'organisation' &&
        f.kind !== 'organisation' &&
        !existing.name.includes(' ') &&
        !isAcronym(existing.name)
      )
        existing.kind = f.kind;
      for (const a of f.aliases)
        if (!existing.aliases.includes(a)) existing.aliases.push(a);
    } else {
      byKey.set(key, {
        name: f.name,
        kind: f.kind,
        key,
        mentions: 1,
        aliases: [...f.aliases],
        position: f.position,
      });
    }
  }
  // A long name met before its acronym (« … Limited (CATL) » then « CATL »): one entity.
  for (const e of [...byKey.values()]) {
    for (const alias of e.aliases) {
      const twin = byKey.get(wordKey(alias));
      if (twin && twin !== e) {
        e.mentions += twin.mentions;
        byKey.delete(twin.key);
      }
    }
  }
  return [...byKey.values()]
    .sort((a, b) => b.mentions - a.mentions || a.position - b.position)
    .map(({ position: _p, ...e }) => e);
}

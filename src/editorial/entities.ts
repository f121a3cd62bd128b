import {
  FIRST_NAMES,
  FIXED_ORGANISATIONS,
  FIXED_PLACES,
  geonamesPlaces,
  ORGANISATION_NOUNS,
  PERSON_NOUNS,
  NAME_PARTICLES,
  NAME_TITLES,
  NOT_NAMES,
  OF_PLACE_NOUNS,
  PERSON_VERBS,
  TITLE_COMPLEMENTS,
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
  WORK_TITLES,
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

// The hand-written names last, so their French forms win over GeoNames' spellings of the same key.
const PLACES = new Map(
  [...geonamesPlaces(), ...PLACE_NAMES].map((p) => [nameKey(p), p]),
);
const HAND_PLACES = new Set(PLACE_NAMES.map(nameKey));
/** « Caire » is known as « Le Caire »: articles that belong to a place's name. */
const PLACES_WITH_ARTICLE = new Map(
  PLACE_NAMES.filter((p) => /^(?:Le|La|Les) /.test(p)).map((p) => [
    nameKey(p.replace(/^(?:Le|La|Les) /, '')),
    p,
  ]),
);
const ABBREVIATIONS =
  /(?:^|\s)(?:Co|Inc|Ltd|M|Mme|Mlle|Dr|Pr|St|Ste|av|J\.-C|etc|\p{Lu})\.$/u;

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
  /** Folded text, computed once when first needed (tokenKey). */
  key?: string;
}

const tokenKey = (t: Token) => (t.key ??= wordKey(t.text));

const UPPER_FIRST = /^\p{Lu}/u;
// Called for every token: ASCII answers without the Unicode regex.
const isCapitalised = (w: string) => {
  const c = w.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_FIRST.test(w);
};
const isAcronym = (w: string) => /^\p{Lu}{2,6}(?:-\p{Lu}{2,6})?$/u.test(w);
// « NejMaroc », « BuzzFeed »; not « McGee », « MacArthur », which are surnames.
const isBrand = (w: string) =>
  /^\p{Lu}\p{Ll}+\p{Lu}\p{Ll}+/u.test(w) && !/^Ma?c\p{Lu}/u.test(w);
const DASHES = new Set(['-', '–', '—']);
/** In brackets after a long name, « (ANSM) » and also « (Anses) », « (Inserm) »: acronyms written as words. */
const isBracketAcronym = (w: string) =>
  isAcronym(w) || /^\p{Lu}\p{Ll}{2,6}$/u.test(w);
const MEDIA_TAILS = new Set([
  'actu',
  'actus',
  'info',
  'infos',
  'matin',
  'soir',
  'hebdo',
  'magazine',
  'mag',
  'news',
  'tv',
  'fm',
  'radio',
  'presse',
  'journal',
  'times',
  'post',
  'tribune',
]);
/** Inhabitants' words the suffixes of DEMONYM miss. */
const NATIONALITIES = new Set(
  'belge belges suisse suisses russe russes turc turcs turque turques grec grecs grecque grecques arabe arabes kurde kurdes basque basques corse corses britannique britanniques asiatique asiatiques serbe serbes croate croates tchèque tchèques slovaque slovaques bulgare bulgares berbère berbères yéménite yéménites qatari qataris émirati émiratis sahraoui sahraouis afghan afghans afghane afghanes'.split(
    ' ',
  ),
);
/** Titles that, written in lower case before a name, make it a person's (« le cardinal Barbarin »). */
const TITLES_BEFORE_PEOPLE = new Set(
  [...NAME_TITLES].filter(
    (t) => !['prix', 'nobel', 'premier', 'première'].includes(t),
  ),
);
const WEB_NOUNS = new Set(
  'site webtélé webtv blog application appli plateforme réseau'.split(' '),
);
/** Nouns that head the name of an event, not of a thing that acts or a place. */
const EVENT_HEADS = new Set(
  'journée journées semaine fête fêtes sommet coupe championnat championnats marathon salon'.split(
    ' ',
  ),
);
const CARDINALS = new Set(['Nord', 'Sud', 'Est', 'Ouest']);
/** « Américain », « Niçoises »: an inhabitant's word. */
const DEMONYM = /(?:ain|aine|ais|aise|ois|oise|ien|ienne)s?$/;
/** « Elizabeth II », « Mohammed VI », « Louis XIV »: a regnal number, not an acronym. */
const isRegnal = (w: string) =>
  /^(?:X{0,2})(?:IX|IV|V?I{0,3})$/.test(w) && w.length > 0;

const GLUED_OPENER =
  /(\p{Ll}{3}|\p{Lu}{3})(Le|La|Les|Il|Elle|Ils|Elles|Un|Une|Par|Pour|Dans|Selon|Mais|Depuis|Cette|Ces|Après|Alors|Lors|Sur)(?=\s)/gu;

/** Sentences of a text: split on end punctuation, never after « Co. » or « M. »; a colon opens one too. */
function sentences(text: string): string[] {
  const out: string[] = [];
  for (let line of text.split(/\n+/)) {
    // Fil info lines start with a time (« 12:03KFC Maroc… ») or a bullet.
    line = line
      .replace(/^\s*[-*•]\s*/, '')
      .replace(/^\d{1,2}[:h]\d{2}\s*/, '')
      // Flattened paragraphs (« …jeudi.Le gouvernement… ») still end a sentence.
      // …also after an acronym (« selon TMZ.Une révolution… »).
      .replace(/([\p{Ll}\d)»"]|\p{Lu}{2})\.(?=\p{Lu})/gu, '$1. ')
      // …and without the full stop, when the next sentence's first word is glued to the last
      // word of this one (« Non Stop ZappingLa réaction », « par BFMTVPar la voix »).
      .replace(GLUED_OPENER, '$1. $2');
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

// A dash that joins no two words (« PEOPLE - Selon… », « – ») is punctuation: it ends a name.
const TOKEN =
  /[«»"“”()]|\p{Lu}\.(?=\s\p{Lu})|[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*\+?\.?|[,;:!?–—]|-(?![\p{L}\p{N}])/gu;
const ELISION =
  /^([dlDLjJmMnNsStTcC]|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu)['’](.+)$/u;
/** The tokens that are not words (TOKEN's other alternatives), and those that open a sentence. */
const PUNCTUATION = new Set([...'«»"“”(),;:!?–—-']);
const OPENERS = new Set(['«', '"', '“', '(']);

/** What a text's sentences have shown of its words, gathered while tokenizing them. */
interface Seen {
  /** Capitalised words met inside a sentence (not opening it). */
  midSentence: Set<string>;
  /**
   * Whether the text writes a word in lower case (« compteurs »): the same word capitalised
   * opening a headline is that word. Asked for a few spans only, so built on first use.
   */
  writesLower(word: string): boolean;
}

/** The tokens of a sentence; what they show of the text's words is added to `seen`. */
function tokenize(sentence: string, seen?: Seen): Token[] {
  const tokens: Token[] = [];
  let quoted = false;
  // A word opens a sentence when it comes first, or right after an opening bracket or quote.
  let opening = true;
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(sentence); m !== null; m = TOKEN.exec(sentence)) {
    let text = m[0];
    if (text.length === 1 && PUNCTUATION.has(text)) {
      // « VIDEO - Appelées unités… »: after a spaced dash, a new sentence may open.
      if (OPENERS.has(text) || DASHES.has(text)) opening = true;
      // A straight quote opens or closes by what touches it (« bien", a dit » closes), so a quote
      // left open by a sentence split does not swap the rest of the text in and out of quotes.
      let opens = text === '«' || text === '“';
      let closes = text === '»' || text === '”';
      if (text === '"') {
        const prev = sentence[m.index - 1],
          next = sentence[m.index + 1];
        if (prev === undefined || /[\s(«'’]/.test(prev)) opens = true;
        else if (next === undefined || /[\s.,;:!?)»]/.test(next)) closes = true;
        else if (quoted) closes = true;
        else opens = true;
      }
      if (opens || closes) quoted = opens;
      tokens.push({ text, start: false, quoted: false, key: undefined });
      continue;
    }
    // Elisions: « l'Europe » is « l' » then « Europe ».
    const elided =
      text.includes("'") || text.includes('’') ? ELISION.exec(text) : null;
    if (elided) {
      tokens.push({
        text: `${elided[1]!.toLowerCase()}'`,
        start: opening,
        quoted,
        key: undefined,
      });
      opening = false;
      text = elided[2]!;
    }
    // « R. Kelly », « J. K. Rowling »: an initial keeps its full stop, as abbreviations do.
    if (
      text.endsWith('.') &&
      !/^(?:Co|Inc|Ltd|M|Mme|Dr|St|\p{Lu})\.$/u.test(text)
    )
      text = text.slice(0, -1);
    if (seen && !opening && isCapitalised(text)) seen.midSentence.add(text);
    // Every token has the same shape (key included), so the code reading them stays monomorphic.
    tokens.push({ text, start: opening, quoted, key: undefined });
    opening = false;
  }
  return tokens;
}

interface Span {
  /** Token indices of the span in its sentence: [from, to). */
  from: number;
  to: number;
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
    const words = [
      t.text.replace(
        /\.$/,
        t.text === 'Co.' || /^\p{Lu}\.$/u.test(t.text) ? '.' : '',
      ),
    ];
    let j = i + 1;
    while (j < tokens.length) {
      const next = tokens[j]!.text;
      if (isCapitalised(next)) {
        words.push(next);
        j++;
        continue;
      }
      // « Mémorial de la Shoah », « Institut de l'Élevage »: after a noun that heads names.
      if (
        next === 'de' &&
        (tokens[j + 1]?.text === 'la' || tokens[j + 1]?.text === "l'") &&
        isCapitalised(tokens[j + 2]?.text ?? '') &&
        isNameHead(words[0]!)
      ) {
        words.push(next, tokens[j + 1]!.text, tokens[j + 2]!.text);
        j += 3;
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
    // « Agence nationale de sécurité du médicament (ANSM) », « Institut national de Géophysique
    // et de Vulcanologie (INGV) »: an organisation word, words, then its acronym.
    if (isNameHead(words[0]!)) {
      let k = j;
      while (
        k < tokens.length &&
        k - j < 12 &&
        /^[\p{L}'’-]+$/u.test(tokens[k]!.text)
      )
        k++;
      if (
        k > j &&
        tokens[k]?.text === '(' &&
        isBracketAcronym(tokens[k + 1]?.text ?? '') &&
        tokens[k + 2]?.text === ')'
      ) {
        words.push(...tokens.slice(j, k).map((x) => x.text));
        j = k;
      } else if (words.length === 1) {
        const end = describedName(tokens, j);
        if (end > j) {
          words.push(...tokens.slice(j, end).map((x) => x.text));
          j = end;
        }
      }
    }
    // « Le », « Il », « M. » alone: readSpan reads nothing in such a span (NOT_NAMES holds no
    // portfolio word), so it is not built — most spans are these sentence openers.
    if (words.length === 1 && isStopCapital(words[0]!)) {
      i = j;
      continue;
    }
    out.push({
      from: i,
      to: j,
      words,
      start: t.start,
      quoted: t.quoted,
      before: tokens
        .slice(Math.max(0, i - 4), i)
        .map((x) => x.text.toLowerCase()),
      after: tokens.slice(j, j + 4),
    });
    i = j;
  }
  return out;
}

/** Lower-case words that may join an organisation's name to its complement. */
const NAME_LINKS = new Set([
  ...'de du des la le les et pour sur contre'.split(' '),
  "d'",
  "l'",
]);
/** « régionale », « civiles », « nationaux »: adjectives, by their endings. */
const ADJECTIVE =
  /(?:al|ale|ales|aux|ique|iques|ien|ienne|iens|iennes|aire|aires|el|elle|els|elles|if|ive|ifs|ives|ile|iles|é|ée|és|ées|eur|eure|euse|eurs|eures|euses|ier|ière|iers|ières|ime|imes|ain|aine|ains|aines)$/;

/**
 * « Agence régionale de santé du Grand Est », « Collectif des parties civiles pour le Rwanda »:
 * after an organisation word, the lower-case words of its name up to the capitalised word that
 * completes it — adjectives, link words and the word after each link, nothing else (« L'Union a
 * décidé que la France… » has a verb) — and that capitalised run. The token index after the
 * name, or `from` when there is none.
 */
function describedName(tokens: Token[], from: number): number {
  let k = from;
  let afterLink = false;
  let complement = false;
  while (k < tokens.length && k - from < 10) {
    const w = tokens[k]!.text;
    if (NAME_LINKS.has(w)) afterLink = true;
    else if (isCapitalised(w)) {
      if (!afterLink || k === from || isStopCapital(w)) return from;
      while (k < tokens.length && isCapitalised(tokens[k]!.text)) k++;
      return k;
    } else if (
      /^\p{Ll}+$/u.test(w) &&
      (afterLink ||
        ADJECTIVE.test(w) ||
        DEMONYM.test(w) ||
        NATIONALITIES.has(w))
    ) {
      // « la Confédération nationale des buralistes. »: the name may end on its complement,
      // where the sentence or a clause does.
      complement ||= afterLink;
      const next = tokens[k + 1]?.text;
      if (complement && (next === undefined || /^[,;:.!?)»"]$/.test(next)))
        return k + 1;
      afterLink = false;
    } else return complement && !afterLink ? k : from;
    k++;
  }
  return from;
}

/** « Instituts », « Brigade »: a word that makes a name an organisation's, plural too. */
const isOrganisationWord = (w: string) => {
  const lower = w.toLowerCase();
  return (
    ORGANISATION_WORDS.has(lower) ||
    (/[sx]$/.test(lower) && ORGANISATION_WORDS.has(lower.slice(0, -1)))
  );
};
/** A noun that heads a name with « de la » in it (« Mémorial de la Shoah »). */
const isNameHead = (w: string) =>
  isOrganisationWord(w) || PLACE_NOUNS.has(w.toLowerCase());

// « M. », « Mme », « Dr. »: the honorific's full stop does not make it a name.
const isStopCapital = (w: string) =>
  NOT_NAMES.has((w.endsWith('.') ? w.slice(0, -1) : w).toLowerCase());

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
  return PLACES.get(key) ?? PLACES_WITH_ARTICLE.get(key) ?? null;
}

interface Found {
  name: string;
  kind: EntityKind;
  aliases: string[];
  position: number;
  /** How much of a guess the kind is: 1 after « à » (a place?), 2 for a word nothing describes (see kindOf). */
  weak?: 1 | 2;
}

/** The fixed organisation names as token sequences (see FIXED_ORGANISATIONS), by their first token's folded form. */
const FIXED = (() => {
  const byFirst = new Map<
    string,
    ({ name: string; kind: EntityKind } & FixedWords)[]
  >();
  const add = (names: readonly string[], kind: EntityKind) => {
    for (const name of names) {
      const tokens = tokenize(name).map((t) => t.text);
      // The elided article loses its capital in tokens: « L'Alsace » would take every
      // « l'Alsace », the region; such a title is left to its context.
      if (
        kind === 'organisation' &&
        tokens[0] === "l'" &&
        placeName(tokens.slice(1))
      )
        continue;
      const first = nameKey(tokens[0]!);
      (byFirst.get(first) ?? byFirst.set(first, []).get(first)!).push({
        name,
        kind,
        ...fixedWords(tokens),
      });
    }
  };
  add(FIXED_ORGANISATIONS, 'organisation');
  add(FIXED_PLACES, 'place');
  for (const list of byFirst.values())
    list.sort((a, b) => b.tokens.length - a.tokens.length);
  return byFirst;
})();
/**
 * Press titles and parties that open with their article (« Le Parisien », « Les Républicains »),
 * by the folded first word after it: met after a lower-case article or its contraction
 * (« rapporte le Républicain lorrain », « selon le Parisien », « du Monde ») they are still
 * that name, article included. Not when the rest is a place (« la Provence » is the region).
 */
const FIXED_AFTER_ARTICLE = (() => {
  const byFirst = new Map<string, ({ name: string } & FixedWords)[]>();
  for (const name of FIXED_ORGANISATIONS) {
    const [article, ...rest] = tokenize(name).map((t) => t.text);
    if (!['Le', 'La', 'Les'].includes(article!) || rest.length === 0) continue;
    if (placeName(rest)) continue;
    const first = nameKey(rest[0]!);
    (byFirst.get(first) ?? byFirst.set(first, []).get(first)!).push({
      name,
      ...fixedWords(rest),
    });
  }
  for (const list of byFirst.values())
    list.sort((a, b) => b.tokens.length - a.tokens.length);
  return byFirst;
})();
const ARTICLES_BEFORE_TITLES = new Set([
  'le',
  'la',
  'les',
  'du',
  'au',
  'aux',
  'des',
]);

/** The fixed names' lower-case first words (« franceinfo », « vallée »): any other lower-case word opens none of them. */
const FIXED_LOWER_FIRST = new Set(
  [...FIXED_ORGANISATIONS, ...FIXED_PLACES]
    .map((n) => tokenize(n)[0]!.text)
    .filter((w) => !isCapitalised(w))
    .map(wordKey),
);
const LOWER_FIRST_LETTERS = new Set([...FIXED_LOWER_FIRST].map((k) => k[0]!));
const LOWER_SECOND_LETTERS = new Set(
  [...FIXED_LOWER_FIRST].map((k) => k[1] ?? ''),
);
/**
 * Whether a lower-case token may fold to one of FIXED_LOWER_FIRST, without folding it: its first
 * letter is one of theirs, and so is its second when that is an ASCII letter or digit (which
 * folds to itself lower-cased; anything else, « l' » too, is folded to be sure).
 */
const mayOpenLowerFixed = (text: string) =>
  LOWER_FIRST_LETTERS.has(text[0]!) &&
  (text.length < 2 ||
    !/^[A-Za-z0-9]$/.test(text[1]!) ||
    LOWER_SECOND_LETTERS.has(text[1]!.toLowerCase()));

/** A fixed name's words, folded and with their capitalisation, computed once. */
interface FixedWords {
  tokens: string[];
  keys: string[];
  caps: boolean[];
}
function fixedWords(tokens: string[]): FixedWords {
  return {
    tokens,
    keys: tokens.map(wordKey),
    caps: tokens.map(isCapitalised),
  };
}

/**
 * The fixed name's words from token i on: the same words, the first also with the same
 * capitalisation (« Le Monde » is a newspaper, « le monde » is not), the others capitalised
 * where the name's are.
 */
function matchesAt(tokens: Token[], i: number, c: FixedWords): boolean {
  if (i + c.keys.length > tokens.length) return false;
  for (let k = 0; k < c.keys.length; k++) {
    const t = tokens[i + k]!;
    if (tokenKey(t) !== c.keys[k]) return false;
    // « Canal+ » is not « le Canal du Midi »: the plus folds away, so it is compared as written.
    if (c.tokens[k]!.endsWith('+') !== t.text.endsWith('+')) return false;
    const cap = isCapitalised(t.text);
    if (k === 0 ? cap !== c.caps[0] : !cap && c.caps[k]) return false;
  }
  return true;
}

/** Networks whose local stations are named after them. */
const LOCAL_NETWORKS = new Set(['France Bleu', 'France 3']);

/** Finds the fixed names in a sentence and blanks their tokens (and an acronym in brackets after them), so no other reading takes them. */
function takeFixedNames(tokens: Token[]): Omit<Found, 'position'>[] {
  const out: Omit<Found, 'position'>[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const text = tokens[i]!.text;
    // The first word must match with its capitalisation (sameWord), so most words are out at once.
    if (
      !isCapitalised(text) &&
      !(mayOpenLowerFixed(text) && FIXED_LOWER_FIRST.has(tokenKey(tokens[i]!)))
    )
      continue;
    const key = tokenKey(tokens[i]!);
    let hit: { name: string; kind: EntityKind; tokens: string[] } | undefined =
      FIXED.get(key)?.find((c) => matchesAt(tokens, i, c));
    // « Voici le détail… » opens a sentence with the word, not the magazine: a one-word name
    // that is also an ordinary sentence word is a name only inside a sentence.
    if (
      hit &&
      hit.tokens.length === 1 &&
      tokens[i]!.start &&
      isStopCapital(text)
    )
      hit = undefined;
    // (« la Coupe du Monde » is not the newspaper: the article belongs to a longer name.)
    if (
      !hit &&
      ARTICLES_BEFORE_TITLES.has(tokens[i - 1]?.text ?? '') &&
      !(isCapitalised(tokens[i - 2]?.text ?? '') && !tokens[i - 2]!.start)
    ) {
      const titled = FIXED_AFTER_ARTICLE.get(key)?.find((c) =>
        matchesAt(tokens, i, c),
      );
      if (titled)
        hit = {
          name: titled.name,
          kind: 'organisation',
          tokens: titled.tokens,
        };
    }
    if (!hit) continue;
    const aliases: string[] = [];
    let end = i + hit.tokens.length;
    // « RMC Sport News », « Paris Match TV »: a media word after a fixed name is part of it.
    while (
      MEDIA_TAILS.has((tokens[end]?.text ?? '').toLowerCase()) &&
      isCapitalised(tokens[end]!.text)
    )
      hit = {
        ...hit,
        name: `${hit.name} ${tokens[end]!.text}`,
        tokens: [...hit.tokens, tokens[end++]!.text],
      };
    // « France Bleu Azur », « France 3 Bretagne »: the local station is named after the network.
    if (LOCAL_NETWORKS.has(hit.name)) {
      const local: string[] = [];
      while (
        local.length < 2 &&
        isCapitalised(tokens[end]?.text ?? '') &&
        !isStopCapital(tokens[end]!.text)
      )
        local.push(tokens[end++]!.text);
      if (local.length)
        hit = { ...hit, name: joinTokens([...hit.tokens, ...local]) };
    }
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
    for (let k = i; k < end; k++) {
      tokens[k]!.text = '';
      tokens[k]!.key = '';
    }
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
  let lower: Set<string> | undefined;
  const seen: Seen = {
    midSentence: new Set(),
    writesLower: (word) =>
      (lower ??= new Set(
        all.flatMap((tokens) =>
          tokens.map((t) => t.text).filter((w) => w && !isCapitalised(w)),
        ),
      )).has(word),
  };
  const all = sentences(text).map((s) => tokenize(s, seen));
  let position = 0;
  for (const tokens of all) {
    for (const f of takeFixedNames(tokens))
      found.push({ ...f, position: ++position });
    let list: Found[][] = [];
    let end = -1;
    for (const span of spans(tokens)) {
      position++;
      const read = readSpan(span, known, seen).map((f) => ({ ...f, position }));
      if (!inList(tokens, end, span.from)) {
        listKinds(list);
        list = [];
      }
      list.push(read);
      end = span.to;
      found.push(...read);
    }
    listKinds(list);
  }
  return merge(found);
}

/** Whether only « , », « et » or « ou » stand between two spans (tokens end to from). */
function inList(tokens: Token[], end: number, from: number): boolean {
  if (end < 0 || from <= end) return false;
  for (let k = end; k < from; k++) {
    const t = tokens[k]!.text;
    if (t !== ',' && t !== 'et' && t !== 'ou') return false;
  }
  return true;
}

/**
 * « la région de Pedara, Trecastagni et Viagrande »: names listed together are of one kind, so
 * a word nothing describes takes the kind its list's other names were read as, when they agree.
 * Three names at least: « pour le Rwanda et Ibuka » may join two different things.
 */
function listKinds(list: Found[][]): void {
  if (list.length < 3) return;
  const all = list.flat();
  const surest = Math.min(...all.map((f) => f.weak ?? 0)) as 0 | 1 | 2;
  const kinds = new Set(
    all.filter((f) => (f.weak ?? 0) === surest).map((f) => f.kind),
  );
  if (kinds.size !== 1) return;
  const [kind] = kinds;
  for (const f of all)
    if ((f.weak ?? 0) > surest) {
      f.kind = kind!;
      f.weak = surest || undefined;
    }
}

function readSpan(
  given: Span,
  known: KnownNames,
  seen: Seen,
): Omit<Found, 'position'>[] {
  let span = given;
  const words = [...span.words];
  let start = span.start;
  const opener = words[0]!.toLowerCase();
  // Events are not labelled (« la Journée internationale des droits des femmes »).
  if (EVENT_HEADS.has(opener)) return [];
  // An award is not labelled (« le 50e prix Templeton »; « Prix Nobel » is read as a title below).
  if (
    span.before.at(-1) === 'prix' ||
    (span.before.at(-2) === 'prix' && !LINKS.has(span.before.at(-1)!))
  )
    return [];
  // The title of a show or a work (« l'émission phare Recherche appartement ou maison »).
  if (
    WORK_NOUNS.has(headNoun(span.before) ?? '') ||
    (span.before.at(-1) === '"' &&
      WORK_NOUNS.has(headNoun(span.before.slice(0, -1)) ?? ''))
  )
    return [];
  // « le Prélude de Bach », « l'interprète du Boléro »: the title of a work.
  if (
    (words.length > 1 && WORK_TITLES.has(opener)) ||
    (span.before.at(-2) === 'interprète' && LINKS.has(span.before.at(-1)!))
  )
    return [];
  // « FAIT DIVERS. », « BEST-OF POLITIQUE. », « PEOPLE - »: a rubric in capitals opening the
  // text, not a name; and three words in capitals or more anywhere are a cry or a title
  // (« JE M'EXCUSE DE VOUS AVOIR FAIT PEUR »).
  const capitals = words.every((w) => /^[\p{Lu}-]+$/u.test(w));
  if (
    capitals &&
    ((span.start &&
      (words.length > 1 || DASHES.has(span.after[0]?.text ?? ''))) ||
      words.length >= 3)
  )
    return [];
  // A portfolio, not a name: « ministre des Affaires étrangères » (but « le secrétaire
  // général de l'ONU », « le secrétaire du FN » name the body).
  if (
    span.before.some((w) => PORTFOLIO_HEADS.has(w)) &&
    ['des', 'de', 'du', "l'", 'la'].includes(span.before.at(-1) ?? '') &&
    PORTFOLIO_WORDS.has(words[0]!.toLowerCase())
  ) {
    // …but « le ministère de l'Intérieur » names the institution.
    const at = span.before.lastIndexOf('ministère');
    if (at < 0) return [];
    // « de l'Économie et des Finances »: a second portfolio after « et » is the same ministry's.
    const [a, b, c] = span.after.map((t) => t.text);
    const tail =
      a === 'et' &&
      (b === 'des' || b === 'de' || b === 'du') &&
      PORTFOLIO_WORDS.has((c ?? '').toLowerCase())
        ? [a, b, c!]
        : PORTFOLIO_WORDS.has(a ?? '')
          ? [a!]
          : [];
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
    (isStopCapital(words[0]!) || NAME_PARTICLES.has(words[0]!.toLowerCase())) &&
    // (« Centre marocain de recherche… »: an organisation word heading its described name stays.)
    !(isOrganisationWord(words[0]!) && /^\p{Ll}/u.test(words[1] ?? ''))
  ) {
    if (HONORIFICS.has(words[0]!.toLowerCase().replace(/\.$/, '')))
      honorific = true;
    words.shift();
    start = false;
  }
  // « la Prix Nobel de la Paix Shirin Ebadi », « le Président Macron »: the title goes; a title
  // alone, or a prize with one word (« Prix Goncourt »), names no one.
  let titles = 0;
  while (words.length && NAME_TITLES.has(words[0]!.toLowerCase())) {
    titles += words[0]!.toLowerCase() === 'prix' ? 2 : 1;
    words.shift();
    start = false;
  }
  if (titles > 0 && words.length < titles) return [];
  // « le Ministre des Solidarités et de la Santé »: a title and its portfolio name no one.
  const rest = words.filter((w) => !LINKS.has(w.toLowerCase()));
  if (
    rest.length === 1 &&
    PORTFOLIO_WORDS.has(rest[0]!.toLowerCase()) &&
    span.words.some((w) => {
      const lower = w.toLowerCase();
      return NAME_TITLES.has(lower) || PORTFOLIO_HEADS.has(lower);
    })
  )
    return [];
  // …and « de la Paix », « de la République » after the title are its own.
  if (
    titleBefore(span.before) &&
    TITLE_COMPLEMENTS.has(words[0]?.toLowerCase() ?? '')
  ) {
    words.shift();
    // « le procureur de la République de Besançon »: what follows is where.
    while (words.length && LINKS.has(words[0]!.toLowerCase())) words.shift();
    start = false;
  }
  while (words.length && NAME_PARTICLES.has(words.at(-1)!.toLowerCase()))
    words.pop();
  // « Compteurs Linky : … »: a headline's first word that the text writes in lower case
  // elsewhere (« les compteurs communicants ») is that word.
  if (
    start &&
    words.length >= 2 &&
    !seen.midSentence.has(words[0]!) &&
    seen.writesLower(words[0]!.toLowerCase())
  ) {
    words.shift();
    // « Disparition de Lucas Tronche » (« la disparition de leur fils »): the link goes too.
    if (words.length > 1 && LINKS.has(words[0]!.toLowerCase())) words.shift();
    start = false;
  }
  // « Meurtre d'Alexia : … », « Audition de Jean Dupont »: a headline's first word, then « de »
  // and a name, is an ordinary noun when nothing says it names anything.
  if (
    start &&
    words.length >= 3 &&
    LINKS.has(words[1]!.toLowerCase()) &&
    !seen.midSentence.has(words[0]!) &&
    !ORGANISATION_WORDS.has(words[0]!.toLowerCase()) &&
    !placeName(words.slice(0, 1)) &&
    !personFirstName(words.slice(0, 1)) &&
    !known.has(wordKey(words.join(' ')))
  ) {
    words.splice(0, 2);
    start = false;
  }
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
          seen,
        ),
      ];
  }
  // « Monoprix de Marseille », « Amérique de Minneapolis »: a name, then where it is.
  const particle = words.findIndex(
    (w, i) => i > 0 && ['de', "d'", 'du'].includes(w.toLowerCase()),
  );
  if (particle > 0 && particle < words.length - 1 && !placeName(words)) {
    const tailWords = words.slice(particle + 1);
    const tail = placeName(tailWords);
    const headWords = words.slice(0, particle);
    // « les Bouffes du Nord », « la gare de l'Est »: a direction completes the name.
    const direction = tailWords.length === 1 && CARDINALS.has(tailWords[0]!);
    // « le FN de Marine Le Pen », « la Russie de Vladimir Poutine »: a name, then whose it is.
    if (!tail && tailWords.length >= 2 && personFirstName(tailWords))
      return [
        ...readSpan({ ...span, words: headWords, after: [] }, known, seen),
        ...readSpan(
          { ...span, words: tailWords, start: false, before: [] },
          known,
          seen,
        ),
      ];
    // « Place d'Italie », « Gare de Lyon »: a place noun heading the name keeps its complement.
    const placeHead =
      headWords.length === 1 &&
      (STREET_NOUNS.has(headWords[0]!.toLowerCase()) ||
        PLACE_NOUNS.has(headWords[0]!.toLowerCase()));
    if (
      tail &&
      !direction &&
      !placeHead &&
      !headWords.some((w) => ORGANISATION_WORDS.has(w.toLowerCase()))
    ) {
      return [
        ...readSpan({ ...span, words: headWords, after: [] }, known, seen),
        { name: tail, kind: 'place', aliases: [] },
      ];
    }
  }
  // « la métropole d'Aix-Marseille », « à Aix-Marseille »: after a place noun or « à », one
  // place named after two (not « à Jean-Michel », nor « l'Afro-Américain »).
  if (
    words.length === 1 &&
    /^\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)+$/u.test(words[0]!) &&
    (namedWith(span.before, PLACE_NOUNS) ||
      namedWith(span.before, PLACE_CONTEXT) ||
      PLACE_PREPOSITIONS.has(span.before.at(-1) ?? '')) &&
    !isFirstName(words[0]!) &&
    !DEMONYM.test(words[0]!)
  )
    return [{ name: words[0]!, kind: 'place', aliases: [] }];
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
  // « RN Louis Aliot », « LR Jean-Marc Pujol »: an acronym, then a person named with a given name.
  if (
    words.length >= 3 &&
    isAcronym(words[0]!) &&
    personFirstName(words.slice(1))
  )
    return [
      ...readSpan(
        { ...span, words: words.slice(0, 1), after: [] },
        known,
        seen,
      ),
      ...readSpan(
        { ...span, words: words.slice(1), start: false, before: [] },
        known,
        seen,
      ),
    ];
  const name = joinTokens(words).replace(/\s+\.$/, '');
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
      !HAND_PLACES.has(wordKey(place)) &&
      !seen.midSentence.has(words[0]!)
    )
  )
    return [{ name: place, kind: 'place', aliases: [] }];
  const single = words.length === 1 ? words[0]! : null;
  if (single !== null) {
    // Codes and units (« V8 », « C7 », « Nm »): not names; but « l'association L214 » is one.
    if (
      (/\d/.test(single) &&
        !ORGANISATION_NOUNS.has(headNoun(span.before) ?? '')) ||
      (single.length <= 2 && !isAcronym(single))
    )
      return [];
    const acronym = isAcronym(single);
    // A sentence opener is a name only when it is known, an acronym, a brand, or recurs mid-sentence.
    if (start && !acronym && !isBrand(single) && !seen.midSentence.has(single))
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
      (/(?:ais|aise|ois|oise|iens|iennes|ains|aines|ands|andes|ols|oles|aux)$/.test(
        single,
      ) ||
        NATIONALITIES.has(single.toLowerCase())) &&
      ([span.before.at(-1), opener].some((w) => DETERMINERS.has(w ?? '')) ||
        /^\d+$/.test(span.before.at(-1) ?? ''))
    )
      return [];
    // « une jeune Italienne », « de jeunes Italiens »: an inhabitant after an adjective.
    if (
      (DEMONYM.test(single) || NATIONALITIES.has(single.toLowerCase())) &&
      !personFirstName(words) &&
      /^\p{Ll}+$/u.test(span.before.at(-1) ?? '') &&
      ['jeune', 'jeunes', 'deux', 'trois', 'nombreux', 'plusieurs'].includes(
        span.before.at(-1)!,
      )
    )
      return [];
    // « l'Australien », « un Marseillais »: one inhabitant, not a name (unless a given name: « Alain »).
    if (
      /(?:ien|ienne|ain|aine|ais|aise|ois|oise|and|ande)$/.test(single) &&
      ["l'", 'le', 'la', 'un', 'une'].includes(span.before.at(-1) ?? '') &&
      !personFirstName(words)
    )
      return [];
    // « de l'Égalité », « et des Finances »: a portfolio on its own.
    if (
      PORTFOLIO_WORDS.has(single.toLowerCase()) &&
      ['de', 'des', 'du', "l'", 'et', 'la', 'aux'].includes(
        span.before.at(-1) ?? '',
      )
    )
      return [];
    // Units and codes (« GWh », « CO2 »): capitals inside a word that is neither an acronym nor a brand.
    // (« Marie-Odile » is a given name; « Afro-Américain » is not.)
    if (
      !acronym &&
      !isBrand(single) &&
      !isFirstName(single) &&
      (single.match(/\p{Lu}/gu)?.length ?? 0) > 1
    )
      return [];
  }
  const aliases: string[] = [];
  // « Contemporary Amperex Technology Co. Limited (CATL) »: the acronym names it, the rest is an alias.
  // « Centre marocain de recherche pour la globalisation « NejMaroc » »: a described name, then
  // the short name it goes by in quotes.
  const [q1, q2, q3] = span.after;
  if (
    words.length > 2 &&
    isOrganisationWord(words[0]!) &&
    q1 &&
    OPENERS.has(q1.text) &&
    q2 &&
    isCapitalised(q2.text) &&
    q3 &&
    ['»', '"', '”'].includes(q3.text)
  )
    return [{ name: q2.text, kind: 'organisation', aliases: [name] }];
  // (« Ne Zappez Pas! (NZZP) »: the name's own exclamation mark may come first.)
  const [open, inner, close] =
    span.after[0]?.text === '!' ? span.after.slice(1) : span.after;
  if (
    open?.text === '(' &&
    inner &&
    isBracketAcronym(inner.text) &&
    close?.text === ')' &&
    words.length > 1
  ) {
    // « Renaud Muselier (LR) »: a person, then the party.
    if (personFirstName(words))
      return [
        { name, kind: 'person', aliases: [] },
        { name: inner.text, kind: 'organisation', aliases: [] },
      ];
    return [{ name: inner.text, kind: 'organisation', aliases: [name] }];
  }
  const kind = kindOf(words, span);
  if (honorific && kind !== 'person' && kind !== 'place' && !isAcronym(name))
    return [{ name, kind: 'person', aliases }];
  if (kind === 'unknown')
    return [{ name, kind: 'organisation', aliases, weak: 2 }];
  if (kind === 'place?') return [{ name, kind: 'place', aliases, weak: 1 }];
  return [{ name, kind, aliases }];
}

/** « …Prix Nobel de la », « président de la »: a title, then the links to what it takes. */
function titleBefore(before: string[]): boolean {
  let i = before.length - 1;
  while (i >= 0 && (LINKS.has(before[i]!) || before[i] === 'la')) i--;
  return i < before.length - 1 && i >= 0 && NAME_TITLES.has(before[i]!);
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

/**
 * What a name's words and context say it is; 'place?' for a name after « à » or « en », likely
 * a place; 'unknown' for a single word nothing describes, read as an organisation (« Monoprix »).
 * Other readings of the same name, or of the names listed with it, override both (merge,
 * listKinds).
 */
function kindOf(
  words: string[],
  span: Span,
): EntityKind | 'place?' | 'unknown' {
  const lower = words.map((w) => w.toLowerCase().replace(/\.$/, ''));
  const near = [...span.before, ...span.after.map((t) => t.text.toLowerCase())];
  const head = headNoun(span.before) ?? '';
  if (ORGANISATION_NOUNS.has(head)) return 'organisation';
  // « le site Culturebox », « la webtélé Le Média »: a website or an application, right before.
  if (WEB_NOUNS.has(span.before.at(-1) ?? '')) return 'organisation';
  // « le maire de Levallois », « la préfète du Grand-Est ».
  const of = span.before.at(-2);
  if (
    LINKS.has(span.before.at(-1) ?? '') &&
    (OF_PLACE_NOUNS.has(of ?? '') ||
      (["l'", 'la'].includes(of ?? '') &&
        OF_PLACE_NOUNS.has(span.before.at(-3) ?? '')))
  )
    return 'place';
  // « le volcan Etna », « le volcan sicilien Etna », « le Mémorial de la Shoah ».
  if (
    namedWith(span.before, PLACE_NOUNS) ||
    placeNounBefore(span.before) ||
    (words.length > 1 &&
      (PLACE_NOUNS.has(lower[0]!) || STREET_NOUNS.has(lower[0]!)))
  )
    return 'place';
  // « Lorraine Actu », « Nice-Matin TV »: a media name by its last word.
  if (words.length > 1 && MEDIA_TAILS.has(lower.at(-1)!)) return 'organisation';
  if (
    words.length >= 2 &&
    isRegnal(words.at(-1)!) &&
    !words.slice(0, -1).some(isAcronym)
  )
    return 'person';
  if (
    !words.some(isAcronym) &&
    (near.some((w) => PERSON_NOUNS.has(w)) ||
      isRole(roleBefore(span.before)) ||
      TITLES_BEFORE_PEOPLE.has(roleBefore(span.before)) ||
      personFirstName(words) ||
      personAfter(span.after))
  )
    return 'person';
  if (
    words.some((w) => isAcronym(w) || isBrand(w)) ||
    lower.some((w) => ORGANISATION_WORDS.has(w))
  )
    return 'organisation';
  if (PLACE_HEADS.has(lower[0]!) || afterPlaceWord(span.before)) return 'place';
  // « à Téléstar » may be a place or a title: a guess, which « au magazine Téléstar » overrides.
  if (PLACE_PREPOSITIONS.has(span.before.at(-1) ?? '')) return 'place?';
  // A name in quotes is often a title (« "La Stampa" »), but a word in a long quotation is only quoted.
  if (span.quoted) return words.length === 1 ? 'unknown' : 'organisation';
  if (words.length === 1) return 'unknown';
  // « Warner Music France », « Française des Jeux »: a name ending on a country or a known town
  // (not any GeoNames place: « Le Pen », « Josselin » are surnames too), or holding « des »
  // or « du » without a given name first, is a company's, not a person's.
  if (
    (HAND_PLACES.has(wordKey(words.at(-1)!)) ||
      lower.some((w) => w === 'des' || w === 'du')) &&
    !personFirstName(words)
  )
    return 'organisation';
  // « les Grosses Têtes », « Ne Zappez Pas »: after a plural article, or with a negation in
  // it, a name is a group's or a title's, not a person's.
  if (
    ['les', 'des'].includes(span.before.at(-1) ?? '') ||
    lower.some((w) => w === 'ne' || w === 'pas' || w === "n'")
  )
    return 'organisation';
  return words.length <= 4 ? 'person' : 'organisation';
}

/**
 * The word a role would be in before a name: right before it, before a comma (« le maire, Jean
 * Dupont »), or before one adjective (« le vulcanologue allemand Boris Behncke »).
 */
function roleBefore(before: string[]): string {
  const last = before.at(-1) ?? '';
  if (
    last === ',' ||
    (/^\p{Ll}+$/u.test(last) && !NOT_ROLE_ADJECTIVES.has(last))
  )
    return isRole(last) ? last : (before.at(-2) ?? '');
  return last;
}
const NOT_ROLE_ADJECTIVES = new Set([
  ...LINKS,
  'le',
  'la',
  'les',
  'et',
  'ou',
  'à',
  'au',
  'aux',
  'en',
  'par',
  'pour',
  'avec',
  'sur',
  'chez',
  'selon',
]);
/** A trade or role (PERSON_ROLES), or a « -logue », « -logiste » or « -iste » (« vulcanologue », « le mentaliste Viktor »). */
const isRole = (w: string) =>
  PERSON_ROLES.has(w) || /.{3}(?:logue|iste)$/.test(w);

/** « Johnny », « Boris Behncke »: a given name alone, or opening a name of two or three words. */
const personFirstName = (words: string[]) =>
  words.length <= 3 &&
  isFirstName(words[0]!) &&
  !words.some((w) => ORGANISATION_WORDS.has(w.toLowerCase()) || isAcronym(w));
const FIRST_NAME_KEYS = new Set(FIRST_NAMES.map(nameKey));
/** « Marie-Odile », « Jean-Baptiste »: a given name, or given names joined by a hyphen. */
const isFirstName = (w: string) =>
  FIRST_NAME_KEYS.has(wordKey(w)) ||
  (w.includes('-') &&
    w.split('-').every((p) => FIRST_NAME_KEYS.has(wordKey(p))));

/** « Ron Jeremy, 67 ans », « Maurane s'était confiée », « Johnny est mort »: what follows is a person's. */
function personAfter(after: Token[]): boolean {
  const [a, b, c] = after.map((t) => t.text.toLowerCase());
  if (a === ',' && b !== undefined && /^\d{1,3}$/.test(b) && c === 'ans')
    return true;
  const verbs = a === ',' || a === "s'" || a === 'se' ? [b, c] : [a, b];
  return (
    PERSON_VERBS.has(verbs[0] ?? '') ||
    (AUXILIARIES.has(verbs[0] ?? '') && PERSON_VERBS.has(verbs[1] ?? ''))
  );
}
const AUXILIARIES = new Set(['est', 'était', 'a', 'avait', 'sera', 'serait']);

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

/** « le volcan sicilien Etna »: a place noun, then adjectives only, before the name. */
function placeNounBefore(before: string[]): boolean {
  for (let i = before.length - 1; i >= 0; i--) {
    const w = before[i]!;
    if (PLACE_NOUNS.has(w)) return i < before.length - 1;
    if (!(ADJECTIVE.test(w) || DEMONYM.test(w) || NATIONALITIES.has(w)))
      return false;
  }
  return false;
}

/** « place de la Contrescarpe », « rue de Rivoli », « vallée du Rhône », « à l'Acropole »: the words before say it is a place. */
function afterPlaceWord(before: string[]): boolean {
  if (PLACE_CONTEXT.has(headNoun(before) ?? '')) return true;
  return (
    PLACE_PREPOSITIONS.has(before.at(-2) ?? '') &&
    ["l'", 'la'].includes(before.at(-1) ?? '')
  );
}

const ACRONYM_LINKS = new Set([
  ...LINKS,
  'la',
  'le',
  'les',
  'et',
  'en',
  'pour',
  'à',
  'aux',
]);
/**
 * The acronyms a name may go by: its words' initials (« La République en marche » → LREM), less
 * its link words (« Front national » → FN, « Provence-Alpes-Côte d'Azur » → PACA), less a
 * leading article too (« Les Républicains » → R, LR).
 */
function initialsOf(name: string): string[] {
  const words = name
    .split(/[\s-]+/)
    .map((w) => w.replace(/^\p{L}['’](?=\p{L})/u, ''))
    .filter(Boolean);
  const initials = (ws: string[]) =>
    ws.map((w) => w[0]!.toUpperCase()).join('');
  const meaningful = words.filter((w) => !ACRONYM_LINKS.has(w.toLowerCase()));
  return [
    initials(words),
    initials(meaningful),
    initials(
      words.filter((w, i) => !(i > 0 && ACRONYM_LINKS.has(w.toLowerCase()))),
    ),
  ];
}

/**
 * One entity per name. A single word that is a person's first or last name elsewhere in the text
 * joins that person, wherever it comes and whatever it was read as (« Trump » in the headline,
 * « Donald Trump » in the lead; « à Biden » is not a place).
 */
function merge(found: Found[]): Entity[] {
  const byKey = new Map<
    string,
    Entity & { position: number; weak?: 1 | 2 | undefined }
  >();
  const people = found
    .filter((f) => f.kind === 'person' && f.name.includes(' '))
    .map((f) => {
      const key = wordKey(f.name);
      const words = key.split(' ');
      return { key, first: words[0], last: words.at(-1) };
    });
  for (const f of found) {
    let key = wordKey(f.name);
    // « Dupont de Ligonnès » after « Xavier Dupont de Ligonnès »: the same person.
    const longer =
      f.kind === 'person' && f.name.includes(' ')
        ? people.find((p) => p.key !== key && p.key.endsWith(` ${key}`))?.key
        : undefined;
    if (longer) key = longer;
    else if (!f.name.includes(' ')) {
      const person =
        people.find((p) => p.last === key)?.key ??
        people.find((p) => p.first === key)?.key;
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
      // A one-word name first read as an organisation by default, then as a person by its
      // context (« le street artiste Banksy »); a guess, then a surer reading (« à Téléstar »,
      // then « au magazine Téléstar »).
      if (
        (existing.kind === 'organisation' &&
          f.kind !== 'organisation' &&
          !existing.name.includes(' ') &&
          !isAcronym(existing.name)) ||
        (f.weak ?? 0) < (existing.weak ?? 0)
      ) {
        existing.kind = f.kind;
        existing.weak = f.weak;
      }
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
        weak: f.weak,
      });
    }
  }
  // « l'Assemblée » and « l'Assemblée nationale » in one text: the short form of an
  // organisation's name, its first word, is the same organisation; so is a title without its
  // article (« du Figaro », « Le Figaro »).
  for (const short of [...byKey.values()]) {
    if (short.kind !== 'organisation' || isAcronym(short.name)) continue;
    const single = !/[\s-]/.test(short.name);
    const long = [...byKey.values()].find(
      (e) =>
        e !== short &&
        e.kind === 'organisation' &&
        ((single && e.key.startsWith(`${short.key} `)) ||
          ['le', 'la', 'les', 'l'].some((a) => e.key === `${a} ${short.key}`)),
    );
    if (!long) continue;
    long.mentions += short.mentions;
    long.aliases.push(short.name);
    long.position = Math.min(long.position, short.position);
    byKey.delete(short.key);
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
  // « FN » and « Front national », « PACA » and « Provence-Alpes-Côte d'Azur » in one text: an
  // acronym of a longer name's initials is that name.
  for (const short of [...byKey.values()]) {
    if (!isAcronym(short.name)) continue;
    // (A person by every initial, three at least: « DSK », « JFK ».)
    const long = [...byKey.values()].find(
      (e) =>
        e !== short &&
        /[\s-]/.test(e.name) &&
        (e.kind === 'person'
          ? short.name.length >= 3 && initialsOf(e.name)[0] === short.name
          : initialsOf(e.name).includes(short.name)),
    );
    if (!long) continue;
    long.mentions += short.mentions;
    long.aliases.push(short.name);
    long.position = Math.min(long.position, short.position);
    byKey.delete(short.key);
  }
  return (
    [...byKey.values()]
      // A capitalised word read as nothing in particular (kindOf's « unknown »), met once, is
      // more often a product, a programme or an emphasised noun (« Linky », « Dépakine ») than
      // an organisation: suggested only when the text names it twice (dev 0.955 → 0.957,
      // train-2 0.931 → 0.938; two right organisations of 319 lost, five wrong ones dropped).
      .filter((e) => !(e.weak === 2 && e.mentions === 1))
      .sort((a, b) => b.mentions - a.mentions || a.position - b.position)
      .map(({ position: _p, weak: _w, ...e }) => e)
  );
}

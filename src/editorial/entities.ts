import { NAME_PARTICLES, NOT_NAMES, ORGANISATION_WORDS, PLACE_HEADS, PLACE_NAMES, PLACE_PREPOSITIONS, PORTFOLIO_HEADS } from './gazetteer.ts';
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
export type KnownNames = ReadonlyMap<string, { name: string; kind: EntityKind }>;

const PLACES = new Map(PLACE_NAMES.map((p) => [nameKey(p), p]));
/** « Caire » is known as « Le Caire »: articles that belong to a place's name. */
const PLACES_WITH_ARTICLE = new Map(PLACE_NAMES.filter((p) => /^(?:Le|La|Les) /.test(p)).map((p) => [nameKey(p.replace(/^(?:Le|La|Les) /, '')), p]));
const ABBREVIATIONS = /(?:^|\s)(?:Co|Inc|Ltd|M|Mme|Mlle|Dr|Pr|St|Ste|av|J\.-C|etc)\.$/;

interface Token { text: string; start: boolean; quoted: boolean }

const isCapitalised = (w: string) => /^\p{Lu}/u.test(w);
const isAcronym = (w: string) => /^\p{Lu}{2,6}$/u.test(w);
const isBrand = (w: string) => /^\p{Lu}\p{Ll}+\p{Lu}\p{Ll}+/u.test(w);

/** Sentences of a text: split on end punctuation, never after « Co. » or « M. »; a colon opens one too. */
function sentences(text: string): string[] {
  const out: string[] = [];
  for (let line of text.split(/\n+/)) {
    // Fil info lines start with a time (« 12:03KFC Maroc… ») or a bullet.
    line = line.replace(/^\s*[-*•]\s*/, '').replace(/^\d{1,2}[:h]\d{2}\s*/, '')
      // Flattened paragraphs (« …jeudi.Le gouvernement… ») still end a sentence.
      .replace(/([\p{Ll}\d)»"])\.(?=\p{Lu})/gu, '$1. ');
    let current = '';
    const parts = line.split(/(?<=[.!?…:;])\s+/);
    for (const part of parts) {
      current = current ? `${current} ${part}` : part;
      if (!ABBREVIATIONS.test(current)) { out.push(current); current = ''; }
    }
    if (current) out.push(current);
  }
  return out;
}

function tokenize(sentence: string): Token[] {
  const tokens: Token[] = [];
  let quoted = false;
  const re = /[«»"“”()]|[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*\.?|[,;:!?]/gu;
  for (const m of sentence.matchAll(re)) {
    let text = m[0];
    if (/^[«“]$/.test(text) || (text === '"' && !quoted)) { quoted = true; tokens.push({ text, start: false, quoted: false }); continue; }
    if (/^[»”"]$/.test(text)) { quoted = false; tokens.push({ text, start: false, quoted: false }); continue; }
    // Elisions: « l'Europe » is « l' » then « Europe ».
    const elided = /^([dlDLjJmMnNsStTcC]|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu)['’](.+)$/u.exec(text);
    if (elided) { tokens.push({ text: `${elided[1]!.toLowerCase()}'`, start: false, quoted }); text = elided[2]!; }
    if (text.endsWith('.') && !/^(?:Co|Inc|Ltd|M|Mme|Dr|St)\.$/.test(text)) text = text.slice(0, -1);
    tokens.push({ text, start: false, quoted });
  }
  // A word opens a sentence when it comes first, or right after an opening bracket, quote or dash.
  let opening = true;
  for (const t of tokens) {
    if (/[\p{L}\p{N}]/u.test(t.text)) { if (opening) t.start = true; opening = false; } else if (/^[«"“(–—-]$/.test(t.text)) opening = true;
  }
  return tokens;
}

interface Span { words: string[]; start: boolean; quoted: boolean; before: string[]; after: Token[] }

/** Runs of capitalised words, with the particles inside them. */
function spans(tokens: Token[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  while (i < tokens.length) {
    const t = tokens[i]!;
    if (!isCapitalised(t.text)) { i++; continue; }
    const words = [t.text.replace(/\.$/, t.text === 'Co.' ? '.' : '')];
    let j = i + 1;
    while (j < tokens.length) {
      const next = tokens[j]!.text;
      if (isCapitalised(next)) { words.push(next); j++; continue; }
      if (NAME_PARTICLES.has(next.toLowerCase()) && j + 1 < tokens.length && isCapitalised(tokens[j + 1]!.text) && !isStopCapital(tokens[j + 1]!.text)) {
        words.push(next, tokens[j + 1]!.text);
        j += 2;
        continue;
      }
      break;
    }
    out.push({ words, start: t.start, quoted: t.quoted, before: tokens.slice(Math.max(0, i - 3), i).map((x) => x.text.toLowerCase()), after: tokens.slice(j, j + 3) });
    i = j;
  }
  return out;
}

const isStopCapital = (w: string) => NOT_NAMES.has(w.toLowerCase());

function placeName(words: string[]): string | null {
  const key = nameKey(words.join(' '));
  return PLACES.get(key) ?? PLACES_WITH_ARTICLE.get(key) ?? null;
}

interface Found { name: string; kind: EntityKind; aliases: string[]; position: number }

/** Extracts the named entities of a text, most mentioned first. */
export function extractEntities(text: string, known: KnownNames = new Map()): Entity[] {
  const found: Found[] = [];
  const midSentence = new Set<string>();
  const all = sentences(text).map(tokenize);
  for (const tokens of all) for (const t of tokens) if (!t.start && isCapitalised(t.text)) midSentence.add(t.text);
  let position = 0;
  for (const tokens of all) {
    for (const span of spans(tokens)) {
      position++;
      for (const f of readSpan(span, known, midSentence)) found.push({ ...f, position });
    }
  }
  return merge(found);
}

function readSpan(span: Span, known: KnownNames, midSentence: Set<string>): Omit<Found, 'position'>[] {
  let words = [...span.words];
  let start = span.start;
  // A portfolio, not a name: « ministre des Affaires étrangères ».
  if (span.before.some((w) => PORTFOLIO_HEADS.has(w)) && ['des', 'de', 'du', "l'", 'la'].includes(span.before.at(-1) ?? '')) return [];
  while (words.length && (isStopCapital(words[0]!) || NAME_PARTICLES.has(words[0]!.toLowerCase()))) { words.shift(); start = false; }
  while (words.length && NAME_PARTICLES.has(words.at(-1)!.toLowerCase())) words.pop();
  if (words.length === 0) return [];
  // « Maroc-Japon », « sino-marocains »: two places, or nothing.
  if (words.length === 1 && words[0]!.includes('-') && !placeName(words)) {
    const parts = words[0]!.split('-');
    if (parts.every((p) => placeName([p]))) return parts.map((p) => ({ name: placeName([p])!, kind: 'place' as const, aliases: [] }));
  }
  const name = words.join(' ').replace(/\s+\.$/, '');
  const knownEntity = known.get(nameKey(name));
  if (knownEntity) return [{ name: knownEntity.name, kind: knownEntity.kind, aliases: [] }];
  const place = placeName(words);
  if (place) return [{ name: place, kind: 'place', aliases: [] }];
  const single = words.length === 1 ? words[0]! : null;
  if (single !== null) {
    // Codes and units (« V8 », « C7 », « Nm »): not names.
    if (/\d/.test(single) || (single.length <= 2 && !isAcronym(single))) return [];
    const acronym = isAcronym(single);
    // A sentence opener is a name only when it is known, an acronym, a brand, or recurs mid-sentence.
    if (start && !acronym && !isBrand(single) && !midSentence.has(single)) return [];
    // « (VE) » after ordinary words abbreviates them; it names nothing.
    if (acronym && span.before.at(-1) === '(' && !isCapitalised(span.before.at(-2) ?? '')) return [];
    // Units and codes (« GWh », « CO2 »): capitals inside a word that is neither an acronym nor a brand.
    if (!acronym && !isBrand(single) && (single.match(/\p{Lu}/gu)?.length ?? 0) > 1) return [];
  }
  const aliases: string[] = [];
  // « Contemporary Amperex Technology Co. Limited (CATL) »: the acronym names it, the rest is an alias.
  const [open, inner, close] = span.after;
  if (open?.text === '(' && inner && isAcronym(inner.text) && close?.text === ')' && words.length > 1) {
    return [{ name: inner.text, kind: 'organisation', aliases: [name] }];
  }
  return [{ name, kind: kindOf(words, span), aliases }];
}

function kindOf(words: string[], span: Span): EntityKind {
  const lower = words.map((w) => w.toLowerCase().replace(/\.$/, ''));
  if (words.some((w) => isAcronym(w) || isBrand(w)) || lower.some((w) => ORGANISATION_WORDS.has(w)) || span.quoted) return 'organisation';
  if (PLACE_HEADS.has(lower[0]!) || PLACE_PREPOSITIONS.has(span.before.at(-1) ?? '')) return 'place';
  if (words.length === 1) return 'organisation';
  return words.length <= 4 ? 'person' : 'organisation';
}

/** One entity per name; a surname alone joins the person it belongs to. */
function merge(found: Found[]): Entity[] {
  const byKey = new Map<string, Entity & { position: number }>();
  const people = () => [...byKey.values()].filter((e) => e.kind === 'person');
  for (const f of found) {
    let key = nameKey(f.name);
    if (!byKey.has(key) && !f.name.includes(' ')) {
      const person = people().find((p) => p.key.split(' ').at(-1) === key);
      if (person) key = person.key;
    }
    const existing = byKey.get(key);
    if (existing) {
      existing.mentions++;
      for (const a of f.aliases) if (!existing.aliases.includes(a)) existing.aliases.push(a);
    } else {
      byKey.set(key, { name: f.name, kind: f.kind, key, mentions: 1, aliases: [...f.aliases], position: f.position });
    }
  }
  // A long name met before its acronym (« … Limited (CATL) » then « CATL »): one entity.
  for (const e of [...byKey.values()]) {
    for (const alias of e.aliases) {
      const twin = byKey.get(nameKey(alias));
      if (twin && twin !== e) { e.mentions += twin.mentions; byKey.delete(twin.key); }
    }
  }
  return [...byKey.values()].sort((a, b) => b.mentions - a.mentions || a.position - b.position)
    .map(({ position: _p, ...e }) => e);
}

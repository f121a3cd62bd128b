/*
 * French typography, applied when text is served (pages, feeds, JSON-LD, social cards, the
 * content API), never to what is stored: the Markdown source, the titles and the chapôs stay as
 * the journalist typed them, so the editor, the diff, search and the Admin API see plain text, and
 * a change of rule here reaches every article at once without re-rendering a row.
 *
 * - U+202F (narrow no-break space) before ; ! ? and inside « », so neither the sign nor the
 *   guillemet can start a line (« », a déclaré » cannot happen any more);
 * - U+00A0 (no-break space) before : and between a number and its unit or %;
 * - typographic apostrophe (’), « » for straight double quotes, … for three dots.
 *
 * Never inside URLs, e-mail addresses, code, pre, or attributes: `typesetHtml` works on the text
 * nodes of sanitised HTML only.
 */
export const NNBSP = '\u202F';
export const NBSP = '\u00A0';

/** Units a number keeps on its line (« 12 km », « 3,5 % », « 40 millions »). */
const UNITS = [
  '%',
  '‰',
  '€',
  '\\$',
  '£',
  'DH',
  'MAD',
  'dirhams?',
  'euros?',
  'dollars?',
  'km/h',
  'km²',
  'km',
  'm²',
  'm³',
  'cm',
  'mm',
  'm',
  'kg',
  'mg',
  'g',
  't',
  'ha',
  'cl',
  'ml',
  'l',
  'L',
  'h',
  'min',
  'ms',
  's',
  '°C',
  '°',
  'Ko',
  'Mo',
  'Go',
  'To',
  'kWh',
  'MWh',
  'kW',
  'MW',
  'GW',
  'W',
  'Hz',
  'ans?',
  'mois',
  'jours?',
  'heures?',
  'minutes?',
  'secondes?',
  'semaines?',
  'millions?',
  'milliards?',
  'mètres?',
  'kilomètres?',
  'tonnes?',
  'litres?',
  'habitants',
  'points?',
];
const NUMBER_UNIT = new RegExp(
  `(\\d)[ \\u00A0\\u202F]?(${UNITS.join('|')})(?![\\p{L}\\d])`,
  'gu',
);
/** %, ‰ and currency signs take the space even when typed glued (« 12% »); words need one typed. */
const GLUED_SIGN = /^[%‰€$£]$/u;

/** What must come out untouched: addresses and e-mails typed in running text. */
const PROTECTED =
  /(?:https?:\/\/|ftp:\/\/|www\.)[^\s<>«»"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/giu;
/*
 * Each protected span becomes one private-use character, restored at the end: U+E100… for
 * addresses, U+E800… for the HTML entities `typesetHtml` does not decode (markdown strips the
 * private-use area it uses itself, U+E000–E001).
 */
const SPAN_BASE = 0xe100;
const ENTITY_BASE = 0xe800;
const RANGE = 0x700;

function placeholder(kept: string[], base: number, m: string): string {
  if (kept.length >= RANGE) return m;
  return String.fromCharCode(base + kept.push(m) - 1);
}
function restore(text: string, kept: string[], base: number): string {
  if (kept.length === 0) return text;
  return text.replace(/[\uE100-\uEEFF]/g, (c) => {
    const i = c.charCodeAt(0) - base;
    return i >= 0 && i < kept.length ? kept[i]! : c;
  });
}

const OPENING_CONTEXT = /[\s([{«—–-]/u;

/** Straight double quotes → « » (which one from what comes before), `prev` continuing a run. */
function frenchQuotes(text: string, prev: string): string {
  let out = '';
  let before = prev;
  for (const c of text) {
    if (c === '"')
      out += before === '' || OPENING_CONTEXT.test(before) ? '«' : '»';
    else out += c;
    before = c;
  }
  return out;
}

/**
 * The rules on one run of text; `prev` is the character before it in the same block (across an
 * inline tag: `<strong>Attention</strong>!`), '' at a block's start.
 */
function typesetRun(text: string, prev: string): string {
  const kept: string[] = [];
  let s = text.replace(PROTECTED, (m) => placeholder(kept, SPAN_BASE, m));
  s = s.replace(/\.\.\./g, '…');
  // The context character leads the string while the rules run, so a rule can see it; it is
  // taken off again at the end. A placeholder stands for "something", never for a space.
  const lead = prev === '' ? '\n' : prev;
  s = lead + s;
  s = s.replace(/(\p{L})'/gu, '$1’');
  s = lead + frenchQuotes(s.slice(lead.length), prev);
  s = s
    .replace(/«[ \u00A0\u202F]*/g, `«${NNBSP}`)
    .replace(/(\S)[ \u00A0\u202F]*»/gu, (_, c: string) =>
      c === NNBSP ? `${NNBSP}»` : `${c}${NNBSP}»`,
    )
    .replace(
      /([^\s;!?([{«<\u00A0\u202F])[ \u00A0\u202F]*([;!?]+)/gu,
      `$1${NNBSP}$2`,
    )
    .replace(/([^\s:\u00A0\u202F])[ \u202F]+:/gu, `$1${NBSP}:`)
    .replace(/([\p{L}»)\]’\uE100-\uEEFF]):(?=\s|$)/gu, `$1${NBSP}:`)
    .replace(NUMBER_UNIT, (m, digit: string, unit: string) =>
      m.length === digit.length + unit.length && !GLUED_SIGN.test(unit)
        ? m
        : `${digit}${NBSP}${unit}`,
    );
  return restore(s.slice(lead.length), kept, SPAN_BASE);
}

/**
 * Titles and chapôs already typeset, by their text. Every article page shows the same ten
 * newest titles in its fil info and teasers that come back page after page: about a dozen runs
 * of the rules per page, a sixth of an uncached page's rendering, for strings seen before. The
 * rules are a pure function of the text, so a remembered result is the result (28 such texts:
 * 0.27 ms to typeset, 0.005 ms remembered). Cleared when full: at most 2,048 texts of at most
 * 600 characters (5 MB at worst, well under a megabyte for titles and chapôs), and the hot
 * strings come back at once.
 */
const typesetTexts = new Map<string, string>();
const TYPESET_TEXTS_MAX = 2_048;
/** Longer texts (a rare long description) are typeset each time rather than held. */
const TYPESET_TEXT_KEPT_LENGTH = 600;

/** Plain text (a title, a chapô, a caption, a description) → French typography; not escaped. */
export function typesetText(text: string): string {
  if (text.length > TYPESET_TEXT_KEPT_LENGTH) return typesetRun(text, '');
  let typeset = typesetTexts.get(text);
  if (typeset === undefined) {
    typeset = typesetRun(text, '');
    if (typesetTexts.size >= TYPESET_TEXTS_MAX) typesetTexts.clear();
    typesetTexts.set(text, typeset);
  }
  return typeset;
}

/** Tags whose text is code or not text at all: left exactly as it is. */
const VERBATIM_TAGS = new Set([
  'code',
  'pre',
  'kbd',
  'samp',
  'script',
  'style',
  'textarea',
  'svg',
  'math',
]);
/** Tags that start a new run of text: quotes and spacing never reach across them. */
const BLOCK_TAGS = new Set([
  'p',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'blockquote',
  'figure',
  'figcaption',
  'table',
  'tr',
  'td',
  'th',
  'div',
  'br',
  'hr',
  'section',
  'aside',
  'dd',
  'dt',
  'picture',
  'img',
]);

const KNOWN_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: NBSP,
};
const ENTITY =
  /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|([a-zA-Z][a-zA-Z0-9]*));/g;

/** Sanitised HTML → the same HTML with French typography in its text nodes only. */
export function typesetHtml(html: string): string {
  const parts = html.split(/(<!--[\s\S]*?-->|<[^>]*>)/);
  let verbatim = 0;
  let prev = '';
  let out = '';
  for (const [i, part] of parts.entries()) {
    if (i % 2 === 1) {
      const tag = /^<(\/?)([a-zA-Z][a-zA-Z0-9]*)/.exec(part);
      if (tag) {
        const name = tag[2]!.toLowerCase();
        if (VERBATIM_TAGS.has(name)) verbatim += tag[1] ? -1 : 1;
        if (BLOCK_TAGS.has(name)) prev = '';
      }
      out += part;
      continue;
    }
    if (verbatim > 0 || part === '') {
      out += part;
      continue;
    }
    const kept: string[] = [];
    const text = part.replace(ENTITY, (m, dec, hex, name) => {
      if (dec || hex) {
        const code = Number.parseInt(dec ?? hex, dec ? 10 : 16);
        return code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
          ? String.fromCodePoint(code)
          : m;
      }
      return (
        KNOWN_ENTITIES[name as string] ?? placeholder(kept, ENTITY_BASE, m)
      );
    });
    const typeset = typesetRun(text, prev);
    prev = typeset.slice(-1);
    out += restore(
      typeset
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;'),
      kept,
      ENTITY_BASE,
    );
  }
  return out;
}

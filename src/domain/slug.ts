import slugify from '@sindresorhus/slugify';
import { hasArabic, plainArabicText } from '../search/arabic.ts';

const MAX_SLUG_LENGTH = 120;
/** Arabic letters (hamza to yeh, tatweel excluded): what an Arabic slug is made of. */
const ARABIC_LETTERS = '\\u0621-\\u063a\\u0641-\\u064a';
const SLUG = new RegExp(
  `^[a-z0-9${ARABIC_LETTERS}]+(?:-[a-z0-9${ARABIC_LETTERS}]+)*$`,
  'u',
);
/** Each Arabic letter is six characters once percent-encoded: Arabic slugs stop sooner. */
const MAX_ARABIC_SLUG_LENGTH = 80;

/**
 * A URL slug from a French title: accents transliterated, elided articles kept readable
 * (« L’économie » → `l-economie`), typographic quotes dropped, cut at a word boundary.
 */
export function slugFromTitle(title: string): string {
  if (hasArabic(title)) return arabicSlug(title);
  const cleaned = title.replace(/[’‘`´]/g, "'").replace(/[«»“”"]/g, ' ');
  let slug = slugify(cleaned, {
    decamelize: false,
    customReplacements: [
      ['&', ' et '],
      ['%', ' pour cent '],
      ['œ', 'oe'],
      ['Œ', 'oe'],
      ['æ', 'ae'],
    ],
  });
  if (slug.length > MAX_SLUG_LENGTH) {
    slug = slug.slice(0, MAX_SLUG_LENGTH);
    const cut = slug.lastIndexOf('-');
    if (cut > 40) slug = slug.slice(0, cut);
  }
  return slug || 'article';
}

/**
 * An Arabic title keeps its Arabic words, as Hespress, Al Jazeera or Le360's Arabic edition do:
 * a transliteration (« alhkwmt-teln-en-brnamj ») reads as noise to the Arabic reader, while
 * browsers and Google show the Arabic address decoded. Harakat and tatweel go, digits become
 * Western; Latin words inside are slugged as French ones. The URL carries it percent-encoded
 * (presenters/urls.ts encodes every slug).
 */
function arabicSlug(title: string): string {
  const words = (plainArabicText(title).match(/[\p{L}\p{N}]+/gu) ?? [])
    .map((w) => (hasArabic(w) ? w.replace(/[^\p{L}\p{N}]/gu, '') : slugify(w)))
    .filter((w) => w !== '' && SLUG.test(w));
  let slug = '';
  for (const w of words) {
    if (slug.length + w.length + 1 > MAX_ARABIC_SLUG_LENGTH && slug !== '')
      break;
    slug = slug === '' ? w : `${slug}-${w}`;
  }
  return slug.slice(0, MAX_ARABIC_SLUG_LENGTH) || 'article';
}

/** `base`, or `base-2`, `base-3`… the first that `taken` says is free. */
export async function uniqueSlug(
  base: string,
  taken: (slug: string) => Promise<boolean>,
): Promise<string> {
  if (!(await taken(base))) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!(await taken(candidate))) return candidate;
  }
}

/** A slug as typed by a person is accepted only in canonical form. */
export function isValidSlug(slug: string): boolean {
  return SLUG.test(slug) && slug.length <= MAX_SLUG_LENGTH;
}

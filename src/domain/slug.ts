import slugify from '@sindresorhus/slugify';

const MAX_SLUG_LENGTH = 120;

/**
 * A URL slug from a French title: accents transliterated, elided articles kept readable
 * (« L’économie » → `l-economie`), typographic quotes dropped, cut at a word boundary.
 */
export function slugFromTitle(title: string): string {
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
  return (
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug) && slug.length <= MAX_SLUG_LENGTH
  );
}

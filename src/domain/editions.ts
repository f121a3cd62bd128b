/**
 * Editions (issue #20): one newsroom, several editions, each in one language with its own
 * address, sections, home, fil info, feeds and sitemaps. The default install has only `fr`,
 * at the root of the site; every row that predates editions belongs to it.
 */
export const DEFAULT_EDITION = 'fr';

export interface Edition {
  code: string;
  /** BCP 47 language tag of the edition's copy and interface: `fr`, `ar`, `zgh`, `en`… */
  language: string;
  name: string;
  /** '' for the root, `/ar` for a path prefix; unused when `host` is set. */
  pathPrefix: string;
  /** The edition's own host (`ar.example.ma`), or null: served under `pathPrefix`. */
  host: string | null;
  /** The publication name Google News knows the edition by. */
  newsPublicationName: string;
  /** The edition's legal notice (Markdown-free text, one paragraph per line). */
  legalNotice: string;
}

/** Scripts written right to left: Arabic, Hebrew, Persian, Urdu, Syriac, Thaana, N'Ko. */
const RTL_LANGUAGES = new Set([
  'ar',
  'he',
  'fa',
  'ur',
  'ps',
  'syr',
  'dv',
  'nqo',
]);

export function direction(language: string): 'rtl' | 'ltr' {
  return RTL_LANGUAGES.has(language.split('-')[0]!.toLowerCase())
    ? 'rtl'
    : 'ltr';
}

/** An edition code, a language tag, a path prefix, a host: what `newsdesk edition add` accepts. */
export const EDITION_CODE = /^[a-z]{2,3}(?:-[a-z0-9]{2,8})?$/;
export const PATH_PREFIX = /^\/[a-z0-9-]{1,20}$/;
export const HOST =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+(?::\d{1,5})?$/;

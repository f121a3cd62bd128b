/**
 * Where a view came from, as one of a few kinds; the referrer itself is never kept. `m` is the
 * page's `utm_medium` (newsletters tag their links with it).
 */
export const REFERRER_KINDS = [
  'search',
  'social',
  'newsletter',
  'direct',
  'internal',
  'other',
] as const;
export type ReferrerKind = (typeof REFERRER_KINDS)[number];

export const REFERRER_LABELS: Record<ReferrerKind, string> = {
  search: 'Moteurs de recherche',
  social: 'Réseaux sociaux',
  newsletter: 'Lettre d’information',
  direct: 'Accès direct',
  internal: 'Navigation sur le site',
  other: 'Autres sites',
};

// Hosts are matched by their registrable part: « www.google.co.ma », « news.google.com »…
const SEARCH =
  /(^|\.)(google|bing|duckduckgo|yahoo|qwant|ecosia|yandex|baidu|search\.brave|startpage)\.[a-z.]+$/;
const SOCIAL =
  /(^|\.)(facebook|fb|instagram|x|twitter|t|linkedin|lnkd|whatsapp|wa|youtube|youtu|tiktok|snapchat|telegram|reddit|threads|bsky|pinterest)\.[a-z.]+$/;
const MAIL =
  /(^|\.)(mail\.google|outlook\.live|mail\.yahoo|webmail[a-z0-9-]*)\.[a-z.]+$/;

export function referrerKind(
  referrer: string | undefined,
  siteHosts: readonly string[],
  utmMedium?: string,
): ReferrerKind {
  if (utmMedium && /^(e-?mail|newsletter|lettre)$/i.test(utmMedium))
    return 'newsletter';
  if (!referrer) return 'direct';
  let host: string;
  try {
    host = new URL(referrer).hostname.toLowerCase();
  } catch {
    return 'other';
  }
  if (siteHosts.includes(host)) return 'internal';
  if (MAIL.test(host)) return 'newsletter';
  if (SEARCH.test(host)) return 'search';
  if (SOCIAL.test(host)) return 'social';
  return 'other';
}

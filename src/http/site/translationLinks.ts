import type { Db } from '../../db/database.ts';
import type { SiteConfig } from '../../config.ts';
import {
  listEditions,
  listPublicTranslations,
  listPublicTranslationsOf,
} from '../../db/repos/editions.ts';
import { DEFAULT_EDITION, type Edition } from '../../domain/editions.ts';
import { articleUrlIn } from '../../presenters/edition.ts';
import { paths } from '../../presenters/urls.ts';
import { alternateLinks, editionWords } from '../../views/site/edition.ts';
import { html } from '../../views/html.ts';

/**
 * What a default-edition article page adds when the article has translations (issue #20):
 * hreflang alternates (itself, each translation, x-default = itself) for <head>, and the
 * « اقرأ بالعربية » link. Nothing at all without translations, so those pages are unchanged.
 */
export async function translationLinks(
  db: Db,
  site: SiteConfig,
  article: { id: number; slug: string },
  now: Date,
  /** The editions when the caller keeps them (http/site/keptData.ts); read otherwise. */
  known?: Edition[],
): Promise<{ head: string; main: string }> {
  const editions = known ?? (await listEditions(db));
  if (editions.length < 2) return { head: '', main: '' };
  const translations = await listPublicTranslations(
    db,
    article.id,
    now,
    editions.map((e) => e.code),
  );
  if (translations.length === 0) return { head: '', main: '' };
  const self = site.url + paths.article(article.slug);
  const links = translations.map((t) => ({
    language: editions.find((e) => e.code === t.edition)!.language,
    url: articleUrlIn(site, editions, t.edition, t.slug)!,
  }));
  const head = alternateLinks([
    {
      hreflang:
        editions.find((e) => e.code === DEFAULT_EDITION)?.language ?? 'fr',
      href: self,
    },
    ...links.map((l) => ({ hreflang: l.language, href: l.url })),
    { hreflang: 'x-default', href: self },
  ]);
  const main = html`<p class="lang-switch wrap">!${links.map((l) => html`<a href="${l.url}" hreflang="${l.language}" lang="${l.language}" dir="auto">${editionWords(l.language).readIn[l.language] ?? l.language}</a>`)}</p>`;
  return { head, main };
}

/**
 * The hreflang set of each article of a sitemap page (of `edition`, the default one unless told)
 * that has translations (itself first): the `xhtml:link` alternates. Empty without other editions.
 */
export async function sitemapAlternates(
  db: Db,
  site: SiteConfig,
  rows: { id: number; slug: string }[],
  now: Date,
  edition: string = DEFAULT_EDITION,
): Promise<Map<number, { hreflang: string; href: string }[]>> {
  const out = new Map<number, { hreflang: string; href: string }[]>();
  const editions = await listEditions(db);
  if (editions.length < 2) return out;
  const others = editions.filter((e) => e.code !== edition);
  const found = await listPublicTranslationsOf(
    db,
    rows.map((r) => r.id),
    now,
    others.map((e) => e.code),
  );
  const own = editions.find((e) => e.code === edition)?.language ?? 'fr';
  for (const r of rows) {
    const list = found.get(r.id);
    if (!list) continue;
    out.set(r.id, [
      {
        hreflang: own,
        href: articleUrlIn(site, editions, edition, r.slug)!,
      },
      ...list.map((t) => ({
        hreflang: editions.find((e) => e.code === t.edition)!.language,
        href: articleUrlIn(site, editions, t.edition, t.slug)!,
      })),
    ]);
  }
  return out;
}

import { html } from '../html.ts';
import type { EditionFilDay, EditionTeaser } from '../../presenters/edition.ts';
import { direction, type Edition } from '../../domain/editions.ts';
import { SITE_STYLESHEET } from './inlineStylesheet.ts';
import { withPage } from '../../presenters/urls.ts';
import type { ListingModel } from './listing.ts';

/**
 * The pages of an edition other than the default one (issue #20): the same stylesheet and
 * class names as the French pages (site.css is written in logical properties, so `dir="rtl"`
 * mirrors it), the edition's language and direction on <html>, its own words, its typeface.
 */

/** The interface words of an edition's language (Arabic now; another language adds its table). */
export interface EditionWords {
  skip: string;
  home: string;
  leadStory: string;
  filInfo: string;
  by: string;
  published: string;
  legal: string;
  legalLink: string;
  sections: string;
  breadcrumb: string;
  empty: string;
  breaking: string;
  readIn: Record<string, string>;
  feed: string;
  search: string;
  searchLabel: string;
  results: (n: number) => string;
  noResult: string;
  /** A listing's kind (listing.ts' codes) in the edition's language. */
  kinds: Record<ListingModel['kind'], string>;
  /** « N articles », with the language's plural forms. */
  articles: (n: number) => string;
  moreThan: (n: number) => string;
  older: string;
  newest: string;
  previousPage: string;
  nextPage: string;
  page: (n: number) => string;
  pageOf: (n: number, count: number) => string;
  continued: string;
  pagination: string;
  listingEmpty: string;
  articlesBy: (name: string) => string;
  allArticles: (title: string) => string;
  /** Feed descriptions: a tag's, an author's. */
  feedTag: (name: string) => string;
  feedAuthor: (name: string) => string;
}

/** Arabic's six plural forms (CLDR, through Intl): مقال واحد، مقالان، 3 مقالات، 11 مقالا، 100 مقال. */
const arabicPlural = new Intl.PluralRules('ar');
function arabicArticles(n: number): string {
  const digits = n.toLocaleString('en-US');
  switch (arabicPlural.select(n)) {
    case 'zero':
      return 'لا مقالات';
    case 'one':
      return 'مقال واحد';
    case 'two':
      return 'مقالان';
    case 'few':
      return `${digits} مقالات`;
    case 'many':
      return `${digits} مقالا`;
    default:
      return `${digits} مقال`;
  }
}

const WORDS: Record<string, EditionWords> = {
  ar: {
    skip: 'انتقل إلى المحتوى',
    home: 'الرئيسية',
    leadStory: 'أبرز الأخبار',
    filInfo: 'آخر الأخبار',
    by: 'بقلم',
    published: 'نشر في',
    legal: 'البيانات القانونية',
    legalLink: 'البيانات القانونية',
    sections: 'الأقسام',
    breadcrumb: 'مسار التصفح',
    empty: 'لا توجد مقالات منشورة حاليا.',
    breaking: 'عاجل',
    readIn: { fr: 'Lire en français', ar: 'اقرأ بالعربية' },
    feed: 'موجز RSS',
    search: 'بحث',
    searchLabel: 'ابحث في الصحيفة',
    results: (n) => `${n} نتيجة`,
    noResult: 'لا توجد نتائج لهذا البحث.',
    kinds: {
      Rubrique: 'قسم',
      Sujet: 'موضوع',
      Auteur: 'كاتب',
      Personnalité: 'شخصية',
      Organisation: 'مؤسسة',
      Lieu: 'مكان',
    },
    articles: arabicArticles,
    moreThan: (n) => `أكثر من ${arabicArticles(n)}`,
    older: 'مقالات أقدم',
    newest: 'أحدث المقالات',
    previousPage: 'الصفحة السابقة',
    nextPage: 'الصفحة التالية',
    page: (n) => `الصفحة ${n}`,
    pageOf: (n, count) => `الصفحة ${n} من ${count}`,
    continued: 'تتمة',
    pagination: 'ترقيم الصفحات',
    listingEmpty: 'لا توجد مقالات منشورة هنا حاليا.',
    articlesBy: (name) => `مقالات ${name}`,
    allArticles: (title) => `جميع المقالات: ${title}.`,
    feedTag: (name) => `آخر المقالات حول: ${name}.`,
    feedAuthor: (name) => `آخر مقالات ${name}.`,
  },
};

export function editionWords(language: string): EditionWords {
  return WORDS[language.split('-')[0]!] ?? WORDS['ar']!;
}

/** Latin-script runs (names, acronyms, figures with units) isolated inside right-to-left copy. */
export function isolated(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(
    /[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ0-9'’.-]*(?:[ ][A-Za-zÀ-ÿ0-9][A-Za-zÀ-ÿ0-9'’.-]*)*/g,
  )) {
    out += html`${text.slice(last, m.index)}<bdi>${m[0]}</bdi>`;
    last = m.index + m[0].length;
  }
  return out + html`${text.slice(last)}`;
}

export interface Alternate {
  hreflang: string;
  href: string;
}

export interface EditionPageShell {
  edition: Edition;
  siteName: string;
  title: string;
  description: string;
  canonical: string;
  homeUrl: string;
  /** Stylesheets linked after the inlined site stylesheet (the right-to-left one). */
  stylesheets: string[];
  /** The typeface files to preload (the regular weight: the text's). */
  preload: string[];
  alternates: Alternate[];
  /** JSON-LD scripts, already rendered (views/site/head.ts `jsonLdScripts`). */
  jsonLd: string;
  feedUrl: string;
  legalUrl: string;
  searchUrl: string;
  today: string;
  main: string;
  bodyClass: string;
  /** The edition's sections, in the navigation. */
  sections: { name: string; url: string; current: boolean }[];
}

export function alternateLinks(alternates: Alternate[]): string {
  return alternates
    .map(
      (a) =>
        html`<link rel="alternate" hreflang="${a.hreflang}" href="${a.href}">`,
    )
    .join('\n');
}

export function editionLayout(p: EditionPageShell): string {
  const w = editionWords(p.edition.language);
  const dir = direction(p.edition.language);
  return html`<!doctype html>
<html lang="${p.edition.language}" dir="${dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${p.title}</title>
<meta name="description" content="${p.description}">
<link rel="canonical" href="${p.canonical}">
<meta name="robots" content="max-image-preview:large">
!${p.preload.map((f) => html`<link rel="preload" href="${f}" as="font" type="font/woff2" crossorigin>`)}
<style>!${SITE_STYLESHEET}</style>
!${p.stylesheets.map((s) => html`<link rel="stylesheet" href="${s}">`)}
<link rel="icon" href="/favicon.ico" sizes="16x16 32x32 48x48">
<meta name="theme-color" content="#9b1c1c">
<link rel="alternate" type="application/rss+xml" title="${p.edition.name}" href="${p.feedUrl}">
!${alternateLinks(p.alternates)}
!${p.jsonLd}
</head>
<body class="${p.bodyClass} edition-${p.edition.code}">
<a class="skip-link" href="#contenu">${w.skip}</a>
<header class="site-header">
  <div class="topbar wrap">
    <p class="today">${p.today}</p>
  </div>
  <div class="masthead wrap">
    <a class="brand" href="${p.homeUrl}">${p.edition.name}</a>
    <form class="site-search" role="search" aria-label="${w.searchLabel}" action="${p.searchUrl}" method="get">
      <label class="visually-hidden" for="site-search-q">${w.searchLabel}</label>
      <input id="site-search-q" type="search" name="q" dir="auto">
      <button type="submit">${w.search}</button>
    </form>
  </div>
  <nav class="sections-nav" aria-label="${w.sections}">
    <ul class="wrap">
      <li><a href="${p.homeUrl}"!${p.canonical === p.homeUrl ? ' aria-current="page"' : ''}>${w.home}</a></li>
      !${p.sections.map((s) => html`<li><a href="${s.url}"!${s.current ? ' aria-current="page"' : ''}>${s.name}</a></li>`)}
    </ul>
  </nav>
</header>
<main id="contenu" class="wrap" tabindex="-1">
!${p.main}
</main>
<footer class="site-footer">
  <div class="wrap footer-grid">
    <section aria-labelledby="footer-legal" class="legal">
      <h2 id="footer-legal">${w.legal}</h2>
      !${p.edition.legalNotice
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => html`<p>!${isolated(l)}</p>`)}
      <p class="legal-links"><a href="${p.legalUrl}">${w.legalLink}</a> · <a href="${p.feedUrl}">${w.feed}</a></p>
    </section>
  </div>
  <p class="wrap copyright">© <bdi>${p.siteName}</bdi></p>
</footer>
</body>
</html>`;
}

function byline(authors: string[], w: EditionWords): string {
  if (authors.length === 0) return '';
  return html`${w.by} !${authors.map((a) => html`<bdi>${a}</bdi>`).join('، ')}`;
}

function kicker(a: EditionTeaser): string {
  if (!a.section) return '';
  return a.sectionUrl
    ? html`<p class="kicker"><a href="${a.sectionUrl}">${a.section}</a></p>`
    : html`<p class="kicker">${a.section}</p>`;
}

function editionTeaser(
  a: EditionTeaser,
  level: 2 | 3,
  lead: boolean,
  className = 'teaser',
): string {
  const h = `h${level}`;
  return html`<article class="${className}">
  !${kicker(a)}
  <!${h} class="teaser-title"><a href="${a.url}">!${isolated(a.title)}</a></!${h}>
  !${lead ? html`<p class="teaser-lead">!${isolated(a.lead)}</p>` : ''}
  <p class="teaser-meta"><time datetime="${a.iso}">${a.label}</time></p>
</article>`;
}

export function editionFilInfo(days: EditionFilDay[], w: EditionWords): string {
  return html`<section class="fil-info" aria-labelledby="fil-info-title">
  <h2 id="fil-info-title" class="block-title"><span class="pulse" aria-hidden="true"></span>${w.filInfo}</h2>
  !${days.map(
    (
      day,
      i,
    ) => html`!${i === 0 && day.label === 'اليوم' ? '' : html`<h3 class="fil-day">${day.label}</h3>`}
  <ol class="fil-list" data-day="${day.key}">!${day.items.map((item) => html`<li data-id="${String(item.id)}"!${item.breaking ? ' class="breaking"' : ''}><time datetime="${item.iso}">${item.time}</time> <a href="${item.url}">!${isolated(item.title)}</a></li>`)}</ol>`,
  )}
</section>`;
}

export function editionHomeView(m: {
  edition: Edition;
  lead: EditionTeaser | null;
  top: EditionTeaser[];
  filInfo: EditionFilDay[];
}): string {
  const w = editionWords(m.edition.language);
  return html`<h1 class="visually-hidden">${m.edition.name}</h1>
<div class="home-top">
  <section class="a-la-une" aria-labelledby="a-la-une-title">
    <h2 id="a-la-une-title" class="block-title">${w.leadStory}</h2>
    !${
      m.lead
        ? html`<article class="lead-story">
      !${kicker(m.lead)}
      <h3 class="lead-title"><a href="${m.lead.url}">!${isolated(m.lead.title)}</a></h3>
      <p class="lead-chapo">!${isolated(m.lead.lead)}</p>
      <p class="teaser-meta">!${byline(m.lead.authors, w)} · <time datetime="${m.lead.iso}">${m.lead.label}</time></p>
    </article>`
        : html`<p class="empty">${w.empty}</p>`
    }
    !${m.top.length ? html`<div class="top-stories">!${m.top.map((a) => editionTeaser(a, 3, true))}</div>` : ''}
  </section>
  <aside class="home-fil" aria-label="${w.filInfo}">
    !${editionFilInfo(m.filInfo, w)}
  </aside>
</div>`;
}

export function editionArticleView(m: {
  edition: Edition;
  homeUrl: string;
  article: EditionTeaser & { bodyHtml: string };
  translations: { language: string; url: string; title: string }[];
  filInfo: EditionFilDay[];
}): string {
  const w = editionWords(m.edition.language);
  const a = m.article;
  return html`<div class="article-layout">
<article class="article" aria-labelledby="article-title">
  <nav class="breadcrumb" aria-label="${w.breadcrumb}">
    <ol>
      <li><a href="${m.homeUrl}">${w.home}</a></li>
      !${a.section ? html`<li>!${a.sectionUrl ? html`<a href="${a.sectionUrl}">${a.section}</a>` : html`${a.section}`}</li>` : ''}
      <li><span aria-current="page">!${isolated(a.title)}</span></li>
    </ol>
  </nav>
  <header class="article-header">
    !${a.breaking ? html`<p class="breaking-label">${w.breaking}</p>` : ''}
    <h1 id="article-title">!${isolated(a.title)}</h1>
    <p class="chapo">!${isolated(a.lead)}</p>
    !${a.authors.length ? html`<p class="byline">!${byline(a.authors, w)}</p>` : ''}
    <p class="dates">${w.published} <time datetime="${a.iso}">${a.label}</time></p>
    !${m.translations.map((t) => html`<p class="lang-switch"><a href="${t.url}" hreflang="${t.language}" lang="${t.language}" dir="auto">${w.readIn[t.language] ?? t.language}</a></p>`)}
  </header>
  <div class="article-body">!${a.bodyHtml}</div>
</article>
<aside class="article-aside" aria-label="${w.filInfo}">
  !${editionFilInfo(m.filInfo, w)}
</aside>
</div>`;
}

export function editionLegalView(edition: Edition): string {
  const w = editionWords(edition.language);
  return html`<article class="site-info">
<h1>${w.legal}</h1>
!${edition.legalNotice
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => html`<p>!${isolated(l)}</p>`)}
</article>`;
}

export function editionSearchView(m: {
  edition: Edition;
  q: string;
  action: string;
  total: number;
  /** Already escaped, with <mark> around the matches (search/highlight.ts). */
  results: { url: string; titleHtml: string; extractHtml: string }[];
}): string {
  const w = editionWords(m.edition.language);
  return html`<h1>${w.search}</h1>
<form class="search-form" role="search" action="${m.action}" method="get">
  <label for="search-q">${w.searchLabel}</label>
  <input id="search-q" type="search" name="q" value="${m.q}" dir="auto">
  <button type="submit">${w.search}</button>
</form>
!${m.q ? html`<p class="search-total">${m.results.length ? w.results(m.total) : w.noResult}</p>` : ''}
<ol class="search-results">!${m.results.map((r) => html`<li class="teaser"><h2 class="teaser-title"><a href="${r.url}">!${r.titleHtml}</a></h2><p class="teaser-lead" dir="auto">!${r.extractHtml}</p></li>`)}</ol>`;
}

/** A listing page of an edition (listing.ts' model, the edition's teasers and words). */
export interface EditionListingModel extends Omit<ListingModel, 'items'> {
  edition: Edition;
  items: EditionTeaser[];
}

/** Section, tag and author pages of an edition: the French listing's structure and class names, in its language. */
export function editionListingView(m: EditionListingModel): string {
  const w = editionWords(m.edition.language);
  return html`<header class="listing-header">
  <p class="kicker">${w.kinds[m.kind]}</p>
  <h1>!${isolated(m.title)}</h1>
  !${m.description ? html`<p class="listing-description">!${isolated(m.description)}</p>` : ''}
  !${editionListingCount(m, w)}
</header>
!${
    m.items.length
      ? html`<div class="listing front">!${m.items.map((a) => editionTeaser(a, 2, true, 'teaser listing-item'))}</div>`
      : html`<p class="empty">${w.listingEmpty}</p>`
  }
!${editionPagination(m, w)}`;
}

function editionListingCount(m: EditionListingModel, w: EditionWords): string {
  const page = m.page !== null && m.page > 1 ? html` · ${w.page(m.page)}` : '';
  if (m.total === null) return html`<p class="listing-count">${w.older}</p>`;
  if (m.pageCount === null)
    return html`<p class="listing-count">${w.moreThan(m.total - 1)}!${page}</p>`;
  return html`<p class="listing-count">${w.articles(m.total)}!${page}</p>`;
}

/**
 * The listing's pagination as listing.ts draws it (numbered pages, then older ones by keyset),
 * with arrows that point the way the page reads: backwards is to the right in Arabic.
 */
function editionPagination(m: EditionListingModel, w: EditionWords): string {
  const rtl = direction(m.edition.language) === 'rtl';
  const back = rtl ? '→' : '←';
  const forward = rtl ? '←' : '→';
  if (m.page !== null && m.pageCount !== null) {
    if (m.pageCount <= 1) return '';
    return html`<nav class="pagination" aria-label="${w.pagination}">
  !${m.page > 1 ? html`<a rel="prev" href="${withPage(m.basePath, m.page - 1)}">${back} ${w.previousPage}</a>` : '<span></span>'}
  <span class="page-count">${w.pageOf(m.page, m.pageCount)}</span>
  !${m.page < m.pageCount ? html`<a rel="next" href="${withPage(m.basePath, m.page + 1)}">${w.nextPage} ${forward}</a>` : '<span></span>'}
</nav>`;
  }
  const prev =
    m.page === null
      ? html`<a href="${m.basePath}">${back} ${w.newest}</a>`
      : m.page > 1
        ? html`<a rel="prev" href="${withPage(m.basePath, m.page - 1)}">${back} ${w.previousPage}</a>`
        : '<span></span>';
  const next = !m.next
    ? '<span></span>'
    : 'before' in m.next
      ? html`<a rel="next" href="${m.basePath}?avant=${String(m.next.before)}">${w.older} ${forward}</a>`
      : html`<a rel="next" href="${withPage(m.basePath, m.next.page)}">${w.nextPage} ${forward}</a>`;
  return html`<nav class="pagination" aria-label="${w.pagination}">
  !${prev}
  <span class="page-count">${m.page === null ? w.continued : w.page(m.page)}</span>
  !${next}
</nav>`;
}

import { html } from '../html.ts';
import { paths } from '../../presenters/urls.ts';
import type { SiteConfig } from '../../config.ts';
import { followLabel } from '../../presenters/share.ts';
import { formatLongDate } from '../../domain/frenchDates.ts';
import { siteFeedLinks } from './head.ts';
import { SITE_STYLESHEET } from './inlineStylesheet.ts';

export interface NavSection {
  name: string;
  url: string;
  current: boolean;
}

export interface PageShell {
  title: string;
  description: string;
  canonicalPath: string;
  /** Extra tags for <head> (metadata, structured data), already rendered. */
  head?: string;
  main: string;
  bodyClass?: string;
  noindex?: boolean;
}

export interface LayoutContext {
  site: SiteConfig;
  sections: NavSection[];
  now: Date;
  /** Live updates: the script's versioned URL, the event id the page is up to date with, the section page's slug. */
  live?: { script: string; since: number; section?: string };
  /** The audience beacon's URL and the article the page shows (absent: the page is not counted). */
  beacon?: { script: string; articleId?: number };
  /** The embeds' facade script (absent: facades stay links). */
  embeds?: string;
  /** Yesterday's distinct visitors, the figure loi 88-13 asks for (absent until the daily job wrote it). */
  audience?: LegalAudience;
}

/** « Audience du mardi 9 juillet 2025 : 1 234 visiteurs uniques ». */
export interface LegalAudience {
  dayLabel: string;
  visitors: string;
}

/** The page frame every public page shares: skip link, header with navigation, footer with the legal notice. */
export function layout(ctx: LayoutContext, page: PageShell): string {
  const { site } = ctx;
  const fullTitle = documentTitle(page, site);
  return html`<!doctype html>
<html lang="${site.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fullTitle}</title>
<meta name="description" content="${page.description}">
!${
    page.noindex
      ? html`<meta name="robots" content="noindex">`
      : html`<link rel="canonical" href="${site.url + page.canonicalPath}">
<meta name="robots" content="max-image-preview:large">`
  }
<style>!${SITE_STYLESHEET}</style>
<link rel="icon" href="${paths.favicon()}" sizes="16x16 32x32 48x48">
!${ctx.live ? html`<script src="${ctx.live.script}" defer data-since="${String(ctx.live.since)}"!${ctx.live.section ? html` data-section="${ctx.live.section}"` : ''}></script>` : ''}
!${ctx.embeds ? html`<script src="${ctx.embeds}" defer></script>` : ''}
!${ctx.beacon ? html`<script src="${ctx.beacon.script}" defer!${ctx.beacon.articleId ? html` data-article="${String(ctx.beacon.articleId)}"` : ''}></script>` : ''}
<meta name="theme-color" content="#9b1c1c">
!${siteFeedLinks(site)}
!${page.head ?? ''}
</head>
<body class="${page.bodyClass ?? ''}">
<a class="skip-link" href="#contenu">Aller au contenu</a>
<header class="site-header">
  <div class="topbar wrap">
    <p class="today">${capitalize(formatLongDate(ctx.now, site.timeZone))}</p>
    !${followList(site, 'topbar-follow')}
  </div>
  <div class="masthead wrap">
    <a class="brand" href="/">${site.name}</a>
    <p class="tagline">${site.tagline}</p>
    <form class="site-search" role="search" aria-label="Rechercher dans le journal" action="/recherche" method="get">
      <label class="visually-hidden" for="site-search-q">Rechercher dans le journal</label>
      <input id="site-search-q" type="search" name="q" placeholder="Rechercher…">
      <button type="submit">Rechercher</button>
    </form>
  </div>
  <nav class="sections-nav" aria-label="Rubriques">
    <ul class="wrap">
      <li><a href="/"!${page.canonicalPath === '/' ? ' aria-current="page"' : ''}>Accueil</a></li>
      !${ctx.sections.map((s) => html`<li><a href="${s.url}"!${s.current ? ' aria-current="page"' : ''}>${s.name}</a></li>`)}
    </ul>
  </nav>
</header>
<main id="contenu" class="wrap" tabindex="-1">
!${page.main}
</main>
<footer class="site-footer">
  <div class="wrap footer-grid">
    <section aria-labelledby="footer-sections">
      <h2 id="footer-sections">Rubriques</h2>
      <ul>!${ctx.sections.map((s) => html`<li><a href="${s.url}">${s.name}</a></li>`)}</ul>
    </section>
    <section aria-labelledby="footer-follow">
      <h2 id="footer-follow">Suivez-nous</h2>
      !${followList(site, 'footer-follow-list')}
    </section>
    <section aria-labelledby="footer-legal" class="legal">
      <h2 id="footer-legal">Mentions légales</h2>
      <dl>
        <dt>Directeur de la publication</dt><dd>${site.legal.director}</dd>
        <dt>Éditeur</dt><dd>${site.legal.publisher}</dd>
        <dt>Hébergeur</dt><dd>${site.legal.host}</dd>
        <dt>Dépôt légal</dt><dd>${site.legal.registration}</dd>
      </dl>
      !${ctx.audience ? legalAudience(ctx.audience) : ''}
      <p class="law">Publication de presse électronique régie par la loi n° 88-13 relative à la presse et à l’édition.</p>
      <p class="legal-links"><a href="/mentions-legales">Mentions légales et audience</a> · <a href="/confidentialite">Données personnelles</a></p>
    </section>
  </div>
  <p class="wrap copyright">© ${site.name}. Tous droits réservés.</p>
</footer>
</body>
</html>`;
}

/** Loi 88-13, art. 25: the daily audience, shown on every page. */
export function legalAudience(a: LegalAudience): string {
  return html`<p class="audience-figure">Audience du ${a.dayLabel} : <strong>${a.visitors}</strong> visiteurs uniques.</p>`;
}

/** « Titre — Site », kept within the 70 characters search engines show; the site name goes first. */
function documentTitle(page: PageShell, site: SiteConfig): string {
  const candidates =
    page.canonicalPath === '/'
      ? [`${site.name} — ${site.tagline}`, site.name]
      : [`${page.title} — ${site.name}`, page.title];
  return candidates.find((t) => t.length <= 70) ?? candidates.at(-1)!;
}

export function followList(site: SiteConfig, className: string): string {
  if (site.follow.length === 0) return '';
  return html`<ul class="follow ${className}">!${site.follow.map((f) => html`<li><a class="follow-${f.network}" href="${f.url}" rel="noopener">Suivez-nous sur ${followLabel(f)}</a></li>`)}</ul>`;
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

import { html } from '../html.ts';
import type { SiteConfig } from '../../config.ts';
import { legalAudience, type LegalAudience } from './layout.ts';

/** The legal notice (loi 88-13): who publishes, who hosts, and the daily audience (art. 25). */
export function legalNoticeView(
  site: SiteConfig,
  audience: LegalAudience | null,
): string {
  return html`<article class="site-info">
<h1>Mentions légales</h1>
<dl class="legal-notice">
  <dt>Publication</dt><dd>${site.name}, publication de presse électronique régie par la loi n° 88-13 relative à la presse et à l’édition.</dd>
  <dt>Directeur de la publication</dt><dd>${site.legal.director}</dd>
  <dt>Éditeur</dt><dd>${site.legal.publisher}</dd>
  <dt>Hébergeur</dt><dd>${site.legal.host}</dd>
  <dt>Dépôt légal</dt><dd>${site.legal.registration}</dd>
</dl>
<h2>Audience</h2>
!${audience ? legalAudience(audience) : html`<p class="audience-figure">Le chiffre d’audience de la veille sera publié après la première journée complète de mesure.</p>`}
<p>Ce chiffre est le nombre de visiteurs distincts de la journée (de minuit à minuit, heure du Maroc), mesuré sur nos propres serveurs, sans cookie ni service tiers. <a href="/confidentialite">Comment nous le mesurons</a>.</p>
</article>`;
}

/** The privacy page (loi 09-08): what the audience measure receives, keeps, and for how long. */
export function privacyView(site: SiteConfig): string {
  return html`<article class="site-info">
<h1>Données personnelles et mesure d’audience</h1>
<p>${site.name} mesure son audience lui-même, sur ses propres serveurs, conformément à la loi n° 09-08 relative à la protection des personnes physiques à l’égard du traitement des données à caractère personnel. Aucun cookie, aucun identifiant stocké dans votre navigateur, aucun service tiers.</p>
<h2>Ce que reçoit le serveur</h2>
<p>Quand une page s’affiche, elle envoie un court message : le numéro de l’article lu, l’adresse de la page d’où vous venez et, s’il y en a un, le paramètre <code>utm_medium</code> de l’adresse (par exemple pour un lien de notre lettre d’information). Le serveur voit aussi, comme pour toute page, votre adresse IP et le nom de votre navigateur.</p>
<h2>Ce qui est conservé</h2>
<ul>
  <li><strong>Des compteurs</strong> : nombre de pages vues par heure, par article, par rubrique et par type de provenance (moteur de recherche, réseau social, lettre d’information, accès direct, navigation sur le site, autre site). L’adresse de provenance elle-même n’est pas gardée. Ces compteurs sont conservés 400 jours.</li>
  <li><strong>Pour compter les visiteurs distincts du jour</strong> : une empreinte calculée à partir de votre adresse IP, du nom de votre navigateur et d’un sel aléatoire tiré chaque jour. L’adresse IP et le nom du navigateur ne sont jamais enregistrés. Quelques minutes après minuit, le nombre de visiteurs de la veille est calculé, puis les empreintes et le sel de la veille sont effacés : personne, pas même nous, ne peut ensuite retrouver ou relier une visite d’un jour à l’autre.</li>
  <li><strong>Le chiffre quotidien</strong> de visiteurs distincts et de pages vues, publié dans les <a href="/mentions-legales">mentions légales</a> comme l’exige la loi n° 88-13.</li>
</ul>
<h2>Ce qui n’est pas compté</h2>
<p>Les robots et moteurs d’indexation, ainsi que les lecteurs dont le navigateur demande à ne pas être suivi (« Do Not Track » ou « Global Privacy Control ») : leur visite n’est pas comptée du tout.</p>
<h2>Vos droits</h2>
<p>Les données conservées ne permettent pas de vous identifier. Pour toute question sur vos données personnelles, écrivez à l’éditeur : ${site.legal.publisher}.</p>
</article>`;
}

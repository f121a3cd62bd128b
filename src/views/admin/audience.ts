import { html } from '../html.ts';
import { barList, columnChart, type Bar } from './charts.ts';

export interface AudienceModel {
  todayLabel: string;
  liveReaders: number;
  today: { views: string; visitors: string };
  yesterday: { label: string; visitors: string; views: string } | null;
  todayByHour: Bar[];
  last30Days: (Bar & { visitors: string })[];
  topArticles: { title: string; url: string; editUrl: string; views: string }[];
  sections: Bar[];
  referrers: Bar[];
}

const fr = new Intl.NumberFormat('fr-FR');

function figuresTable(
  caption: string,
  head: [string, string],
  bars: Bar[],
): string {
  return html`<table class="articles-table figures"><caption>${caption}</caption><thead><tr><th scope="col">${head[0]}</th><th scope="col">${head[1]}</th></tr></thead>
<tbody>!${bars.map((b) => html`<tr><th scope="row">${b.label}</th><td>${fr.format(b.value)}</td></tr>`)}</tbody></table>`;
}

/** The editors' audience page: charts drawn on the server, every figure also in a table. */
export function audienceView(m: AudienceModel): string {
  return html`<h1>Audience</h1>
<div class="audience-summary">
  <p><strong>${fr.format(m.liveReaders)}</strong> ${m.liveReaders > 1 ? 'lecteurs' : 'lecteur'} en direct maintenant <span class="small">(flux du fil info ouverts, tous serveurs confondus)</span></p>
  <p>Aujourd’hui (${m.todayLabel}) : <strong>${m.today.views}</strong> pages vues, <strong>${m.today.visitors}</strong> ${m.today.visitors === '0' || m.today.visitors === '1' ? 'visiteur unique' : 'visiteurs uniques'}</p>
  !${m.yesterday ? html`<p>${m.yesterday.label} : <strong>${m.yesterday.visitors}</strong> visiteurs uniques, ${m.yesterday.views} pages vues (chiffre légal, loi 88-13)</p>` : ''}
</div>
<section aria-labelledby="aud-today"><h2 id="aud-today">Aujourd’hui, heure par heure</h2>
!${columnChart('chart-today', 'Pages vues par heure aujourd’hui', m.todayByHour)}
<details><summary>Les chiffres</summary>!${figuresTable('Pages vues par heure aujourd’hui', ['Heure', 'Pages vues'], m.todayByHour)}</details>
</section>
<section aria-labelledby="aud-30"><h2 id="aud-30">Les 30 derniers jours</h2>
!${columnChart('chart-30', 'Pages vues par jour, 30 derniers jours', m.last30Days)}
<details><summary>Les chiffres</summary><table class="articles-table figures"><caption>Pages vues et visiteurs uniques par jour</caption><thead><tr><th scope="col">Jour</th><th scope="col">Pages vues</th><th scope="col">Visiteurs uniques</th></tr></thead>
<tbody>!${m.last30Days.map((d) => html`<tr><th scope="row">${d.label}</th><td>${fr.format(d.value)}</td><td>${d.visitors}</td></tr>`)}</tbody></table></details>
</section>
<section aria-labelledby="aud-top"><h2 id="aud-top">Articles les plus lus aujourd’hui</h2>
!${
    m.topArticles.length
      ? html`<table class="articles-table"><thead><tr><th scope="col">Article</th><th scope="col">Pages vues</th></tr></thead>
<tbody>!${m.topArticles.map((a) => html`<tr><td><a href="${a.editUrl}">${a.title}</a> <a class="small" href="${a.url}" target="_blank" rel="noopener">voir</a></td><td>${a.views}</td></tr>`)}</tbody></table>`
      : html`<p class="empty">Aucune lecture comptée aujourd’hui.</p>`
  }
</section>
<section aria-labelledby="aud-sections"><h2 id="aud-sections">Par rubrique, 30 derniers jours</h2>
!${barList('chart-sections', 'Pages vues par rubrique, 30 derniers jours', m.sections)}
<details><summary>Les chiffres</summary>!${figuresTable('Pages vues par rubrique', ['Rubrique', 'Pages vues'], m.sections)}</details>
</section>
<section aria-labelledby="aud-referrers"><h2 id="aud-referrers">Provenance, 30 derniers jours</h2>
!${barList('chart-referrers', 'Pages vues par provenance, 30 derniers jours', m.referrers)}
<details><summary>Les chiffres</summary>!${figuresTable('Pages vues par provenance', ['Provenance', 'Pages vues'], m.referrers)}</details>
</section>`;
}

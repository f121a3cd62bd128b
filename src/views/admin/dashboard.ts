import { html } from '../html.ts';
import { flash } from './forms.ts';

export interface DashboardRow {
  id: number;
  title: string;
  status: string;
  statusLabel: string;
  section: string;
  authors: string;
  when: string;
  publicUrl: string | null;
}
export interface DashboardModel {
  filters: { q: string; section: string; status: string; author: string };
  sections: { id: number; name: string }[];
  authors: { id: number; name: string }[];
  statuses: { value: string; label: string }[];
  blocks: { title: string; id: string; rows: DashboardRow[]; empty: string }[];
  notice: string | null;
}

/** « Tableau de bord »: my drafts, waiting for review, scheduled, recently published; filters. */
export function dashboardView(m: DashboardModel): string {
  return html`<h1>Tableau de bord</h1>
!${flash(m.notice)}
<form method="get" action="/admin" class="filters" role="search" aria-label="Filtrer les articles">
  <div class="field"><label for="q">Rechercher</label><input id="q" name="q" type="search" value="${m.filters.q}"></div>
  <div class="field"><label for="section">Rubrique</label><select id="section" name="rubrique"><option value="">Toutes</option>!${m.sections.map((s) => html`<option value="${s.id}"!${String(s.id) === m.filters.section ? ' selected' : ''}>${s.name}</option>`)}</select></div>
  <div class="field"><label for="status">Statut</label><select id="status" name="statut"><option value="">Tous</option>!${m.statuses.map((s) => html`<option value="${s.value}"!${s.value === m.filters.status ? ' selected' : ''}>${s.label}</option>`)}</select></div>
  <div class="field"><label for="author">Auteur</label><select id="author" name="auteur"><option value="">Tous</option>!${m.authors.map((a) => html`<option value="${a.id}"!${String(a.id) === m.filters.author ? ' selected' : ''}>${a.name}</option>`)}</select></div>
  <button type="submit" class="button">Filtrer</button>
</form>
!${m.blocks.map(
    (b) => html`<section class="dash-block" aria-labelledby="${b.id}">
  <h2 id="${b.id}">${b.title} <span class="count">(${b.rows.length})</span></h2>
  !${
    b.rows.length
      ? html`<table class="articles-table">
    <thead><tr><th scope="col">Titre</th><th scope="col">Statut</th><th scope="col">Rubrique</th><th scope="col">Auteurs</th><th scope="col">Date</th></tr></thead>
    <tbody>!${b.rows.map(
      (r) => html`<tr>
      <td><a href="/admin/articles/${r.id}">${r.title}</a>!${r.publicUrl ? html` <a class="small" href="${r.publicUrl}" target="_blank" rel="noopener">voir</a>` : ''}</td>
      <td><span class="status status-${r.status}">${r.statusLabel}</span></td>
      <td>${r.section}</td><td>${r.authors}</td><td>${r.when}</td>
    </tr>`,
    )}</tbody>
  </table>`
      : html`<p class="empty">${b.empty}</p>`
  }
</section>`,
  )}`;
}

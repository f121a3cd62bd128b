import { html } from '../html.ts';
import { ROLE_LABELS, ROLES, type Role } from '../../domain/roles.ts';
import {
  actionButton,
  checkbox,
  csrfField,
  field,
  flash,
  select,
  type FieldErrors,
} from './forms.ts';
import { WINDOW_DAYS_RANGE, type SiteSettings } from '../../domain/settings.ts';

export interface RevisionRow {
  id: number;
  version: number;
  who: string;
  when: string;
  title: string;
}

/** Revisions: list, compare any two, restore one as a new revision. */
export function revisionsView(m: {
  articleId: number;
  title: string;
  version: number;
  rows: RevisionRow[];
  compare: { a: number; b: number; diffHtml: string } | null;
  csrf: string;
  canRestore: boolean;
}): string {
  return html`<h1>Révisions de « ${m.title} »</h1>
<p><a href="/admin/articles/${m.articleId}">← Retour à l’article</a></p>
<form method="get" action="/admin/articles/${m.articleId}/revisions" class="filters">
  <div class="field"><label for="rev-a">Comparer</label><select id="rev-a" name="a">!${m.rows.map((r) => html`<option value="${r.id}"!${m.compare?.a === r.id ? ' selected' : ''}>v${r.version} — ${r.when}</option>`)}</select></div>
  <div class="field"><label for="rev-b">avec</label><select id="rev-b" name="b">!${m.rows.map((r, i) => html`<option value="${r.id}"!${(m.compare ? m.compare.b === r.id : i === 0) ? ' selected' : ''}>v${r.version} — ${r.when}</option>`)}</select></div>
  <button type="submit" class="button">Comparer</button>
</form>
!${m.compare ? html`<section aria-labelledby="diff-title"><h2 id="diff-title">Différences</h2><div class="diff">!${m.compare.diffHtml}</div></section>` : ''}
<table class="articles-table"><thead><tr><th scope="col">Version</th><th scope="col">Par</th><th scope="col">Le</th><th scope="col">Titre</th><th scope="col"><span class="visually-hidden">Action</span></th></tr></thead>
<tbody>!${m.rows.map((r) => html`<tr><td>v${r.version}</td><td>${r.who}</td><td>${r.when}</td><td>${r.title}</td><td>!${m.canRestore && r.version !== m.version ? actionButton({ action: `/admin/articles/${m.articleId}/revisions/${r.id}/restaurer`, label: 'Restaurer', csrf: m.csrf, version: m.version }) : ''}</td></tr>`)}</tbody></table>`;
}

export interface UserRow {
  id: number;
  name: string;
  email: string;
  role: Role;
  status: string;
  sections: string;
  canChange: boolean;
}

export function usersView(m: {
  rows: UserRow[];
  sections: { value: number; label: string }[];
  csrf: string;
  errors: FieldErrors;
  values: Record<string, string>;
  link: { label: string; url: string } | null;
  message: string | null;
  error?: string | null;
  assignableRoles: Role[];
}): string {
  const statusLabel: Record<string, string> = {
    active: 'Actif',
    invited: 'Invitation en attente',
    deactivated: 'Désactivé',
  };
  return html`<h1>Utilisateurs</h1>
!${flash(m.message)}
!${flash(m.error ?? null, 'error')}
!${m.link ? html`<div class="flash flash-ok" role="status"><p>${m.link.label}</p><p><input class="copy-link" readonly value="${m.link.url}" aria-label="Lien à transmettre"></p><p class="hint">Ce lien ne sert qu’une fois. Transmettez-le à la personne concernée.</p></div>` : ''}
<table class="articles-table"><thead><tr><th scope="col">Nom</th><th scope="col">E-mail</th><th scope="col">Rôle</th><th scope="col">Statut</th><th scope="col">Actions</th></tr></thead>
<tbody>!${m.rows.map(
    (u) => html`<tr>
  <td>${u.name}</td><td>${u.email}</td><td>${ROLE_LABELS[u.role]}${u.sections ? html` <span class="small">(${u.sections})</span>` : ''}</td><td>${statusLabel[u.status] ?? u.status}</td>
  <td>!${
    u.canChange
      ? html`<form method="post" action="/admin/utilisateurs/${u.id}/role" class="inline-form">!${csrfField(m.csrf)}
      <label class="visually-hidden" for="role-${u.id}">Rôle de ${u.name}</label>
      <select id="role-${u.id}" name="role">!${m.assignableRoles.map((r) => html`<option value="${r}"!${r === u.role ? ' selected' : ''}>${ROLE_LABELS[r]}</option>`)}</select>
      <label class="visually-hidden" for="sections-${u.id}">Rubriques de ${u.name}</label>
      <select id="sections-${u.id}" name="sectionIds" multiple size="1">!${m.sections.map((s) => html`<option value="${s.value}">${s.label}</option>`)}</select>
      <button class="button" type="submit">Changer</button></form>
    !${actionButton({ action: `/admin/utilisateurs/${u.id}/reinitialiser`, label: 'Lien de mot de passe', csrf: m.csrf })}
    !${u.status !== 'deactivated' ? actionButton({ action: `/admin/utilisateurs/${u.id}/desactiver`, label: 'Désactiver', csrf: m.csrf, className: 'danger', confirm: 'Désactiver ce compte ? Ses sessions prendront fin immédiatement.' }) : ''}`
      : ''
  }</td>
</tr>`,
  )}</tbody></table>
<section aria-labelledby="invite-title" class="card">
  <h2 id="invite-title">Inviter un membre</h2>
  <form method="post" action="/admin/utilisateurs">
    !${csrfField(m.csrf)}
    !${field({ name: 'displayName', label: 'Nom (signature)', value: m.values['displayName'], errors: m.errors, required: true })}
    !${field({ name: 'email', label: 'Adresse e-mail', type: 'email', value: m.values['email'], errors: m.errors, required: true })}
    !${select({ name: 'role', label: 'Rôle', value: m.values['role'] ?? 'journalist', errors: m.errors, options: m.assignableRoles.map((r) => ({ value: r, label: ROLE_LABELS[r] })) })}
    !${select({ name: 'sectionIds', label: 'Rubriques (éditeurs seulement ; aucune = toutes)', errors: m.errors, options: m.sections, attrs: 'multiple' })}
    <button type="submit" class="button primary">Créer l’invitation</button>
  </form>
</section>`;
}

export const ASSIGNABLE_ROLES: Role[] = ROLES.filter((r) => r !== 'owner');

export interface AuditRow {
  when: string;
  who: string;
  what: string;
  target: string;
  targetUrl: string | null;
}

export function auditView(m: {
  rows: AuditRow[];
  nextBefore: number | null;
}): string {
  return html`<h1>Journal des actions</h1>
<table class="articles-table"><thead><tr><th scope="col">Quand</th><th scope="col">Qui</th><th scope="col">Quoi</th><th scope="col">Sur</th></tr></thead>
<tbody>!${m.rows.map((r) => html`<tr><td>${r.when}</td><td>${r.who}</td><td>${r.what}</td><td>!${r.targetUrl ? html`<a href="${r.targetUrl}">${r.target}</a>` : html`${r.target}`}</td></tr>`)}</tbody></table>
!${m.nextBefore ? html`<p><a href="/admin/journal?avant=${m.nextBefore}">Entrées plus anciennes →</a></p>` : ''}`;
}

export function settingsView(m: {
  csrf: string;
  settings: SiteSettings;
  message: string | null;
  errors?: FieldErrors;
}): string {
  const s = m.settings;
  return html`<h1>Réglages</h1>
!${flash(m.message)}
<form method="post" action="/admin/reglages" class="card">
  !${csrfField(m.csrf)}
  !${checkbox({ name: 'journalistsCanPublish', label: 'Les journalistes peuvent publier eux-mêmes leurs articles', checked: s.journalistsCanPublish })}
  <fieldset><legend>Aide à l’édition</legend>
    !${checkbox({ name: 'duplicateGuard', label: 'Signaler les doublons probables (publier un doublon demande la confirmation d’un éditeur)', checked: s.duplicateGuard })}
    !${field({ name: 'duplicateWindowDays', label: 'Chercher les doublons sur les derniers… (jours)', type: 'number', value: s.duplicateWindowDays, errors: m.errors ?? {}, attrs: `min="${WINDOW_DAYS_RANGE.min}" max="${WINDOW_DAYS_RANGE.max}" inputmode="numeric"` })}
    !${checkbox({ name: 'entitySuggestions', label: 'Proposer comme sujets les personnes, organisations et lieux cités', checked: s.entitySuggestions })}
    !${checkbox({ name: 'sectionSuggestions', label: 'Suggérer une rubrique, apprise des articles publiés', checked: s.sectionSuggestions })}
  </fieldset>
  <button type="submit" class="button primary">Enregistrer</button>
</form>`;
}

export function sectionsView(m: {
  csrf: string;
  rows: { name: string; slug: string; count: number }[];
  errors: FieldErrors;
  values: Record<string, string>;
  message: string | null;
}): string {
  return html`<h1>Rubriques</h1>
!${flash(m.message)}
<table class="articles-table"><thead><tr><th scope="col">Rubrique</th><th scope="col">Adresse</th><th scope="col">Articles</th></tr></thead>
<tbody>!${m.rows.map((r) => html`<tr><td>${r.name}</td><td><a href="/rubrique/${r.slug}">/rubrique/${r.slug}</a></td><td>${r.count}</td></tr>`)}</tbody></table>
<section class="card" aria-labelledby="new-section"><h2 id="new-section">Nouvelle rubrique</h2>
<form method="post" action="/admin/rubriques">
  !${csrfField(m.csrf)}
  !${field({ name: 'name', label: 'Nom', value: m.values['name'], errors: m.errors, required: true })}
  !${field({ name: 'description', label: 'Description', value: m.values['description'], errors: m.errors })}
  <button type="submit" class="button primary">Créer</button>
</form></section>`;
}

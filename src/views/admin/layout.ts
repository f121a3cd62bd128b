import { html } from '../html.ts';
import { paths } from '../../presenters/urls.ts';
import { ROLE_LABELS, type Role } from '../../domain/roles.ts';

export interface AdminShell {
  title: string;
  main: string;
  /** Extra scripts, as versioned URLs, loaded with defer. */
  scripts?: string[];
  /**
   * Right to left for a page about copy written so (an article of an Arabic edition, issue
   * #20): the interface stays French, its layout mirrors (admin.css is in logical properties).
   */
  dir?: 'rtl' | 'ltr';
}

export interface AdminLayoutContext {
  siteName: string;
  stylesheet: string;
  /** For the logout form. */
  csrf: string;
  user: {
    name: string;
    role: Role;
    canManageUsers: boolean;
    canReadAudit: boolean;
    canReadAudience: boolean;
    canManageSections: boolean;
    /** Unread notifications (issue 16 item 8). */
    unread?: number;
  } | null;
}

/** The back office frame: French, light, usable on a laptop and a phone. */
export function adminLayout(ctx: AdminLayoutContext, page: AdminShell): string {
  return html`<!doctype html>
<html lang="fr"!${page.dir === 'rtl' ? ' dir="rtl"' : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${page.title} — Rédaction — ${ctx.siteName}</title>
<link rel="stylesheet" href="${ctx.stylesheet}">
<link rel="icon" href="${paths.favicon()}" sizes="16x16 32x32 48x48">
!${(page.scripts ?? []).map((src) => html`<script type="module" src="${src}"></script>`)}
</head>
<body>
<a class="skip-link" href="#contenu">Aller au contenu</a>
<header class="admin-header">
  <a class="admin-brand" href="/admin">Rédaction · ${ctx.siteName}</a>
  !${
    ctx.user
      ? html`<nav aria-label="Back-office">
    <ul>
      <li><a href="/admin">Tableau de bord</a></li>
      <li><a href="/admin/articles/nouveau">Nouvel article</a></li>
      <li><a href="/admin/medias">Photothèque</a></li>
      !${ctx.user.canManageSections ? html`<li><a href="/admin/rubriques">Rubriques</a></li>` : ''}
      !${ctx.user.canManageUsers ? html`<li><a href="/admin/utilisateurs">Utilisateurs</a></li><li><a href="/admin/reglages">Réglages</a></li>` : ''}
      !${ctx.user.canReadAudience ? html`<li><a href="/admin/audience">Audience</a></li>` : ''}
      !${ctx.user.canReadAudit ? html`<li><a href="/admin/journal">Journal</a></li>` : ''}
      <li><a href="/admin/integrations">Intégrations</a></li>
      <li><a href="/admin/notifications" class="notifications-link">Notifications!${ctx.user.unread ? html` <span class="notifications-count" aria-label="${ctx.user.unread} non lues">${ctx.user.unread}</span>` : ''}</a></li>
      <li><a href="/" target="_blank" rel="noopener">Voir le site</a></li>
    </ul>
  </nav>
  <form method="post" action="/admin/deconnexion" class="logout"><input type="hidden" name="_csrf" value="${ctx.csrf}"><span>${ctx.user.name} (${ROLE_LABELS[ctx.user.role]})</span> <button type="submit" class="link-button">Se déconnecter</button></form>`
      : ''
  }
</header>
<main id="contenu" class="admin-main" tabindex="-1">
!${page.main}
</main>
</body>
</html>`;
}

import { html } from '../html.ts';

export interface NotificationLine {
  text: string;
  href: string | null;
  when: string;
  note: string | null;
  unread: boolean;
}

/** The member's notifications, newest first, with one button to mark them all read. */
export function notificationsView(m: {
  lines: NotificationLine[];
  unread: number;
  csrf: string;
}): string {
  return html`<h1>Notifications</h1>
!${m.unread ? html`<form method="post" action="/admin/notifications/lues"><input type="hidden" name="_csrf" value="${m.csrf}"><button type="submit">Tout marquer comme lu (${m.unread})</button></form>` : html`<p>Aucune notification non lue.</p>`}
!${m.lines.length ? html`<ul class="notifications">!${m.lines.map((l) => html`<li class="${l.unread ? 'notification unread' : 'notification'}">!${l.href ? html`<a href="${l.href}">${l.text}</a>` : html`${l.text}`} <span class="notification-when">${l.when}</span>!${l.note ? html`<br><q>${l.note}</q>` : ''}</li>`)}</ul>` : ''}`;
}

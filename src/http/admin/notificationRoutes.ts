import type { FastifyInstance } from 'fastify';
import {
  countUnreadNotifications,
  listNotifications,
  markNotificationsRead,
  type NotificationRow,
} from '../../db/repos/notifications.ts';
import { formatFullDate } from '../../domain/frenchDates.ts';
import {
  notificationsView,
  type NotificationLine,
} from '../../views/admin/notifications.ts';
import {
  csrfToken,
  requireUser,
  sendAdminPage,
  type AdminDeps,
} from './context.ts';

const VERBS: Record<string, string> = {
  submitted: 'a envoyé en relecture',
  returned: 'a renvoyé à son auteur',
  published: 'a publié',
  scheduled: 'a programmé',
};

function lineOf(n: NotificationRow, timeZone: string): NotificationLine {
  const who = n.actorName ?? 'Quelqu’un';
  const what = n.articleTitle ? `« ${n.articleTitle} »` : 'un article';
  return {
    text: `${who} ${VERBS[n.kind] ?? 'a modifié'} ${what}`,
    href: n.articleId === null ? null : `/admin/articles/${n.articleId}`,
    when: formatFullDate(n.createdAt, timeZone),
    note: n.note,
    unread: n.readAt === null,
  };
}

/** The member's notifications page (the header shows the unread count) and « mark read ». */
export function notificationRoutes(
  app: FastifyInstance,
  deps: AdminDeps,
): void {
  app.get('/admin/notifications', async (request, reply) => {
    const user = requireUser(request);
    const [rows, unread] = await Promise.all([
      listNotifications(deps.db, user.id, 100),
      countUnreadNotifications(deps.db, user.id),
    ]);
    return sendAdminPage(deps, reply, user, {
      title: 'Notifications',
      main: notificationsView({
        lines: rows.map((r) => lineOf(r, deps.config.site.timeZone)),
        unread,
        csrf: await csrfToken(reply),
      }),
    });
  });

  app.post(
    '/admin/notifications/lues',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      const user = requireUser(request);
      await markNotificationsRead(deps.db, user.id, deps.clock.now());
      return reply.redirect('/admin/notifications', 303);
    },
  );
}

import type { FastifyInstance } from 'fastify';
import {
  countUnreadNotifications,
  listNotifications,
  markNotificationsRead,
  type NotificationRow,
} from '../../db/repos/notifications.ts';
import { startNotificationMailer } from '../../notifications/mailer.ts';
import { notificationText } from '../../notifications/wording.ts';
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

function lineOf(n: NotificationRow, timeZone: string): NotificationLine {
  return {
    text: notificationText(n),
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
  const { smtpUrl, from } = deps.config.mail;
  if (smtpUrl) {
    let mailer: Awaited<ReturnType<typeof startNotificationMailer>> | null =
      null;
    app.addHook('onReady', async () => {
      mailer = await startNotificationMailer({
        db: deps.db,
        bus: deps.bus,
        smtpUrl,
        from,
        siteUrl: deps.config.site.url,
        log: app.log,
      });
    });
    app.addHook('onClose', async () => {
      await mailer?.idle();
      mailer?.stop();
    });
  }
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

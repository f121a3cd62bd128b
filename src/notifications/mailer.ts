import type { Db } from '../db/database.ts';
import type { EventBus } from '../events/bus.ts';
import type { StoredEvent } from '../db/repos/events.ts';
import { notificationsForMail } from '../db/repos/notifications.ts';
import { notificationText } from './wording.ts';

const MAILED_EVENTS = new Set([
  'articles.submit',
  'articles.return',
  'articles.publish',
  'articles.schedule',
  'comments.create',
]);

/**
 * E-mail notifications (issue 16 item 8), when SMTP_URL is set: a bus subscriber that, once an
 * event has committed, mails each member the in-app notifications it created. After the commit
 * and queued, so a slow or absent mail server never holds back a change or the bus.
 */
export async function startNotificationMailer(options: {
  db: Db;
  bus: EventBus;
  smtpUrl: string;
  from: string;
  siteUrl: string;
  log: { warn(obj: object, msg: string): void };
}): Promise<{ stop(): void; idle(): Promise<void> }> {
  // nodemailer is loaded only where SMTP_URL is set, not by every start.
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport(options.smtpUrl);
  let chain: Promise<void> = Promise.resolve();
  let stopped = false;
  const mailFor = async (eventIds: number[]) => {
    for (const n of await notificationsForMail(options.db, eventIds)) {
      if (stopped) return;
      const text = notificationText(n);
      const link =
        n.articleId === null
          ? ''
          : `\n\n${options.siteUrl}/admin/articles/${n.articleId}`;
      await transport.sendMail({
        from: options.from,
        to: n.email,
        subject: text,
        text: `${text}${n.note ? `\n\n« ${n.note} »` : ''}${link}`,
      });
    }
  };
  const unsubscribe = await options.bus.subscribe(
    (events: StoredEvent[]) => {
      const ids = events
        .filter((e) => MAILED_EVENTS.has(e.name))
        .map((e) => e.id);
      if (ids.length === 0 || stopped) return;
      chain = chain
        .then(() => mailFor(ids))
        .catch((err: unknown) =>
          options.log.warn({ err }, 'notifications: could not send mail'),
        );
    },
    { late: true },
  );
  return {
    stop() {
      stopped = true;
      unsubscribe();
      transport.close();
    },
    idle: () => chain,
  };
}

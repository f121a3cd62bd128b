import type { Queryable } from '../database.ts';

export interface NotificationRow {
  id: number;
  kind: string;
  articleId: number | null;
  articleTitle: string | null;
  actorName: string | null;
  note: string | null;
  createdAt: Date;
  readAt: Date | null;
}

/** Active members at or above `roles` (the editors told of a submission), minus `exceptId`. */
export async function activeUserIdsWithRoles(
  db: Queryable,
  roles: readonly string[],
  exceptId: number | null,
): Promise<number[]> {
  let q = db
    .selectFrom('users')
    .select('id')
    .where('status', '=', 'active')
    .where('role', 'in', [...roles]);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  return (await q.orderBy('id').execute()).map((r) => r.id);
}

/** Who created the article (told when it is returned, published or scheduled). */
export async function articleCreatorId(
  db: Queryable,
  articleId: number,
): Promise<number | null> {
  const row = await db
    .selectFrom('articles')
    .select('created_by')
    .where('id', '=', articleId)
    .executeTakeFirst();
  return row?.created_by ?? null;
}

export async function insertNotifications(
  db: Queryable,
  userIds: readonly number[],
  n: {
    eventId: number;
    articleId: number | null;
    kind: string;
    actorId: number | null;
    note: string | null;
    at: Date;
  },
): Promise<void> {
  if (userIds.length === 0) return;
  await db
    .insertInto('notifications')
    .values(
      userIds.map((userId) => ({
        user_id: userId,
        event_id: n.eventId,
        article_id: n.articleId,
        kind: n.kind,
        actor_id: n.actorId,
        note: n.note,
        created_at: n.at.toISOString(),
      })),
    )
    .execute();
}

export async function countUnreadNotifications(
  db: Queryable,
  userId: number,
): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The member's newest notifications, unread and read. */
export async function listNotifications(
  db: Queryable,
  userId: number,
  limit: number,
): Promise<NotificationRow[]> {
  const rows = await db
    .selectFrom('notifications as n')
    .leftJoin('articles as a', 'a.id', 'n.article_id')
    .leftJoin('users as u', 'u.id', 'n.actor_id')
    .select([
      'n.id',
      'n.kind',
      'n.article_id',
      'a.title',
      'u.display_name',
      'n.note',
      'n.created_at',
      'n.read_at',
    ])
    .where('n.user_id', '=', userId)
    .orderBy('n.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    articleId: r.article_id,
    articleTitle: r.title ?? null,
    actorName: r.display_name ?? null,
    note: r.note,
    createdAt: new Date(r.created_at),
    readAt: r.read_at === null ? null : new Date(r.read_at),
  }));
}

/** Marks all the member's notifications read (only theirs). */
export async function markNotificationsRead(
  db: Queryable,
  userId: number,
  at: Date,
): Promise<void> {
  await db
    .updateTable('notifications')
    .set({ read_at: at.toISOString() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .execute();
}

/** The notifications `eventIds` created, with each member's address, for the mailer. */
export async function notificationsForMail(
  db: Queryable,
  eventIds: readonly number[],
): Promise<
  {
    email: string;
    kind: string;
    articleId: number | null;
    articleTitle: string | null;
    actorName: string | null;
    note: string | null;
  }[]
> {
  if (eventIds.length === 0) return [];
  const rows = await db
    .selectFrom('notifications as n')
    .innerJoin('users as r', 'r.id', 'n.user_id')
    .leftJoin('articles as a', 'a.id', 'n.article_id')
    .leftJoin('users as u', 'u.id', 'n.actor_id')
    .select([
      'r.email',
      'n.kind',
      'n.article_id',
      'a.title',
      'u.display_name',
      'n.note',
    ])
    .where('n.event_id', 'in', [...eventIds])
    .where('r.status', '=', 'active')
    .orderBy('n.id')
    .execute();
  return rows.map((r) => ({
    email: r.email,
    kind: r.kind,
    articleId: r.article_id,
    articleTitle: r.title ?? null,
    actorName: r.display_name ?? null,
    note: r.note,
  }));
}

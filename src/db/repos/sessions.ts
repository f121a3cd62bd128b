import type { Queryable } from '../database.ts';
import { toDate } from '../schema.ts';

export async function insertSession(
  db: Queryable,
  s: { tokenHash: string; userId: number; expiresAt: Date; ip: string | null },
  at: Date,
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      token_hash: s.tokenHash,
      user_id: s.userId,
      created_at: at.toISOString(),
      expires_at: s.expiresAt.toISOString(),
      ip: s.ip,
    })
    .execute();
}

/** The user id of a live session (not expired), or null. */
export async function findSessionUserId(
  db: Queryable,
  tokenHash: string,
  now: Date,
): Promise<number | null> {
  const row = await db
    .selectFrom('sessions')
    .select(['user_id', 'expires_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row || toDate(row.expires_at) <= now) return null;
  return row.user_id;
}

export async function deleteSession(
  db: Queryable,
  tokenHash: string,
): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
}

export async function deleteUserSessions(
  db: Queryable,
  userId: number,
): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}

export async function insertOneTimeToken(
  db: Queryable,
  t: {
    tokenHash: string;
    purpose: 'setup' | 'invite' | 'reset';
    userId: number | null;
    expiresAt: Date;
  },
  at: Date,
): Promise<void> {
  await db
    .insertInto('one_time_tokens')
    .values({
      token_hash: t.tokenHash,
      purpose: t.purpose,
      user_id: t.userId,
      created_at: at.toISOString(),
      expires_at: t.expiresAt.toISOString(),
    })
    .execute();
}

/** Marks a one-time token used, if it is valid; returns its user id (or 0 for setup) or null. */
export async function consumeOneTimeToken(
  db: Queryable,
  tokenHash: string,
  purposes: string[],
  now: Date,
): Promise<{ userId: number | null; purpose: string } | null> {
  const row = await db
    .selectFrom('one_time_tokens')
    .select(['user_id', 'purpose', 'expires_at', 'used_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (
    !row ||
    row.used_at !== null ||
    toDate(row.expires_at) <= now ||
    !purposes.includes(row.purpose)
  )
    return null;
  const updated = await db
    .updateTable('one_time_tokens')
    .set({ used_at: now.toISOString() })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) return null;
  return { userId: row.user_id, purpose: row.purpose };
}

/** Whether a one-time token is valid now, without using it (to show its form). */
export async function peekOneTimeToken(
  db: Queryable,
  tokenHash: string,
  purposes: string[],
  now: Date,
): Promise<boolean> {
  const row = await db
    .selectFrom('one_time_tokens')
    .select(['purpose', 'expires_at', 'used_at'])
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return Boolean(
    row &&
      row.used_at === null &&
      toDate(row.expires_at) > now &&
      purposes.includes(row.purpose),
  );
}

/**
 * Records a login attempt as a failure before its password is checked, and returns its id: a
 * count made after this includes it, so concurrent attempts cannot all pass under the limit.
 * A successful login clears it (`clearLoginFailures`).
 */
export async function recordLoginAttempt(
  db: Queryable,
  email: string,
  ip: string,
  at: Date,
): Promise<number> {
  const row = await db
    .insertInto('login_failures')
    .values({
      email: email.trim().toLowerCase(),
      ip,
      created_at: at.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function countLoginFailures(
  db: Queryable,
  by: { email?: string; ip?: string },
  since: Date,
): Promise<number> {
  let q = db
    .selectFrom('login_failures')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('created_at', '>=', since.toISOString());
  if (by.email !== undefined)
    q = q.where('email', '=', by.email.trim().toLowerCase());
  if (by.ip !== undefined) q = q.where('ip', '=', by.ip);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

export async function clearLoginFailures(
  db: Queryable,
  email: string,
): Promise<void> {
  await db
    .deleteFrom('login_failures')
    .where('email', '=', email.trim().toLowerCase())
    .execute();
}

import type { CommandContext } from '../context.ts';
import { findUserByEmail } from '../../db/repos/users.ts';
import {
  clearLoginFailures,
  countLoginFailures,
  deleteSession,
  insertSession,
  recordLoginAttempt,
} from '../../db/repos/sessions.ts';
import { verifyPassword } from '../../auth/passwords.ts';
import { hashToken, newToken } from '../../auth/tokens.ts';
import { AppError } from '../../errors.ts';

export const SESSION_LIFETIME_MS = 14 * 24 * 3_600_000;
const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_ACCOUNT = 5;
const MAX_FAILURES_PER_ADDRESS = 20;

/**
 * Checks a password and opens a session. Attempts are counted per account and per address in
 * the database (so the limit holds across processes); past the limit even a right password waits.
 * Each attempt is recorded first and the decision made from a count that includes it: of any
 * number of concurrent attempts, at most the limit get a password check.
 */
export async function login(
  ctx: CommandContext,
  input: { email: string; password: string; ip: string },
): Promise<{ token: string; userId: number; expiresAt: Date }> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - WINDOW_MS);
  await recordLoginAttempt(ctx.db, input.email, input.ip, now);
  const [byAccount, byAddress] = await Promise.all([
    countLoginFailures(ctx.db, { email: input.email }, since),
    countLoginFailures(ctx.db, { ip: input.ip }, since),
  ]);
  if (
    byAccount > MAX_FAILURES_PER_ACCOUNT ||
    byAddress > MAX_FAILURES_PER_ADDRESS
  ) {
    throw new AppError('rate_limited', {
      message: 'Trop de tentatives de connexion. Réessayez dans 15 minutes.',
    });
  }
  const user = await findUserByEmail(ctx.db, input.email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!user || !ok || user.status !== 'active') {
    // A deactivated account gets the same answer as a wrong password: telling it apart would
    // confirm the password to whoever typed it. Its owner hears of it from an administrator.
    throw new AppError('unauthenticated', {
      message: 'Adresse e-mail ou mot de passe incorrect.',
    });
  }
  await clearLoginFailures(ctx.db, input.email);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await insertSession(
    ctx.db,
    { tokenHash: hashToken(token), userId: user.id, expiresAt, ip: input.ip },
    now,
  );
  return { token, userId: user.id, expiresAt };
}

export async function logout(
  ctx: CommandContext,
  token: string,
): Promise<void> {
  await deleteSession(ctx.db, hashToken(token));
}

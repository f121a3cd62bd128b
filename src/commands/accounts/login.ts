import type { CommandContext } from '../context.ts';
import { findUserByEmail } from '../../db/repos/users.ts';
import { clearLoginFailures, countLoginFailures, deleteSession, insertSession, recordLoginFailure } from '../../db/repos/sessions.ts';
import { verifyPassword } from '../../auth/passwords.ts';
import { hashToken, newToken } from '../../auth/tokens.ts';
import { AppError } from '../../errors.ts';

export const SESSION_LIFETIME_MS = 14 * 24 * 3_600_000;
const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES_PER_ACCOUNT = 5;
const MAX_FAILURES_PER_ADDRESS = 20;

/**
 * Checks a password and opens a session. Failures are counted per account and per address in
 * the database (so the limit holds across processes); past the limit even a right password waits.
 */
export async function login(ctx: CommandContext, input: { email: string; password: string; ip: string }): Promise<{ token: string; userId: number; expiresAt: Date }> {
  const now = ctx.clock.now();
  const since = new Date(now.getTime() - WINDOW_MS);
  const [byAccount, byAddress] = await Promise.all([
    countLoginFailures(ctx.db, { email: input.email }, since),
    countLoginFailures(ctx.db, { ip: input.ip }, since),
  ]);
  if (byAccount >= MAX_FAILURES_PER_ACCOUNT || byAddress >= MAX_FAILURES_PER_ADDRESS) {
    throw new AppError('rate_limited', { message: 'Trop de tentatives de connexion. Réessayez dans 15 minutes.' });
  }
  const user = await findUserByEmail(ctx.db, input.email);
  const ok = await verifyPassword(input.password, user?.passwordHash ?? null);
  if (!user || !ok || user.status !== 'active') {
    await recordLoginFailure(ctx.db, input.email, input.ip, now);
    throw new AppError('unauthenticated', { message: user?.status === 'deactivated' && ok ? 'Ce compte a été désactivé.' : 'Adresse e-mail ou mot de passe incorrect.' });
  }
  await clearLoginFailures(ctx.db, input.email);
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS);
  await insertSession(ctx.db, { tokenHash: hashToken(token), userId: user.id, expiresAt, ip: input.ip }, now);
  return { token, userId: user.id, expiresAt };
}

export async function logout(ctx: CommandContext, token: string): Promise<void> {
  await deleteSession(ctx.db, hashToken(token));
}

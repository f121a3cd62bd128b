import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import { findSessionUserId } from '../../db/repos/sessions.ts';
import { findUserById } from '../../db/repos/users.ts';
import { hashToken } from '../../auth/tokens.ts';
import type { Actor } from '../../commands/context.ts';
import { SESSION_LIFETIME_MS } from '../../commands/accounts/login.ts';
import type { User } from '../../domain/user.ts';

export const SESSION_COOKIE = 'nd_session';

/** The signed-in member behind the request's session cookie, if the session and account are live. */
export async function currentUser(
  services: Services,
  request: FastifyRequest,
): Promise<User | null> {
  const token = request.cookies[SESSION_COOKIE];
  if (!token) return null;
  const userId = await findSessionUserId(
    services.db,
    hashToken(token),
    services.clock.now(),
  );
  if (userId === null) return null;
  const user = await findUserById(services.db, userId);
  return user && user.status === 'active' ? user : null;
}

export function actorOf(user: User): Actor & { kind: 'user' } {
  return {
    kind: 'user',
    id: user.id,
    role: user.role,
    sectionIds: user.sectionIds,
  };
}

/** HttpOnly, SameSite=Lax, Secure whenever the site is served over HTTPS. */
export function setSessionCookie(
  services: Services,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure:
      services.config.site.url.startsWith('https:') ||
      request.protocol === 'https',
    maxAge: Math.floor(SESSION_LIFETIME_MS / 1000),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

import type { FastifyRequest } from 'fastify';
import type { Services } from '../../services.ts';
import {
  findLiveCredential,
  touchCredential,
} from '../../db/repos/apiCredentials.ts';
import type { ApiCredential } from '../../domain/apiCredential.ts';
import { findUserById } from '../../db/repos/users.ts';
import { hashToken } from '../../auth/tokens.ts';
import { ROLES, type Role } from '../../domain/roles.ts';
import type { Actor } from '../../commands/context.ts';
import { AppError } from '../../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The Content API key or Admin API token the request came with, once checked. */
    apiCredential: ApiCredential | null;
  }
}

/** A Content API key from the `X-Api-Key` header or the `key` parameter (browsers' preflights carry only the latter). */
export function contentKeyOf(request: FastifyRequest): string | null {
  const header = request.headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  const query = request.query as Record<string, unknown> | undefined;
  const fromQuery = query?.['key'];
  return typeof fromQuery === 'string' && fromQuery ? fromQuery : null;
}

/** The live credential behind a secret, with its last use recorded; a 401 for anything else. */
export async function checkCredential(
  services: Services,
  kind: 'content' | 'admin',
  secret: string | null,
): Promise<ApiCredential> {
  if (!secret || secret.length > 200)
    throw new AppError('unauthenticated', {
      message:
        kind === 'content'
          ? 'Une clé de la Content API est requise (en-tête X-Api-Key ou paramètre key).'
          : 'Un jeton de l’Admin API est requis (Authorization: Bearer …).',
    });
  const credential = await findLiveCredential(
    services.db,
    kind,
    hashToken(secret),
  );
  if (!credential)
    throw new AppError('unauthenticated', {
      message: 'Cette clé ou ce jeton est inconnu ou a été révoqué.',
    });
  await touchOncePerMinute(services, credential.id);
  return credential;
}

/**
 * The last-used time is kept to the minute: this process writes it at most once a minute per
 * credential, so reads do not each cost a write (on SQLite, a write lock per API request).
 */
const TOUCH_EVERY_MS = 60_000;
const touchedByDatabase = new WeakMap<Services['db'], Map<number, number>>();
async function touchOncePerMinute(
  services: Services,
  id: number,
): Promise<void> {
  let touched = touchedByDatabase.get(services.db);
  if (!touched) touchedByDatabase.set(services.db, (touched = new Map()));
  const now = services.clock.now();
  const last = touched.get(id);
  if (last !== undefined && Math.abs(now.getTime() - last) < TOUCH_EVERY_MS)
    return;
  if (touched.size >= 10_000) touched.clear();
  touched.set(id, now.getTime());
  await touchCredential(services.db, id, now);
}

export function bearerOf(request: FastifyRequest): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
  return match?.[1] ?? null;
}

const lower = (a: Role, b: Role): Role =>
  ROLES.indexOf(a) <= ROLES.indexOf(b) ? a : b;

/**
 * Who an Admin API token acts as: its member, with the lower of the token's role and the member's
 * current one, limited to the token's sections (within the member's, when they have a limit).
 * The same Actor the back office builds from a session, so the same policies decide.
 */
export async function tokenActor(
  services: Services,
  credential: ApiCredential,
): Promise<Actor & { kind: 'user' }> {
  const user = await findUserById(services.db, credential.userId);
  if (user?.status !== 'active')
    throw new AppError('unauthenticated', {
      message: 'Le compte pour lequel ce jeton agit n’est plus actif.',
    });
  const role = lower(credential.role ?? 'contributor', user.role);
  let sectionIds = credential.sectionIds.length
    ? credential.sectionIds
    : user.sectionIds;
  if (credential.sectionIds.length && user.sectionIds.length) {
    sectionIds = credential.sectionIds.filter((id) =>
      user.sectionIds.includes(id),
    );
    // No common section would read as "every section": refuse rather than widen.
    if (sectionIds.length === 0)
      throw new AppError('forbidden', {
        message: 'Les rubriques de ce jeton sont hors de celles de son compte.',
      });
  }
  return { kind: 'user', id: user.id, role, sectionIds };
}

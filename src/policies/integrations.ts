import { atLeast, type Role } from '../domain/roles.ts';
import type { Principal } from './article.ts';
import type { ApiCredential } from '../domain/apiCredential.ts';

/**
 * Who may hold which API credential. Admins manage Content API keys and may revoke any credential;
 * any member may make and revoke Admin API tokens acting for themselves (an integration's token is
 * made by the member accountable for it), never with a role above their own. A token never acts above its user's current
 * role either (see `tokenActor`), so demoting or deactivating someone limits their tokens too.
 */
export function canCreateCredential(
  u: Principal,
  c: { kind: 'content' | 'admin'; userId: number; role: Role | null },
): boolean {
  if (c.kind === 'content') return atLeast(u.role, 'admin');
  // A token acts for the member who makes it: nobody makes one that acts as someone else.
  return (
    c.role !== null &&
    c.role !== 'owner' &&
    c.userId === u.id &&
    atLeast(u.role, c.role)
  );
}

export function canRevokeCredential(u: Principal, c: ApiCredential): boolean {
  return atLeast(u.role, 'admin') || (c.kind === 'admin' && c.userId === u.id);
}

/** Only admins see the integrations page with every credential; others see their own tokens. */
export const canManageIntegrations = (u: Principal) => atLeast(u.role, 'admin');

import type { Role } from './roles.ts';

export type CredentialKind = 'content' | 'admin';

/** A Content API key or an Admin API token, without its secret (only the hash is stored). */
export interface ApiCredential {
  id: number;
  kind: CredentialKind;
  name: string;
  /** The first characters of the secret, shown in the back office to tell credentials apart. */
  prefix: string;
  /** Admin tokens: the role acted with (capped by the user's own) and the sections allowed (empty: the user's). */
  role: Role | null;
  sectionIds: number[];
  /** The member a token acts for (per-user tokens) or who is accountable for it (integrations). */
  userId: number;
  corsOrigins: string[];
  ratePerMinute: number;
  createdBy: number;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

import type { Queryable } from '../../db/database.ts';
import { insertOneTimeToken } from '../../db/repos/sessions.ts';
import { hashToken, newToken } from '../../auth/tokens.ts';

const LIFETIME_MS = {
  setup: 24 * 3_600_000,
  invite: 7 * 24 * 3_600_000,
  reset: 24 * 3_600_000,
} as const;

/** A single-use link for first-run setup, an invitation or a password reset. */
export async function issueOneTimeLink(
  db: Queryable,
  siteUrl: string,
  purpose: keyof typeof LIFETIME_MS,
  userId: number | null,
  now: Date,
): Promise<string> {
  const token = newToken();
  await insertOneTimeToken(
    db,
    {
      tokenHash: hashToken(token),
      purpose,
      userId,
      expiresAt: new Date(now.getTime() + LIFETIME_MS[purpose]),
    },
    now,
  );
  const path = purpose === 'setup' ? '/admin/setup' : '/admin/mot-de-passe';
  return `${siteUrl}${path}?token=${token}`;
}

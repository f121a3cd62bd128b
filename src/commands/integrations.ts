import { actorId, type Actor, type CommandContext } from './context.ts';
import {
  findCredential,
  insertCredential,
  revokeCredential,
} from '../db/repos/apiCredentials.ts';
import type { CredentialKind } from '../domain/apiCredential.ts';
import { listSections } from '../db/repos/taxonomy.ts';
import {
  canCreateCredential,
  canRevokeCredential,
} from '../policies/integrations.ts';
import { authorize } from '../policies/authorize.ts';
import { hashToken, newToken } from '../auth/tokens.ts';
import type { Role } from '../domain/roles.ts';
import { AppError } from '../errors.ts';

/** Secrets say what they are, so a leaked one is recognised (and secret scanners can match it). */
const SECRET_PREFIX: Record<CredentialKind, string> = {
  content: 'ndc_',
  admin: 'nda_',
};

export interface CredentialInput {
  kind: CredentialKind;
  name: string;
  /** Admin tokens only. */
  role?: Role;
  sectionIds?: number[];
  /** Content keys only: browser origins (`https://app.example`) allowed to call with the key. */
  corsOrigins?: string[];
  ratePerMinute?: number;
}

/**
 * Makes a Content API key or an Admin API token. The secret is returned once, here, and only its
 * hash is stored: whoever loses it makes a new one.
 */
export async function createApiCredential(
  ctx: CommandContext,
  actor: Actor,
  input: CredentialInput,
): Promise<{ id: number; secret: string }> {
  if (actor.kind !== 'user') throw new AppError('forbidden');
  const role = input.kind === 'admin' ? (input.role ?? null) : null;
  authorize(
    canCreateCredential(actor, { kind: input.kind, userId: actor.id, role }),
  );
  const fields: Record<string, string> = {};
  const name = input.name.trim();
  if (name.length < 2 || name.length > 200)
    fields['name'] =
      'Donnez un nom de 2 à 200 caractères (l’application ou le partenaire).';
  const origins =
    input.kind === 'content'
      ? (input.corsOrigins ?? []).map((o) => o.trim()).filter(Boolean)
      : [];
  const badOrigin = origins.find(
    (o) => o !== '*' && !/^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/i.test(o),
  );
  if (badOrigin)
    fields['corsOrigins'] =
      `« ${badOrigin} » n’est pas une origine (https://exemple.ma, sans chemin) ni *.`;
  const rate = input.ratePerMinute ?? 600;
  if (!Number.isInteger(rate) || rate < 1 || rate > 100_000)
    fields['ratePerMinute'] =
      'Indiquez un nombre de requêtes par minute entre 1 et 100 000.';
  const sectionIds =
    input.kind === 'admin' ? [...new Set(input.sectionIds ?? [])] : [];
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const known = new Set((await listSections(tx)).map((s) => s.id));
    if (sectionIds.some((id) => !known.has(id)))
      fields['sectionIds'] = 'Choisissez des rubriques existantes.';
    if (Object.keys(fields).length)
      throw new AppError('invalid_input', { fields });
    const secret = SECRET_PREFIX[input.kind] + newToken();
    const id = await insertCredential(
      tx,
      {
        kind: input.kind,
        name,
        prefix: secret.slice(0, 10),
        tokenHash: hashToken(secret),
        role,
        sectionIds,
        userId: actor.id,
        corsOrigins: origins,
        ratePerMinute: rate,
        createdBy: actor.id,
      },
      now,
    );
    await ctx.events.record(tx, {
      name: 'integrations.create',
      actorId: actorId(actor),
      payload: { credentialId: id, kind: input.kind, name, role },
      at: now,
    });
    return { id, secret };
  });
}

/** Revokes a credential at once; requests with it are refused from the next one on. */
export async function revokeApiCredential(
  ctx: CommandContext,
  actor: Actor,
  credentialId: number,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const credential = await findCredential(tx, credentialId);
    if (!credential) throw new AppError('not_found');
    if (actor.kind === 'user')
      authorize(canRevokeCredential(actor, credential));
    if (!(await revokeCredential(tx, credentialId, now))) return; // already revoked: nothing changes
    await ctx.events.record(tx, {
      name: 'integrations.revoke',
      actorId: actorId(actor),
      payload: { credentialId, kind: credential.kind, name: credential.name },
      at: now,
    });
  });
}

import type { Queryable } from '../database.ts';
import { fromJson, toDate } from '../schema.ts';
import type {
  ApiCredential,
  CredentialKind,
} from '../../domain/apiCredential.ts';
import type { Role } from '../../domain/roles.ts';

type Row = {
  id: number;
  kind: string;
  name: string;
  prefix: string;
  role: string | null;
  section_ids: string;
  user_id: number;
  cors_origins: string;
  rate_per_minute: number;
  created_by: number;
  created_at: Date | string;
  last_used_at: Date | string | null;
  revoked_at: Date | string | null;
};

const columns = [
  'id',
  'kind',
  'name',
  'prefix',
  'role',
  'section_ids',
  'user_id',
  'cors_origins',
  'rate_per_minute',
  'created_by',
  'created_at',
  'last_used_at',
  'revoked_at',
] as const;

function toCredential(r: Row): ApiCredential {
  return {
    id: r.id,
    kind: r.kind as CredentialKind,
    name: r.name,
    prefix: r.prefix,
    role: r.role as Role | null,
    sectionIds: fromJson<number[]>(r.section_ids),
    userId: r.user_id,
    corsOrigins: fromJson<string[]>(r.cors_origins),
    ratePerMinute: r.rate_per_minute,
    createdBy: r.created_by,
    createdAt: toDate(r.created_at),
    lastUsedAt: toDate(r.last_used_at),
    revokedAt: toDate(r.revoked_at),
  };
}

export interface NewCredential {
  kind: CredentialKind;
  name: string;
  prefix: string;
  tokenHash: string;
  role: Role | null;
  sectionIds: number[];
  userId: number;
  corsOrigins: string[];
  ratePerMinute: number;
  createdBy: number;
}

export async function insertCredential(
  db: Queryable,
  c: NewCredential,
  at: Date,
): Promise<number> {
  const row = await db
    .insertInto('api_credentials')
    .values({
      kind: c.kind,
      name: c.name,
      prefix: c.prefix,
      token_hash: c.tokenHash,
      role: c.role,
      section_ids: JSON.stringify(c.sectionIds),
      user_id: c.userId,
      cors_origins: JSON.stringify(c.corsOrigins),
      rate_per_minute: c.ratePerMinute,
      created_by: c.createdBy,
      created_at: at.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A live (not revoked) credential of this kind by the hash of its secret. */
export async function findLiveCredential(
  db: Queryable,
  kind: CredentialKind,
  tokenHash: string,
): Promise<ApiCredential | null> {
  const row = await db
    .selectFrom('api_credentials')
    .select(columns)
    .where('token_hash', '=', tokenHash)
    .where('kind', '=', kind)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? toCredential(row) : null;
}

export async function findCredential(
  db: Queryable,
  id: number,
): Promise<ApiCredential | null> {
  const row = await db
    .selectFrom('api_credentials')
    .select(columns)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toCredential(row) : null;
}

/** Every credential, newest first; revoked ones stay listed (with their revocation time) for the record. */
export async function listCredentials(db: Queryable): Promise<ApiCredential[]> {
  const rows = await db
    .selectFrom('api_credentials')
    .select(columns)
    .orderBy('id', 'desc')
    .execute();
  return rows.map(toCredential);
}

export async function revokeCredential(
  db: Queryable,
  id: number,
  at: Date,
): Promise<boolean> {
  const result = await db
    .updateTable('api_credentials')
    .set({ revoked_at: at.toISOString() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records use, at most once a minute per credential (a write per request would be the API's main cost). */
export async function touchCredential(
  db: Queryable,
  id: number,
  at: Date,
): Promise<void> {
  const minuteAgo = new Date(at.getTime() - 60_000).toISOString();
  await db
    .updateTable('api_credentials')
    .set({ last_used_at: at.toISOString() })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('last_used_at', 'is', null),
        eb('last_used_at', '<', minuteAgo),
      ]),
    )
    .execute();
}

import type { Queryable } from '../database.ts';
import { toDate } from '../schema.ts';
import type { Role } from '../../domain/roles.ts';
import type { User } from '../../domain/user.ts';

type UserRow = {
  id: number;
  email: string;
  display_name: string;
  role: string;
  status: string;
  password_hash: string | null;
  created_at: Date | string;
};

async function withSections(db: Queryable, rows: UserRow[]): Promise<User[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('user_sections')
    .select(['user_id', 'section_id'])
    .where(
      'user_id',
      'in',
      rows.map((r) => r.id),
    )
    .execute();
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    displayName: r.display_name,
    role: r.role as Role,
    status: r.status as User['status'],
    passwordHash: r.password_hash,
    createdAt: toDate(r.created_at),
    sectionIds: links
      .filter((l) => l.user_id === r.id)
      .map((l) => l.section_id),
  }));
}

const columns = [
  'id',
  'email',
  'display_name',
  'role',
  'status',
  'password_hash',
  'created_at',
] as const;

export async function findUserById(
  db: Queryable,
  id: number,
): Promise<User | null> {
  const row = await db
    .selectFrom('users')
    .select(columns)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? (await withSections(db, [row]))[0]! : null;
}

export async function findUserByEmail(
  db: Queryable,
  email: string,
): Promise<User | null> {
  const row = await db
    .selectFrom('users')
    .select(columns)
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return row ? (await withSections(db, [row]))[0]! : null;
}

export async function listUsers(db: Queryable): Promise<User[]> {
  return withSections(
    db,
    await db
      .selectFrom('users')
      .select(columns)
      .orderBy('display_name')
      .execute(),
  );
}

/** Whether the site has its owner: the setup link is offered, and honoured, only until it does. */
export async function hasOwner(db: Queryable): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'owner')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertUser(
  db: Queryable,
  u: {
    email: string;
    displayName: string;
    role: Role;
    status: User['status'];
    passwordHash: string | null;
  },
  at: Date,
): Promise<number> {
  const row = await db
    .insertInto('users')
    .values({
      email: u.email.trim().toLowerCase(),
      display_name: u.displayName,
      role: u.role,
      status: u.status,
      password_hash: u.passwordHash,
      created_at: at.toISOString(),
      updated_at: at.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateUser(
  db: Queryable,
  id: number,
  patch: {
    role?: Role;
    status?: User['status'];
    passwordHash?: string;
    displayName?: string;
  },
  at: Date,
): Promise<void> {
  await db
    .updateTable('users')
    .set({
      ...(patch.role ? { role: patch.role } : {}),
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.passwordHash ? { password_hash: patch.passwordHash } : {}),
      ...(patch.displayName ? { display_name: patch.displayName } : {}),
      updated_at: at.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}

export async function setUserSections(
  db: Queryable,
  userId: number,
  sectionIds: number[],
): Promise<void> {
  await db.deleteFrom('user_sections').where('user_id', '=', userId).execute();
  const unique = [...new Set(sectionIds)];
  if (unique.length)
    await db
      .insertInto('user_sections')
      .values(unique.map((section_id) => ({ user_id: userId, section_id })))
      .execute();
}

/** The author row that signs a user's articles, if any. */
export async function findAuthorIdForUser(
  db: Queryable,
  userId: number,
): Promise<number | null> {
  const row = await db
    .selectFrom('authors')
    .select('id')
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.id ?? null;
}

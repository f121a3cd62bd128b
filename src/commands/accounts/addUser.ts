import { actorId, type Actor, type CommandContext } from '../context.ts';
import {
  findUserByEmail,
  findUserById,
  insertUser,
  setUserSections,
} from '../../db/repos/users.ts';
import {
  insertAuthor,
  findAuthorBySlug,
  missingSectionIds,
} from '../../db/repos/taxonomy.ts';
import { slugFromTitle, uniqueSlug } from '../../domain/slug.ts';
import type { Role } from '../../domain/roles.ts';
import { canChangeUser, canInNewsroom } from '../../policies/newsroom.ts';
import { authorize } from '../../policies/authorize.ts';
import { AppError } from '../../errors.ts';
import { issueOneTimeLink } from './tokens.ts';
import type { Queryable } from '../../db/database.ts';

export interface NewUser {
  email: string;
  displayName: string;
  role: Role;
  sectionIds?: number[];
  passwordHash?: string | null;
}

/** An editor's sections must exist: an unknown id is the form's error, not a foreign-key failure. */
export async function checkSectionsExist(
  tx: Queryable,
  sectionIds: number[],
): Promise<void> {
  if ((await missingSectionIds(tx, sectionIds)).length)
    throw new AppError('invalid_input', {
      fields: { sectionIds: 'Une des rubriques choisies n’existe pas.' },
    });
}

/** Creates the account and the byline that signs its articles, in the caller's transaction. */
export async function insertUserWithAuthor(
  tx: Queryable,
  u: NewUser,
  status: 'active' | 'invited',
  now: Date,
): Promise<number> {
  if (await findUserByEmail(tx, u.email))
    throw new AppError('invalid_input', {
      fields: { email: 'Un compte existe déjà avec cette adresse.' },
    });
  const id = await insertUser(
    tx,
    {
      email: u.email,
      displayName: u.displayName,
      role: u.role,
      status,
      passwordHash: u.passwordHash ?? null,
    },
    now,
  );
  if (u.sectionIds?.length) {
    await checkSectionsExist(tx, u.sectionIds);
    await setUserSections(tx, id, u.sectionIds);
  }
  const slug = await uniqueSlug(
    slugFromTitle(u.displayName),
    async (s) => (await findAuthorBySlug(tx, s)) !== null,
  );
  await insertAuthor(
    tx,
    { slug, name: u.displayName, bio: '', userId: id },
    now,
  );
  return id;
}

/** Invites someone: the account waits for its owner to choose a password through the link. */
export async function addUser(
  ctx: CommandContext & { siteUrl: string },
  actor: Actor,
  u: NewUser,
): Promise<{ userId: number; link: string }> {
  if (actor.kind === 'user') {
    const me = await findUserById(ctx.db, actor.id);
    authorize(
      me !== null &&
        canInNewsroom(actor, 'manageUsers') &&
        canChangeUser(actor, { id: -1, role: u.role }, u.role),
    );
  }
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const userId = await insertUserWithAuthor(tx, u, 'invited', now);
    const link = await issueOneTimeLink(tx, ctx.siteUrl, 'invite', userId, now);
    await ctx.events.record(tx, {
      name: 'users.create',
      actorId: actorId(actor),
      payload: { userId, email: u.email, role: u.role },
      at: now,
    });
    return { userId, link };
  });
}

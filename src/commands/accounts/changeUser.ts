import { actorId, type Actor, type CommandContext } from '../context.ts';
import {
  findUserById,
  setUserSections,
  updateUser,
} from '../../db/repos/users.ts';
import { deleteUserSessions } from '../../db/repos/sessions.ts';
import type { Role } from '../../domain/roles.ts';
import { canChangeUser, canInNewsroom } from '../../policies/newsroom.ts';
import { authorize } from '../../policies/authorize.ts';
import { AppError } from '../../errors.ts';
import { issueOneTimeLink } from './tokens.ts';
import { checkSectionsExist } from './addUser.ts';

function authorizeOn(
  actor: Actor,
  target: { id: number; role: Role },
  newRole?: Role,
): void {
  if (actor.kind === 'user')
    authorize(
      canInNewsroom(actor, 'manageUsers') &&
        canChangeUser(actor, target, newRole),
    );
}

/** Changes a member's role and, for editors, the sections they may act in. */
export async function changeUserRole(
  ctx: CommandContext,
  actor: Actor,
  input: { userId: number; role: Role; sectionIds: number[] },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const target = await findUserById(tx, input.userId);
    if (!target) throw new AppError('not_found');
    authorizeOn(actor, target, input.role);
    if (input.role === 'editor') await checkSectionsExist(tx, input.sectionIds);
    await updateUser(tx, target.id, { role: input.role }, now);
    await setUserSections(
      tx,
      target.id,
      input.role === 'editor' ? input.sectionIds : [],
    );
    await ctx.events.record(tx, {
      name: 'users.update',
      actorId: actorId(actor),
      payload: {
        userId: target.id,
        change: 'role',
        from: target.role,
        to: input.role,
        sectionIds: input.sectionIds,
      },
      at: now,
    });
  });
}

/** Deactivates an account; its sessions end at once. */
export async function deactivateUser(
  ctx: CommandContext,
  actor: Actor,
  input: { userId: number },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const target = await findUserById(tx, input.userId);
    if (!target) throw new AppError('not_found');
    authorizeOn(actor, target);
    await updateUser(tx, target.id, { status: 'deactivated' }, now);
    await deleteUserSessions(tx, target.id);
    await ctx.events.record(tx, {
      name: 'users.update',
      actorId: actorId(actor),
      payload: { userId: target.id, change: 'deactivate' },
      at: now,
    });
  });
}

/** A one-time link to choose a new password (no mail server needed: the admin passes it on). */
export async function resetPassword(
  ctx: CommandContext & { siteUrl: string },
  actor: Actor,
  input: { userId: number },
): Promise<string> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const target = await findUserById(tx, input.userId);
    if (!target) throw new AppError('not_found');
    if (actor.kind === 'user' && actor.id !== target.id)
      authorizeOn(actor, target);
    const link = await issueOneTimeLink(
      tx,
      ctx.siteUrl,
      'reset',
      target.id,
      now,
    );
    await ctx.events.record(tx, {
      name: 'users.update',
      actorId: actorId(actor),
      payload: { userId: target.id, change: 'reset-password' },
      at: now,
    });
    return link;
  });
}

import type { CommandContext } from '../context.ts';
import { findUserById, updateUser } from '../../db/repos/users.ts';
import {
  consumeOneTimeToken,
  deleteUserSessions,
} from '../../db/repos/sessions.ts';
import { hashPassword, passwordProblem } from '../../auth/passwords.ts';
import { hashToken } from '../../auth/tokens.ts';
import { AppError } from '../../errors.ts';

/** An invitation or reset link sets a password; other sessions of that account end. */
export async function setPasswordWithToken(
  ctx: CommandContext,
  input: { token: string; password: string },
): Promise<number> {
  const problem = passwordProblem(input.password);
  if (problem)
    throw new AppError('invalid_input', { fields: { password: problem } });
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const used = await consumeOneTimeToken(
      tx,
      hashToken(input.token),
      ['invite', 'reset'],
      now,
    );
    const user = used?.userId ? await findUserById(tx, used.userId) : null;
    if (!user || user.status === 'deactivated')
      throw new AppError('forbidden', {
        message:
          'Ce lien n’est plus valable. Demandez-en un nouveau à un administrateur.',
      });
    await updateUser(tx, user.id, { passwordHash, status: 'active' }, now);
    await deleteUserSessions(tx, user.id);
    await ctx.events.record(tx, {
      name: 'users.update',
      actorId: user.id,
      payload: { userId: user.id, change: 'password' },
      at: now,
    });
    return user.id;
  });
}

import type { CommandContext } from '../context.ts';
import { hasOwner } from '../../db/repos/users.ts';
import { consumeOneTimeToken } from '../../db/repos/sessions.ts';
import { hashPassword, passwordProblem } from '../../auth/passwords.ts';
import { hashToken } from '../../auth/tokens.ts';
import { AppError } from '../../errors.ts';
import { insertUserWithAuthor } from './addUser.ts';

/** First run: the one-time setup link creates the owner, once, and only while the site has no owner
 * (accounts invited from the command line before it do not close the door). */
export async function setupOwner(
  ctx: CommandContext,
  input: {
    token: string;
    email: string;
    displayName: string;
    password: string;
  },
): Promise<number> {
  const problem = passwordProblem(input.password);
  if (problem)
    throw new AppError('invalid_input', { fields: { password: problem } });
  const passwordHash = await hashPassword(input.password);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    if (await hasOwner(tx))
      throw new AppError('forbidden', {
        message: 'Le compte propriétaire existe déjà. Connectez-vous.',
      });
    const used = await consumeOneTimeToken(
      tx,
      hashToken(input.token),
      ['setup'],
      now,
    );
    if (!used)
      throw new AppError('forbidden', {
        message:
          'Ce lien d’installation n’est plus valable. Redémarrez le serveur pour en obtenir un nouveau.',
      });
    const id = await insertUserWithAuthor(
      tx,
      {
        email: input.email,
        displayName: input.displayName,
        role: 'owner',
        passwordHash,
      },
      'active',
      now,
    );
    await ctx.events.record(tx, {
      name: 'users.create',
      actorId: id,
      payload: { userId: id, email: input.email, role: 'owner' },
      at: now,
    });
    return id;
  });
}

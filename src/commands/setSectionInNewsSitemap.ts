import { actorId, type Actor, type CommandContext } from './context.ts';
import { setSectionInNewsSitemap as updateFlag } from '../db/repos/sitemaps.ts';
import { AppError } from '../errors.ts';

/**
 * Puts a section's articles into the Google News sitemap, or keeps them out (opinion, partner
 * content, anything Google News should not index as news). Records `sections.update`, so cached
 * sitemaps follow. Today the command line calls it as the system; the back office will call it
 * after its own policy check, as for every editorial verb.
 */
export async function setSectionInNewsSitemap(
  ctx: CommandContext,
  actor: Actor,
  input: { slug: string; include: boolean },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const section = await updateFlag(tx, input.slug, input.include);
    if (!section) throw new AppError('not_found');
    await ctx.events.record(tx, {
      name: 'sections.update',
      actorId: actorId(actor),
      payload: { slug: input.slug, inNewsSitemap: input.include },
      at: now,
    });
  });
}

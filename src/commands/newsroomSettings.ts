import { actorId, type Actor, type CommandContext } from './context.ts';
import { writeSetting } from '../db/repos/settings.ts';
import {
  findSectionBySlug,
  insertSection,
  listSections,
} from '../db/repos/taxonomy.ts';
import { canInNewsroom } from '../policies/newsroom.ts';
import { authorize } from '../policies/authorize.ts';
import { slugFromTitle } from '../domain/slug.ts';
import { AppError } from '../errors.ts';
import { WINDOW_DAYS_RANGE, type SiteSettings } from '../domain/settings.ts';

/** Changes the site settings (admins); the window is kept within WINDOW_DAYS_RANGE. */
export async function updateSettings(
  ctx: CommandContext,
  actor: Actor,
  settings: SiteSettings,
): Promise<void> {
  if (actor.kind === 'user') authorize(canInNewsroom(actor, 'manageSettings'));
  const days = settings.duplicateWindowDays;
  if (
    !Number.isInteger(days) ||
    days < WINDOW_DAYS_RANGE.min ||
    days > WINDOW_DAYS_RANGE.max
  ) {
    throw new AppError('invalid_input', {
      fields: {
        duplicateWindowDays: `Indiquez un nombre de jours entre ${WINDOW_DAYS_RANGE.min} et ${WINDOW_DAYS_RANGE.max}.`,
      },
    });
  }
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    for (const key of Object.keys(settings) as (keyof SiteSettings)[])
      await writeSetting(tx, key, settings[key], now);
    await ctx.events.record(tx, {
      name: 'settings.update',
      actorId: actorId(actor),
      payload: { ...settings },
      at: now,
    });
  });
}

/** Adds a section at the end of the navigation. */
export async function createSection(
  ctx: CommandContext,
  actor: Actor,
  input: { name: string; description: string },
): Promise<number> {
  if (actor.kind === 'user') authorize(canInNewsroom(actor, 'manageSections'));
  const name = input.name.trim();
  if (name.length < 2 || name.length > 80)
    throw new AppError('invalid_input', {
      fields: { name: 'Donnez un nom de 2 à 80 caractères.' },
    });
  const slug = slugFromTitle(name);
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    if (await findSectionBySlug(tx, slug))
      throw new AppError('invalid_input', {
        fields: { name: 'Une rubrique porte déjà ce nom.' },
      });
    const position = (await listSections(tx)).length;
    const id = await insertSection(
      tx,
      { slug, name, description: input.description.trim(), position },
      now,
    );
    await ctx.events.record(tx, {
      name: 'sections.create',
      actorId: actorId(actor),
      payload: { slug },
      at: now,
    });
    return id;
  });
}

import { actorId, type Actor, type CommandContext } from './context.ts';
import type { Queryable } from '../db/database.ts';
import {
  articleEditions,
  findEdition,
  insertEdition,
  joinTranslationGroup,
  sectionEdition,
  setSectionEdition,
} from '../db/repos/editions.ts';
import {
  DEFAULT_EDITION,
  EDITION_CODE,
  HOST,
  PATH_PREFIX,
  type Edition,
} from '../domain/editions.ts';
import { AppError } from '../errors.ts';

/**
 * The edition verbs (issue #20): add an edition, move a section into one, link articles of
 * different editions as translations of each other. The command line calls them as the
 * system (src/cli/editionCommand.ts); each records its event in the same transaction.
 */

/** The edition an article in this section belongs to (the default one without a section). */
export async function editionOfSection(
  tx: Queryable,
  sectionId: number | null,
): Promise<Edition> {
  const code =
    sectionId === null
      ? DEFAULT_EDITION
      : ((await sectionEdition(tx, sectionId)) ?? DEFAULT_EDITION);
  const edition = await findEdition(tx, code);
  if (!edition) throw new Error(`edition ${code} is missing`);
  return edition;
}

export async function addEdition(
  ctx: CommandContext,
  actor: Actor,
  input: Edition,
): Promise<void> {
  const fields: Record<string, string> = {};
  if (!EDITION_CODE.test(input.code))
    fields['code'] = 'Un code de deux ou trois lettres minuscules (ar, zgh…).';
  if (!EDITION_CODE.test(input.language))
    fields['language'] = 'Une langue BCP 47 (ar, zgh, en…).';
  if (input.host !== null && !HOST.test(input.host))
    fields['host'] = 'Un nom d’hôte (ar.example.ma).';
  if (input.host === null && !PATH_PREFIX.test(input.pathPrefix))
    fields['pathPrefix'] = 'Un préfixe tel que /ar.';
  if (input.name.trim() === '') fields['name'] = 'Le nom est obligatoire.';
  if (Object.keys(fields).length)
    throw new AppError('invalid_input', { fields });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (await findEdition(tx, input.code))
      throw new AppError('invalid_input', {
        fields: { code: 'Cette édition existe déjà.' },
      });
    await insertEdition(tx, input, now);
    await ctx.events.record(tx, {
      name: 'editions.create',
      actorId: actorId(actor),
      payload: { code: input.code },
      at: now,
    });
  });
}

/** Moves a section (and so the articles filed under it from now on) into an edition. */
export async function setSectionEditionCommand(
  ctx: CommandContext,
  actor: Actor,
  input: { slug: string; edition: string },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    if (!(await findEdition(tx, input.edition)))
      throw new AppError('not_found', { message: 'Édition inconnue.' });
    if (!(await setSectionEdition(tx, input.slug, input.edition)))
      throw new AppError('not_found', { message: 'Rubrique inconnue.' });
    await ctx.events.record(tx, {
      name: 'sections.update',
      actorId: actorId(actor),
      payload: { slug: input.slug, edition: input.edition },
      at: now,
    });
  });
}

/**
 * Links articles as translations of one story: at most one per edition. Each article records
 * `articles.link_translations`, so the caches of both pages (hreflang, language switch) follow.
 */
export async function linkTranslations(
  ctx: CommandContext,
  actor: Actor,
  input: { articleIds: number[] },
): Promise<void> {
  const ids = [...new Set(input.articleIds)];
  if (ids.length < 2)
    throw new AppError('invalid_input', {
      message: 'Il faut au moins deux articles à relier.',
    });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const info = await articleEditions(tx, ids);
    if (info.length !== ids.length) throw new AppError('not_found');
    const editions = info.map((i) => i.edition);
    if (new Set(editions).size !== editions.length)
      throw new AppError('invalid_input', {
        message:
          'Une traduction par édition : ces articles sont de la même édition.',
      });
    const group = await joinTranslationGroup(tx, ids);
    for (const id of ids)
      await ctx.events.record(tx, {
        name: 'articles.link_translations',
        articleId: id,
        actorId: actorId(actor),
        payload: { group },
        at: now,
      });
  });
}

import { z } from 'zod';
import { actorId, type Actor, type CommandContext } from './context.ts';
import { loadAuthorized } from './articleAccess.ts';
import {
  findLiveBlog,
  findLiveEntry,
  insertLiveEntry,
  saveLiveBlog,
  updateLiveEntry,
  type Scoreboard,
} from '../db/repos/liveBlogs.ts';
import { renderBody } from '../media/bodyPictures.ts';
import { findUserById } from '../db/repos/users.ts';
import { editsSection } from '../policies/article.ts';
import { authorize } from '../policies/authorize.ts';
import { AppError } from '../errors.ts';

/*
 * Live blog verbs. Each runs in one transaction and records `articles.live` (the blog itself)
 * or `articles.live_entry` (one entry, by id), which the live stream turns into frames for
 * readers on every process, and which refresh the kept article page.
 */

const entryInput = z.object({
  bodySource: z
    .string()
    .trim()
    .min(1, 'Écrivez le texte de l’entrée.')
    .max(20_000, 'Une entrée fait au plus 20 000 caractères.'),
  keyMoment: z.boolean().default(false),
});

const scoreInput = z.object({
  home: z.string().trim().max(80),
  homeScore: z.string().trim().max(10),
  away: z.string().trim().max(80),
  awayScore: z.string().trim().max(10),
  status: z.string().trim().max(120),
});

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues)
    fields[String(issue.path[0] ?? 'form')] ??= issue.message;
  throw new AppError('invalid_input', { fields });
}

/** Opens (or reopens) the live coverage of an article; « En direct » from now on. */
export async function startLiveBlog(
  ctx: CommandContext,
  actor: Actor,
  input: { articleId: number },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await loadAuthorized(tx, actor, 'runLive', input.articleId);
    const blog = await findLiveBlog(tx, input.articleId);
    await saveLiveBlog(
      tx,
      {
        articleId: input.articleId,
        state: 'live',
        startedAt: blog?.startedAt ?? now,
        endedAt: null,
        scoreboard: blog?.scoreboard ?? null,
      },
      now,
    );
    await ctx.events.record(tx, {
      name: 'articles.live',
      articleId: input.articleId,
      actorId: actorId(actor),
      payload: { state: 'live' },
      at: now,
    });
  });
}

/** Ends the coverage: « Terminé », and coverageEndTime in the structured data. */
export async function endLiveBlog(
  ctx: CommandContext,
  actor: Actor,
  input: { articleId: number },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await loadAuthorized(tx, actor, 'runLive', input.articleId);
    const blog = await findLiveBlog(tx, input.articleId);
    if (blog?.state !== 'live') throw new AppError('invalid_transition');
    await saveLiveBlog(tx, { ...blog, state: 'ended', endedAt: now }, now);
    await ctx.events.record(tx, {
      name: 'articles.live',
      articleId: input.articleId,
      actorId: actorId(actor),
      payload: { state: 'ended' },
      at: now,
    });
  });
}

/** Sets the score or result box (all fields empty: no box). */
export async function setScoreboard(
  ctx: CommandContext,
  actor: Actor,
  input: { articleId: number; scoreboard: unknown },
): Promise<void> {
  const scoreboard: Scoreboard = parseOrThrow(scoreInput, input.scoreboard);
  const empty = Object.values(scoreboard).every((v) => v === '');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await loadAuthorized(tx, actor, 'runLive', input.articleId);
    const blog = await findLiveBlog(tx, input.articleId);
    if (!blog) throw new AppError('invalid_transition');
    await saveLiveBlog(
      tx,
      { ...blog, scoreboard: empty ? null : scoreboard },
      now,
    );
    await ctx.events.record(tx, {
      name: 'articles.live',
      articleId: input.articleId,
      actorId: actorId(actor),
      payload: { scoreboard: !empty },
      at: now,
    });
  });
}

/** Posts an entry, signed by the journalist who posts it (the system actor names its byline). */
export async function postLiveEntry(
  ctx: CommandContext,
  actor: Actor,
  input: {
    articleId: number;
    bodySource: unknown;
    keyMoment?: unknown;
    byline?: string;
  },
): Promise<number> {
  const entry = parseOrThrow(entryInput, {
    bodySource: input.bodySource,
    keyMoment: input.keyMoment ?? false,
  });
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    await loadAuthorized(tx, actor, 'postLive', input.articleId);
    const blog = await findLiveBlog(tx, input.articleId);
    if (!blog)
      throw new AppError('invalid_transition', {
        message:
          'Cet article n’est pas suivi en direct : ouvrez d’abord le direct.',
      });
    const authorName =
      actor.kind === 'user'
        ? ((await findUserById(tx, actor.id))?.displayName ?? null)
        : (input.byline ?? null);
    const id = await insertLiveEntry(
      tx,
      {
        articleId: input.articleId,
        authorUserId: actorId(actor),
        authorName,
        bodySource: entry.bodySource,
        // Rendered like article bodies: library pictures (`![](media:12)`) become <picture>.
        bodyHtml: (await renderBody(tx, entry.bodySource)).html,
        keyMoment: entry.keyMoment,
      },
      now,
    );
    await ctx.events.record(tx, {
      name: 'articles.live_entry',
      articleId: input.articleId,
      actorId: actorId(actor),
      payload: { entryId: id, action: 'post' },
      at: now,
    });
    return id;
  });
}

/** Its author or an editor of the section may change or delete an entry. */
async function loadEntryFor(
  tx: CommandContext['db'],
  actor: Actor,
  articleId: number,
  entryId: number,
) {
  const article = await loadAuthorized(tx, actor, 'postLive', articleId);
  const entry = await findLiveEntry(tx, entryId);
  if (!entry || entry.articleId !== articleId || entry.deletedAt)
    throw new AppError('not_found');
  if (actor.kind === 'user')
    authorize(
      entry.authorUserId === actor.id || editsSection(actor, article.sectionId),
    );
  return entry;
}

export async function editLiveEntry(
  ctx: CommandContext,
  actor: Actor,
  input: {
    articleId: number;
    entryId: number;
    bodySource: unknown;
    keyMoment?: unknown;
  },
): Promise<void> {
  const entry = parseOrThrow(entryInput, {
    bodySource: input.bodySource,
    keyMoment: input.keyMoment ?? false,
  });
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await loadEntryFor(tx, actor, input.articleId, input.entryId);
    await updateLiveEntry(
      tx,
      input.entryId,
      {
        bodySource: entry.bodySource,
        // Rendered like article bodies: library pictures (`![](media:12)`) become <picture>.
        bodyHtml: (await renderBody(tx, entry.bodySource)).html,
        keyMoment: entry.keyMoment,
      },
      now,
    );
    await ctx.events.record(tx, {
      name: 'articles.live_entry',
      articleId: input.articleId,
      actorId: actorId(actor),
      payload: { entryId: input.entryId, action: 'edit' },
      at: now,
    });
  });
}

export async function deleteLiveEntry(
  ctx: CommandContext,
  actor: Actor,
  input: { articleId: number; entryId: number },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    await loadEntryFor(tx, actor, input.articleId, input.entryId);
    await updateLiveEntry(tx, input.entryId, { deletedAt: now }, now);
    await ctx.events.record(tx, {
      name: 'articles.live_entry',
      articleId: input.articleId,
      actorId: actorId(actor),
      payload: { entryId: input.entryId, action: 'delete' },
      at: now,
    });
  });
}

import type { Updateable } from 'kysely';
import { actorId, type Actor, type CommandContext } from './context.ts';
import { loadAuthorized } from './articleAccess.ts';
import {
  findArticleById,
  listArticleAuthorIds,
  updateArticleIfVersion,
} from '../db/repos/articles.ts';
import { failuresByField, runPublishChecks } from './publishChecks.ts';
import type { ArticlesTable } from '../db/schema.ts';
import { nextStatus } from '../domain/article.ts';
import {
  EDITORIAL_VERBS,
  type EditorialVerb,
} from '../domain/editorialVerbs.ts';
import type { Queryable } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { ArticleRecord } from '../domain/articleRecord.ts';

/** What every state-moving verb takes: the article, and the version the person saw (if any). */
export interface VerbInput {
  articleId: number;
  expectedVersion?: number | undefined;
}

export interface Transition {
  articleId: number;
  /** The version the person saw; a newer one means someone acted since, and we refuse. */
  expectedVersion?: number | undefined;
  /** The verb table gives its policy action, its allowed moves and the event it records. */
  verb: EditorialVerb;
  changes: (article: ArticleRecord, now: Date) => Updateable<ArticlesTable>;
  payload?: (article: ArticleRecord, now: Date) => Record<string, unknown>;
  /** Runs after the state check, before the write: may refuse (throw) or add to the event's payload. */
  guard?: (
    tx: Queryable,
    article: ArticleRecord,
    now: Date,
  ) => Promise<Record<string, unknown> | undefined>;
  /** Publishing and scheduling: the publish checks run (commands/publishChecks.ts). */
  goesOnline?: boolean;
  /** The person saw the checklist's warnings and goes on (errors still block). */
  confirmWarnings?: boolean | undefined;
  /** The public site's address, so absolute links to it count as internal links. */
  siteUrl?: string | undefined;
}

/**
 * The shape every state-changing verb shares: load, authorise, check the move is allowed from
 * the current state, write guarded by version, record the event, all in one transaction.
 */
export async function transitionArticle(
  ctx: CommandContext,
  actor: Actor,
  t: Transition,
): Promise<ArticleRecord> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const article = await loadAuthorized(tx, actor, t.verb, t.articleId);
    if (
      t.expectedVersion !== undefined &&
      t.expectedVersion !== article.version
    )
      throw new AppError('stale_version');
    const status = nextStatus(article.status, t.verb);
    if (!status) throw new AppError('invalid_transition');
    if (t.goesOnline) await enforcePublishChecks(ctx, tx, actor, article, t);
    const guarded = await t.guard?.(tx, article, now);
    const ok = await updateArticleIfVersion(tx, article.id, article.version, {
      ...t.changes(article, now),
      status,
      updated_at: now.toISOString(),
    });
    if (!ok) throw new AppError('stale_version');
    await ctx.events.record(tx, {
      name: EDITORIAL_VERBS[t.verb].event,
      articleId: article.id,
      actorId: actorId(actor),
      at: now,
      payload: {
        slug: article.slug,
        title: article.title,
        sectionId: article.sectionId,
        from: article.status,
        to: status,
        ...t.payload?.(article, now),
        ...guarded,
      },
    });
    return (await findArticleById(tx, article.id))!;
  });
}

/**
 * The publish checks on the way online. Everyone (the scheduler and importers too) needs a
 * section and a byline; a person also needs the other errors cleared and the warnings
 * confirmed. The likely duplicate is left to its own guard (an editor's override).
 */
async function enforcePublishChecks(
  ctx: CommandContext,
  tx: Queryable,
  actor: Actor,
  article: ArticleRecord,
  t: Transition,
): Promise<void> {
  const checks = await runPublishChecks(
    tx,
    {
      articleId: article.id,
      title: article.title,
      seoTitle: article.seoTitle,
      lead: article.lead,
      bodySource: article.bodySource,
      sectionId: article.sectionId,
      authorIds: await listArticleAuthorIds(tx, article.id),
      cover: article.cover,
    },
    { now: ctx.clock.now(), siteUrl: t.siteUrl },
  );
  const person = actor.kind === 'user';
  const errors = failuresByField(
    person
      ? checks
      : checks.filter((c) => c.id === 'section' || c.id === 'authors'),
    'error',
  );
  if (errors)
    throw new AppError('invalid_input', {
      message: `Rien n’a été publié : ${checks
        .filter((c) => c.level === 'error' && errors[c.field])
        .map((c) =>
          c.message!.replace(/ avant de publier.*$/, '').replace(/\.$/, ''),
        )
        .join(' ; ')
        .replace(/^./, (l) => l.toLowerCase())}.`,
      fields: errors,
    });
  if (!person || t.confirmWarnings) return;
  const warnings = failuresByField(checks, 'warning', ['duplicate']);
  if (warnings) throw new AppError('publish_warnings', { fields: warnings });
}

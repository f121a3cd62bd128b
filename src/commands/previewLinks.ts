import { hashToken, newToken } from '../auth/tokens.ts';
import {
  findPreviewLinkByHash,
  insertPreviewLink,
  revokePreviewLink,
} from '../db/repos/previewLinks.ts';
import { findArticleById } from '../db/repos/articles.ts';
import type { ArticleRecord } from '../domain/articleRecord.ts';
import { AppError } from '../errors.ts';
import { loadAuthorized } from './articleAccess.ts';
import type { Actor, CommandContext } from './context.ts';

/**
 * How long a private preview link works: two days, long enough for an outside reviewer (a
 * lawyer, an interviewee checking a quote) to read it over a weekend, short enough that a
 * forwarded link soon stops working. The newsroom can revoke it sooner.
 */
export const PREVIEW_LINK_TTL_MS = 48 * 3_600_000;

/**
 * Makes a private preview link to an article for someone without an account. Only a member
 * who may edit the article may share it. The secret is returned once, here; only its hash is
 * kept, so a leaked database does not open anyone's drafts.
 */
export async function createPreviewLink(
  ctx: CommandContext,
  actor: Actor & { kind: 'user' },
  articleId: number,
): Promise<{ id: number; token: string; expiresAt: Date }> {
  const now = ctx.clock.now();
  return ctx.db.transaction().execute(async (tx) => {
    const article = await loadAuthorized(tx, actor, 'update', articleId);
    if (article.status === 'trashed') throw new AppError('forbidden');
    const token = newToken();
    const expiresAt = new Date(now.getTime() + PREVIEW_LINK_TTL_MS);
    const id = await insertPreviewLink(tx, {
      articleId: article.id,
      tokenHash: hashToken(token),
      createdBy: actor.id,
      createdAt: now,
      expiresAt,
    });
    await ctx.events.record(tx, {
      name: 'preview_links.create',
      articleId: article.id,
      actorId: actor.id,
      at: now,
      payload: { linkId: id, title: article.title, expiresAt },
    });
    return { id, token, expiresAt };
  });
}

/** Revokes a link at once; the same members who may make one may revoke it. */
export async function revokePreviewLinkCommand(
  ctx: CommandContext,
  actor: Actor & { kind: 'user' },
  articleId: number,
  linkId: number,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (tx) => {
    const article = await loadAuthorized(tx, actor, 'update', articleId);
    if (!(await revokePreviewLink(tx, linkId, article.id, now)))
      throw new AppError('not_found');
    await ctx.events.record(tx, {
      name: 'preview_links.revoke',
      articleId: article.id,
      actorId: actor.id,
      at: now,
      payload: { linkId, title: article.title },
    });
  });
}

/**
 * What a preview link opens: the article, or why not. `gone` (expired or revoked) and
 * `unknown` are told apart so the reader learns to ask for a new link rather than retype it.
 */
export async function openPreviewLink(
  ctx: Pick<CommandContext, 'db' | 'clock'>,
  token: string,
): Promise<
  | { kind: 'ok'; article: ArticleRecord; expiresAt: Date }
  | { kind: 'gone' | 'unknown' }
> {
  const link = await findPreviewLinkByHash(ctx.db, hashToken(token));
  if (!link) return { kind: 'unknown' };
  if (link.revokedAt || link.expiresAt <= ctx.clock.now())
    return { kind: 'gone' };
  const article = await findArticleById(ctx.db, link.articleId);
  if (!article || article.status === 'trashed') return { kind: 'gone' };
  return { kind: 'ok', article, expiresAt: link.expiresAt };
}

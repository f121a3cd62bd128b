import type { Queryable } from '../db/database.ts';
import { findSignature } from '../db/repos/editorial.ts';
import { readSettings } from '../db/repos/settings.ts';
import { findLikelyDuplicates } from '../editorial/duplicates.ts';
import { canOnArticle } from '../policies/article.ts';
import { authorize } from '../policies/authorize.ts';
import { AppError } from '../errors.ts';
import { articleFacts } from './articleAccess.ts';
import type { Actor } from './context.ts';
import type { ArticleRecord } from '../domain/articleRecord.ts';
import type { SiteSettings } from '../domain/settings.ts';

/**
 * The duplicate guard on the way online (publish, schedule). When the site's guard is on and
 * the article looks like a live article of the window, a person must override it explicitly,
 * and only an editor may: the override goes into the event's payload, hence the audit log.
 * The system actor (scheduler, importer) is not stopped: its publications were decided earlier.
 */
export function duplicateGuard(actor: Actor, override: boolean) {
  return async (
    tx: Queryable,
    article: ArticleRecord,
    now: Date,
  ): Promise<Record<string, unknown> | undefined> => {
    if (actor.kind !== 'user') return undefined;
    const settings = await readSettings(tx);
    const first = await likelyDuplicateOf(tx, article.id, now, settings);
    if (!first) return undefined;
    if (!override) throw new AppError('likely_duplicate');
    authorize(
      canOnArticle(
        actor,
        'overrideDuplicate',
        await articleFacts(tx, article),
        settings,
      ),
    );
    return {
      duplicateOverride: {
        of: first.articleId,
        score: Math.round(first.score * 100) / 100,
      },
    };
  };
}

/** The live article this one most likely duplicates, when the site's guard is on (else null). */
export async function likelyDuplicateOf(
  tx: Queryable,
  articleId: number,
  now: Date,
  settings: SiteSettings,
) {
  if (!settings.duplicateGuard) return null;
  const own = await findSignature(tx, articleId);
  if (!own) return null;
  const [first] = await findLikelyDuplicates(tx, {
    signature: own.signature,
    entities: own.entities,
    excludeId: articleId,
    now,
    windowDays: settings.duplicateWindowDays,
    limit: 1,
  });
  return first ?? null;
}

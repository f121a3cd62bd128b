import type { Queryable } from '../db/database.ts';
import type { ArticleRecord } from '../domain/articleRecord.ts';
import { findMediaById } from '../db/repos/media.ts';
import { AppError } from '../errors.ts';
import type { Actor } from './context.ts';

/**
 * On the way online (publish, schedule), a cover needs its alternative text unless the picture
 * is marked decorative in the library: readers who cannot see it are told what it shows. Drafts
 * may be saved without it. The system actor (scheduler, importer) is not stopped: a scheduled
 * article was checked when it was scheduled.
 */
export async function requireCoverAlt(
  tx: Queryable,
  actor: Actor,
  article: ArticleRecord,
): Promise<void> {
  if (actor.kind !== 'user' || !article.cover || article.cover.alt.trim())
    return;
  const media = article.cover.mediaId
    ? await findMediaById(tx, article.cover.mediaId)
    : null;
  if (media?.decorative) return;
  throw new AppError('invalid_input', {
    message:
      'Rien n’a été publié : l’image de couverture n’a pas de texte alternatif.',
    fields: {
      coverAlt:
        'Décrivez l’image pour les lecteurs qui ne la voient pas (ou marquez-la « décorative » dans la photothèque) avant de publier.',
    },
  });
}

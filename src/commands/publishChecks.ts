import type { Queryable } from '../db/database.ts';
import { findArticleById } from '../db/repos/articles.ts';
import { findMediaById } from '../db/repos/media.ts';
import { publicSlugsAmong } from '../db/repos/internalLinks.ts';
import { readSettings } from '../db/repos/settings.ts';
import { likelyDuplicateOf } from './duplicateGuard.ts';

/*
 * What an article must (errors) and should (warnings) have before it goes online, in one
 * place: the checklist beside the editor (live, from the unsaved fields), the publish and
 * schedule commands (through transitionArticle) and the Admin API all ask this module, so
 * the panel can never say « prêt » about an article the server would refuse.
 *
 * Errors block publish and schedule. Warnings ask the person to confirm (`confirmWarnings`);
 * a likely duplicate keeps its own guard (commands/duplicateGuard.ts: only an editor may
 * override it), the checklist only announces it.
 */

/** Above this, a headline wraps badly on phones and in the fil info. */
export const TITLE_WARN_CHARS = 110;
/** Above this, search engines cut the title they show. */
export const SEO_TITLE_WARN_CHARS = 70;

export type CheckLevel = 'ok' | 'warning' | 'error';
export type CheckId =
  | 'section'
  | 'authors'
  | 'title'
  | 'seoTitle'
  | 'lead'
  | 'coverAlt'
  | 'duplicate'
  | 'internalLinks';

export interface PublishCheck {
  id: CheckId;
  /** The editor field the message goes next to. */
  field: string;
  level: CheckLevel;
  /** The checklist line (« Rubrique choisie »). */
  label: string;
  /** Why it is not ok, in French; null when it is. */
  message: string | null;
}

/** The fields the checks read: an article as saved, or the editor's unsaved form. */
export interface PublishCandidate {
  articleId: number | null;
  title: string;
  seoTitle: string | null;
  lead: string;
  bodySource: string;
  sectionId: number | null;
  authorIds: readonly number[];
  cover: { alt: string; mediaId?: number | null | undefined } | null;
}

export interface CheckOptions {
  now: Date;
  /** The public site's address: links to it are internal (relative `/articles/…` ones always are). */
  siteUrl?: string | undefined;
}

/** Slugs of this site's articles the Markdown body links to (`/articles/x`, or with the site's address). */
export function internalArticleSlugs(
  bodySource: string,
  siteUrl = '',
): string[] {
  const site = siteUrl
    .replace(/\/+$/, '')
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(
    `(?:\\]\\(\\s*<?|\\s|^|<)(?:${site})?/articles/([^\\s)>#?"']+)`,
    'g',
  );
  const slugs = new Set<string>();
  for (const m of bodySource.matchAll(pattern)) {
    try {
      slugs.add(decodeURIComponent(m[1]!).replace(/\/+$/, ''));
    } catch {
      slugs.add(m[1]!);
    }
  }
  return [...slugs];
}

function check(
  id: CheckId,
  field: string,
  label: string,
  failure: { level: Exclude<CheckLevel, 'ok'>; message: string } | null,
): PublishCheck {
  return failure
    ? { id, field, label, ...failure }
    : { id, field, label, level: 'ok', message: null };
}

/** Every check, in the checklist's order. */
export async function runPublishChecks(
  tx: Queryable,
  c: PublishCandidate,
  o: CheckOptions,
): Promise<PublishCheck[]> {
  const title = c.title.trim();
  const seoTitle = c.seoTitle?.trim() || title;
  const checks: PublishCheck[] = [
    check(
      'section',
      'sectionId',
      'Rubrique choisie',
      c.sectionId === null
        ? {
            level: 'error',
            message:
              'Choisissez une rubrique avant de publier ou de programmer.',
          }
        : null,
    ),
    check(
      'authors',
      'author1',
      'Au moins un auteur',
      c.authorIds.length
        ? null
        : {
            level: 'error',
            message:
              'Indiquez au moins un auteur avant de publier ou de programmer.',
          },
    ),
    check(
      'title',
      'title',
      `Titre de ${TITLE_WARN_CHARS} caractères au plus`,
      [...title].length > TITLE_WARN_CHARS
        ? {
            level: 'warning',
            message: `Le titre compte ${[...title].length} caractères : au-delà de ${TITLE_WARN_CHARS}, il passe mal sur téléphone.`,
          }
        : null,
    ),
    check(
      'seoTitle',
      'seoTitle',
      `Titre pour les moteurs de ${SEO_TITLE_WARN_CHARS} caractères au plus`,
      [...seoTitle].length > SEO_TITLE_WARN_CHARS
        ? {
            level: 'warning',
            message: `Le titre pour les moteurs de recherche compte ${[...seoTitle].length} caractères : au-delà de ${SEO_TITLE_WARN_CHARS}, il sera coupé. Renseignez un titre SEO plus court.`,
          }
        : null,
    ),
    check(
      'lead',
      'lead',
      'Chapô rédigé',
      c.lead.trim()
        ? null
        : {
            level: 'warning',
            message:
              'L’article n’a pas de chapô : les listes et les partages le montrent vide.',
          },
    ),
  ];
  checks.push(
    check(
      'coverAlt',
      'coverAlt',
      'Image de couverture décrite',
      await coverAltFailure(tx, c.cover),
    ),
  );
  const settings = await readSettings(tx);
  const duplicate =
    c.articleId === null
      ? null
      : await likelyDuplicateOf(tx, c.articleId, o.now, settings);
  const other = duplicate
    ? await findArticleById(tx, duplicate.articleId)
    : null;
  checks.push(
    check(
      'duplicate',
      'title',
      'Pas de doublon probable en ligne',
      duplicate
        ? {
            level: 'warning',
            message: `Un article très proche est déjà en ligne : « ${other?.title ?? `n° ${duplicate.articleId}`} ». Seul un éditeur peut publier quand même.`,
          }
        : null,
    ),
  );
  const slugs = internalArticleSlugs(c.bodySource, o.siteUrl ?? '');
  const live = await publicSlugsAmong(tx, slugs, o.now);
  const broken = slugs.filter((s) => !live.has(s));
  checks.push(
    check(
      'internalLinks',
      'bodySource',
      'Liens vers le site valides',
      broken.length
        ? {
            level: 'error',
            message: `Ces liens du texte mènent à un article absent ou pas en ligne : ${broken.map((s) => `/articles/${s}`).join(', ')}.`,
          }
        : null,
    ),
  );
  return checks;
}

/** A cover needs its alternative text unless the library marks the picture decorative. */
async function coverAltFailure(
  tx: Queryable,
  cover: PublishCandidate['cover'],
): Promise<{ level: 'error'; message: string } | null> {
  if (!cover || cover.alt.trim()) return null;
  const media = cover.mediaId ? await findMediaById(tx, cover.mediaId) : null;
  if (media?.decorative) return null;
  return {
    level: 'error',
    message:
      'Décrivez l’image pour les lecteurs qui ne la voient pas (ou marquez-la « décorative » dans la photothèque) avant de publier.',
  };
}

/** The failed checks of `level`, as French messages by editor field (null when none). */
export function failuresByField(
  checks: readonly PublishCheck[],
  level: Exclude<CheckLevel, 'ok'>,
  except: readonly CheckId[] = [],
): Record<string, string> | null {
  const fields: Record<string, string> = {};
  for (const c of checks)
    if (c.level === level && c.message && !except.includes(c.id))
      fields[c.field] = fields[c.field]
        ? `${fields[c.field]} ${c.message}`
        : c.message;
  return Object.keys(fields).length ? fields : null;
}

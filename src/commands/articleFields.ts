import type { Updateable } from 'kysely';
import type { Queryable } from '../db/database.ts';
import type { ArticlesTable } from '../db/schema.ts';
import type { EventSink } from '../events/eventSink.ts';
import { isArticleSlugTaken } from '../db/repos/articles.ts';
import {
  findTagBySlug,
  insertTag,
  existingAuthorIds,
  sectionExists,
} from '../db/repos/taxonomy.ts';
import { addTagAlias, findTagsByNameSlugs } from '../db/repos/tagAliases.ts';
import { entitiesOf } from '../editorial/indexer.ts';
import type { RevisionSnapshot } from '../db/repos/revisions.ts';
import { renderBody } from '../media/bodyPictures.ts';
import { findMediaById, type MediaRole } from '../db/repos/media.ts';
import { MIN_COVER_WIDTH } from '../domain/pictures.ts';
import { tooSmallForCover } from '../media/inspect.ts';
import { renditionPath } from '../media/renditions.ts';
import { isValidSlug, slugFromTitle, uniqueSlug } from '../domain/slug.ts';
import { editionOfSection } from './editions.ts';
import { AppError } from '../errors.ts';
import type { ArticleRecord } from '../domain/articleRecord.ts';
import { rawHtmlBlocks } from '../domain/markdown.ts';
import type { Actor } from './context.ts';
import { atLeast } from '../domain/roles.ts';

/** The fields a journalist edits, as the editor form sends them once parsed. */
export interface ArticleFields {
  title: string;
  slug?: string | undefined;
  lead: string;
  bodySource: string;
  sectionId: number | null;
  authorIds: number[];
  /** Tag ids, or names of tags to find or create. */
  tagIds?: number[];
  tagNames?: string[];
  featured?: boolean;
  breaking?: boolean;
  language?: string;
  seoTitle?: string | null;
  seoDescription?: string | null;
  cover?: ArticleRecord['cover'];
}

/**
 * What publishing and scheduling require of an article: a section and at least one byline.
 * French messages by editor field, or null when nothing is missing.
 */
export function publicationFieldErrors(a: {
  sectionId: number | null;
  authorIds: readonly number[];
}): Record<string, string> | null {
  const fields: Record<string, string> = {};
  if (a.sectionId === null)
    fields['sectionId'] =
      'Choisissez une rubrique avant de publier ou de programmer.';
  if (!a.authorIds.length)
    fields['author1'] =
      'Indiquez au moins un auteur avant de publier ou de programmer.';
  return Object.keys(fields).length ? fields : null;
}

export interface ResolvedFields {
  slug: string;
  tagIds: number[];
  authorIds: number[];
  columns: Updateable<ArticlesTable>;
  snapshot: RevisionSnapshot;
  /** The library pictures the article uses (cover, body): the caller records them with the article's id. */
  mediaUses: { mediaId: number; role: MediaRole }[];
}

/** Raw HTML blocks (sanitised anyway) are left to editors and above, and to imports. */
function mayWriteRawHtml(actor: Actor): boolean {
  return actor.kind === 'system' || atLeast(actor.role, 'editor');
}

/**
 * Checks what a form cannot: the section and authors exist, the slug is free, tags resolve
 * (new ones are created, with their event). Field errors come back in French, by field name.
 */
export async function resolveArticleFields(
  tx: Queryable,
  events: EventSink,
  input: ArticleFields,
  options: {
    articleId?: number;
    now: Date;
    actorId: number | null;
    correctionNote?: string | null;
    /** Who saves, and the body saved before: raw HTML blocks are the editors' alone. */
    actor?: Actor;
    previousBodySource?: string;
  },
): Promise<ResolvedFields> {
  const fields: Record<string, string> = {};
  if (options.actor && !mayWriteRawHtml(options.actor)) {
    const before = new Set(rawHtmlBlocks(options.previousBodySource ?? ''));
    if (rawHtmlBlocks(input.bodySource).some((b) => !before.has(b)))
      fields['bodySource'] =
        'Seuls les éditeurs peuvent ajouter ou modifier un bloc HTML. Retirez-le ou demandez à l’édition.';
  }
  if (input.sectionId !== null) {
    if (!(await sectionExists(tx, input.sectionId)))
      fields['sectionId'] = 'Cette rubrique n’existe pas.';
  }
  const authorIds = [...new Set(input.authorIds)];
  if (authorIds.length) {
    if ((await existingAuthorIds(tx, authorIds)).length !== authorIds.length)
      fields['author1'] = 'Un des auteurs choisis n’existe pas.';
  }
  let slug: string;
  if (input.slug) {
    if (!isValidSlug(input.slug))
      fields['slug'] =
        'Utilisez des minuscules sans accents, des chiffres et des tirets.';
    else if (await isArticleSlugTaken(tx, input.slug, options.articleId))
      fields['slug'] = 'Cette adresse est déjà utilisée par un autre article.';
    slug = input.slug;
  } else {
    slug = await uniqueSlug(slugFromTitle(input.title), (s) =>
      isArticleSlugTaken(tx, s, options.articleId),
    );
  }
  // A cover from the library: it must exist and be 1200 px wide; the article keeps its own alt,
  // caption and credit, which start as the picture's.
  let cover = input.cover ?? null;
  if (cover?.mediaId) {
    const media = await findMediaById(tx, cover.mediaId);
    if (!media)
      fields['coverMediaId'] =
        'Cette image n’existe plus dans la photothèque : choisissez-en une autre.';
    else if (media.width < MIN_COVER_WIDTH)
      fields['coverMediaId'] = tooSmallForCover(media.width);
    else {
      cover = {
        mediaId: media.id,
        url: renditionPath(media, '16x9', 1200, 'jpeg'),
        alt: media.decorative ? '' : cover.alt || media.alt,
        caption: cover.caption || media.caption || null,
        credit: cover.credit || media.credit || null,
      };
    }
  }
  if (Object.keys(fields).length)
    throw new AppError('invalid_input', { fields });

  const tagIds = [...(input.tagIds ?? [])];
  let entities: ReturnType<typeof entitiesOf> | null = null;
  for (const name of input.tagNames ?? []) {
    const tagSlug = slugFromTitle(name);
    const existing =
      (await findTagBySlug(tx, tagSlug)) ??
      (await findTagsByNameSlugs(tx, [tagSlug]))[0] ??
      null;
    if (existing) {
      tagIds.push(existing.id);
      continue;
    }
    // A new tag named after an entity of the text takes its kind (person, organisation, place) and aliases.
    entities ??= entitiesOf({
      title: input.title,
      lead: input.lead,
      body: input.bodySource,
    });
    const entity = entities.find((e) =>
      [e.name, ...e.aliases].some((n) => slugFromTitle(n) === tagSlug),
    );
    const id = await insertTag(
      tx,
      { slug: tagSlug, name: name.trim(), kind: entity?.kind ?? 'topic' },
      options.now,
    );
    for (const alias of entity ? [entity.name, ...entity.aliases] : []) {
      if (slugFromTitle(alias) !== tagSlug)
        await addTagAlias(tx, id, alias, slugFromTitle(alias));
    }
    await events.record(tx, {
      name: 'tags.create',
      actorId: options.actorId,
      payload: { slug: tagSlug, kind: entity?.kind ?? 'topic' },
      at: options.now,
    });
    tagIds.push(id);
  }
  const body = await renderBody(tx, input.bodySource);
  // An article belongs to its section's edition, and is written in its language (issue #20).
  const edition = await editionOfSection(tx, input.sectionId);
  return {
    slug,
    tagIds: [...new Set(tagIds)],
    authorIds,
    columns: {
      slug,
      title: input.title,
      lead: input.lead,
      body_source: input.bodySource,
      body_html: body.html,
      section_id: input.sectionId,
      is_featured: input.featured ?? false,
      is_breaking: input.breaking ?? false,
      language: input.language ?? edition.language,
      edition: edition.code,
      seo_title: input.seoTitle ?? null,
      seo_description: input.seoDescription ?? null,
      cover_url: cover?.url ?? null,
      cover_alt: cover?.alt ?? null,
      cover_caption: cover?.caption ?? null,
      cover_credit: cover?.credit ?? null,
      cover_media_id: cover?.mediaId ?? null,
    },
    snapshot: {
      title: input.title,
      slug,
      lead: input.lead,
      bodySource: input.bodySource,
      sectionId: input.sectionId,
      authorIds,
      tagIds: [...new Set(tagIds)],
      featured: input.featured ?? false,
      breaking: input.breaking ?? false,
      seoTitle: input.seoTitle ?? null,
      seoDescription: input.seoDescription ?? null,
      cover,
      correctionNote: options.correctionNote ?? null,
    },
    mediaUses: [
      ...(cover?.mediaId
        ? [{ mediaId: cover.mediaId, role: 'cover' as const }]
        : []),
      ...body.mediaIds.map((mediaId) => ({ mediaId, role: 'body' as const })),
    ],
  };
}

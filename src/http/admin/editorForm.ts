import { z } from 'zod';
import { BODY_MAX_CHARS } from '../../domain/articleLimits.ts';
import type { ArticleFields } from '../../commands/articleFields.ts';
import type { EditorValues } from '../../views/admin/editor.ts';
import type { FieldErrors } from '../../views/admin/forms.ts';
import { recordId } from '../ids.ts';
import type { ArticleWithRelations } from '../../domain/articleRecord.ts';

const text = (max: number) =>
  z
    .string()
    .max(max)
    .optional()
    .transform((s) => (s ?? '').trim());
/** A chosen option: empty means none; anything else must be an id (a malformed one is the field's error, never a silent "none"). */
const choice = (value: string | undefined): number | null | 'invalid' => {
  if (!value) return null;
  const parsed = recordId.safeParse(value);
  return parsed.success ? parsed.data : 'invalid';
};

const formSchema = z.object({
  title: text(300),
  slug: text(120),
  lead: text(2000),
  bodySource: z
    .string()
    .max(BODY_MAX_CHARS)
    .optional()
    .transform((s) => s ?? ''),
  sectionId: z.string().max(12).optional(),
  tags: text(2000),
  author1: z.string().max(12).optional(),
  author2: z.string().max(12).optional(),
  author3: z.string().max(12).optional(),
  featured: z.string().max(5).optional(),
  breaking: z.string().max(5).optional(),
  seoTitle: text(300),
  seoDescription: text(500),
  coverUrl: text(1000),
  coverMediaId: z.string().max(12).optional(),
  coverAlt: text(500),
  coverCaption: text(500),
  coverCredit: text(200),
  correctionNote: text(2000),
});

/** What was typed, kept as typed, so a refused save re-shows it all. */
export function valuesFromBody(body: unknown): EditorValues {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<
    string,
    unknown
  >;
  const s = (k: string) => (typeof b[k] === 'string' ? (b[k] as string) : '');
  return {
    title: s('title'),
    slug: s('slug'),
    lead: s('lead'),
    bodySource: s('bodySource'),
    sectionId: s('sectionId'),
    tags: s('tags'),
    author1: s('author1'),
    author2: s('author2'),
    author3: s('author3'),
    featured: s('featured') === '1',
    breaking: s('breaking') === '1',
    seoTitle: s('seoTitle'),
    seoDescription: s('seoDescription'),
    coverUrl: s('coverUrl'),
    coverMediaId: s('coverMediaId'),
    coverAlt: s('coverAlt'),
    coverCaption: s('coverCaption'),
    coverCredit: s('coverCredit'),
    correctionNote: s('correctionNote'),
  };
}

export function valuesFromArticle(a: ArticleWithRelations): EditorValues {
  return {
    title: a.title,
    slug: a.slug,
    lead: a.lead,
    bodySource: a.bodySource,
    sectionId: a.sectionId === null ? '' : String(a.sectionId),
    tags: a.tags.map((t) => t.name).join(', '),
    author1: a.authors[0] ? String(a.authors[0].id) : '',
    author2: a.authors[1] ? String(a.authors[1].id) : '',
    author3: a.authors[2] ? String(a.authors[2].id) : '',
    featured: a.featured,
    breaking: a.breaking,
    seoTitle: a.seoTitle ?? '',
    seoDescription: a.seoDescription ?? '',
    coverUrl: a.cover?.mediaId ? '' : (a.cover?.url ?? ''),
    coverMediaId: a.cover?.mediaId ? String(a.cover.mediaId) : '',
    coverAlt: a.cover?.alt ?? '',
    coverCaption: a.cover?.caption ?? '',
    coverCredit: a.cover?.credit ?? '',
    correctionNote: a.correctionNote ?? '',
  };
}

/** Parses the editor form into command input, or French messages by field. */
export function parseEditorForm(
  body: unknown,
): { fields: ArticleFields; correctionNote: string } | { errors: FieldErrors } {
  const parsed = formSchema.safeParse(body ?? {});
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues)
      errors[String(issue.path[0] ?? 'title')] =
        'Ce champ est trop long ou mal formé.';
    if (errors['bodySource'])
      errors['bodySource'] = bodyTooLongMessage(
        String((body as Record<string, unknown>)['bodySource'] ?? '').length,
      );
    return { errors };
  }
  const f = parsed.data;
  const errors: FieldErrors = {};
  if (!f.title) errors['title'] = 'Le titre est obligatoire.';
  const sectionId = choice(f.sectionId);
  if (sectionId === 'invalid')
    errors['sectionId'] = 'Choisissez une rubrique dans la liste.';
  if (
    f.coverUrl &&
    !/^https?:\/\/\S+$/i.test(f.coverUrl) &&
    !f.coverUrl.startsWith('/')
  )
    errors['coverUrl'] = 'Donnez une adresse qui commence par https://';
  const coverMediaId = choice(f.coverMediaId);
  if (coverMediaId === 'invalid')
    errors['coverMediaId'] = 'Choisissez une image de la photothèque.';
  if (coverMediaId === null && f.coverUrl && !f.coverAlt)
    errors['coverAlt'] =
      'Décrivez l’image pour les lecteurs qui ne la voient pas.';
  const authors = {
    author1: choice(f.author1),
    author2: choice(f.author2),
    author3: choice(f.author3),
  };
  for (const [name, value] of Object.entries(authors))
    if (value === 'invalid')
      errors[name] = 'Choisissez un auteur dans la liste.';
  const authorIds = Object.values(authors).filter(
    (a): a is number => typeof a === 'number',
  );
  const tagNames = f.tags
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t.length > 0 && t.length <= 100);
  if (Object.keys(errors).length) return { errors };
  return {
    correctionNote: f.correctionNote,
    fields: {
      title: f.title,
      slug: f.slug || undefined,
      lead: f.lead,
      bodySource: f.bodySource,
      sectionId: sectionId as number | null,
      authorIds,
      tagNames,
      featured: f.featured === '1',
      breaking: f.breaking === '1',
      seoTitle: f.seoTitle || null,
      seoDescription: f.seoDescription || null,
      // A picture from the library wins over a pasted URL; its URL is derived from it when saved.
      cover:
        typeof coverMediaId === 'number'
          ? {
              mediaId: coverMediaId,
              url: '',
              alt: f.coverAlt,
              caption: f.coverCaption || null,
              credit: f.coverCredit || null,
            }
          : f.coverUrl
            ? {
                url: f.coverUrl,
                alt: f.coverAlt,
                caption: f.coverCaption || null,
                credit: f.coverCredit || null,
              }
            : null,
    },
  };
}

/** Why a too-long text was refused, and what to do. */
export function bodyTooLongMessage(length: number): string {
  return `Le texte compte ${length.toLocaleString('fr-FR')} caractères : la limite est de ${BODY_MAX_CHARS.toLocaleString('fr-FR')}. Rien n’a été enregistré ; raccourcissez le texte ou découpez l’article en plusieurs.`;
}

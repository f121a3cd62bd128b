import { actorId, type Actor, type CommandContext } from './context.ts';
import { insertArticle, isArticleSlugTaken, setArticleAuthors, setArticleTags } from '../db/repos/articles.ts';
import { insertRevision } from '../db/repos/revisions.ts';
import { renderMarkdown } from '../domain/markdown.ts';
import { isValidSlug, slugFromTitle, uniqueSlug } from '../domain/slug.ts';
import { AppError } from '../errors.ts';

export interface ArticleDraftInput {
  title: string;
  slug?: string;
  lead: string;
  bodySource: string;
  sectionId: number | null;
  authorIds: number[];
  tagIds: number[];
  featured?: boolean;
  breaking?: boolean;
  language?: string;
  seoTitle?: string | null;
  seoDescription?: string | null;
  cover?: { url: string; alt: string; caption: string | null; credit: string | null } | null;
}

/** Creates a draft; the body is rendered and sanitised now, once, not on every read. */
export async function createArticle(ctx: CommandContext, actor: Actor, input: ArticleDraftInput): Promise<number> {
  const now = ctx.clock.now();
  if (input.slug !== undefined && !isValidSlug(input.slug)) {
    throw new AppError('invalid_input', { fields: { slug: 'Utilisez des minuscules, des chiffres et des tirets.' } });
  }
  return ctx.db.transaction().execute(async (tx) => {
    let slug: string;
    if (input.slug) {
      if (await isArticleSlugTaken(tx, input.slug)) throw new AppError('slug_taken', { fields: { slug: 'Cette adresse est déjà prise.' } });
      slug = input.slug;
    } else {
      slug = await uniqueSlug(slugFromTitle(input.title), (s) => isArticleSlugTaken(tx, s));
    }
    const cover = input.cover ?? null;
    const id = await insertArticle(tx, {
      slug,
      title: input.title,
      lead: input.lead,
      body_source: input.bodySource,
      body_html: renderMarkdown(input.bodySource),
      status: 'draft',
      section_id: input.sectionId,
      language: input.language ?? 'fr',
      is_featured: input.featured ?? false,
      is_breaking: input.breaking ?? false,
      cover_url: cover?.url ?? null,
      cover_alt: cover?.alt ?? null,
      cover_caption: cover?.caption ?? null,
      cover_credit: cover?.credit ?? null,
      seo_title: input.seoTitle ?? null,
      seo_description: input.seoDescription ?? null,
      created_by: actorId(actor),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await setArticleAuthors(tx, id, input.authorIds);
    await setArticleTags(tx, id, input.tagIds);
    await insertRevision(tx, id, 1, {
      title: input.title, slug, lead: input.lead, bodySource: input.bodySource, sectionId: input.sectionId,
      authorIds: input.authorIds, tagIds: input.tagIds, featured: input.featured ?? false, breaking: input.breaking ?? false,
      seoTitle: input.seoTitle ?? null, seoDescription: input.seoDescription ?? null, cover, correctionNote: null,
    }, actorId(actor), now);
    await ctx.events.record(tx, { name: 'articles.create', articleId: id, actorId: actorId(actor), payload: { slug }, at: now });
    return id;
  });
}

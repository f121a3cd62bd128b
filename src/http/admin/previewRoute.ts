import type { FastifyInstance, FastifyReply } from 'fastify';
import { AppError } from '../../errors.ts';
import { listAuthors, listSections } from '../../db/repos/taxonomy.ts';
import { findMediaById } from '../../db/repos/media.ts';
import { renditionPath } from '../../media/renditions.ts';
import { renderBody } from '../../media/bodyPictures.ts';
import { slugFromTitle } from '../../domain/slug.ts';
import type { ArticleWithRelations } from '../../domain/articleRecord.ts';
import { presentArticle, truncate } from '../../presenters/article.ts';
import { shareLinks } from '../../presenters/share.ts';
import { articleView } from '../../views/site/article.ts';
import { followList } from '../../views/site/layout.ts';
import { renderPage } from '../site/context.ts';
import { PRIVATE_NO_STORE } from '../cacheControl.ts';
import { html } from '../../views/html.ts';
import { requireUser, type AdminDeps } from './context.ts';
import { parseEditorForm } from './editorForm.ts';

/**
 * The true preview: the editor form's unsaved fields drawn by the public article page's own
 * presenter and view, in the site's layout (so at a phone's width it is the phone page), with
 * the search-result snippet and the social card under it. Posted by the editor form itself
 * (`formaction`), so it works without JavaScript; never cached, never indexed.
 */
export function previewRoute(app: FastifyInstance, deps: AdminDeps): void {
  app.post(
    '/admin/apercu/page',
    { preHandler: app.csrfProtection },
    async (request, reply) => {
      requireUser(request);
      const parsed = parseEditorForm(request.body);
      if ('errors' in parsed)
        throw new AppError('invalid_input', { fields: parsed.errors });
      const f = parsed.fields;
      const now = deps.clock.now();
      const [sections, authors, body] = await Promise.all([
        listSections(deps.db),
        listAuthors(deps.db),
        renderBody(deps.db, f.bodySource),
      ]);
      const section = sections.find((s) => s.id === f.sectionId) ?? null;
      const media = f.cover?.mediaId
        ? await findMediaById(deps.db, f.cover.mediaId)
        : null;
      const cover = f.cover
        ? {
            ...f.cover,
            url: media
              ? renditionPath(media, '16x9', 1200, 'jpeg')
              : f.cover.url,
            alt: f.cover.alt || media?.alt || '',
          }
        : null;
      const slug = f.slug ?? slugFromTitle(f.title);
      const article: ArticleWithRelations = {
        id: 0,
        slug,
        title: f.title,
        lead: f.lead,
        bodySource: f.bodySource,
        bodyHtml: body.html,
        status: 'draft',
        sectionId: section?.id ?? null,
        language: 'fr',
        featured: f.featured ?? false,
        breaking: f.breaking ?? false,
        cover: cover?.url ? cover : null,
        seoTitle: f.seoTitle ?? null,
        seoDescription: f.seoDescription ?? null,
        correctionNote: null,
        returnNote: null,
        version: 0,
        createdBy: null,
        createdAt: now,
        updatedAt: now,
        firstPublishedAt: null,
        publishedAt: now,
        modifiedAt: null,
        scheduledAt: null,
        deletedAt: null,
        section: section
          ? { id: section.id, slug: section.slug, name: section.name }
          : null,
        authors: f.authorIds.flatMap((id) => {
          const a = authors.find((x) => x.id === id);
          return a ? [{ id: a.id, slug: a.slug, name: a.name }] : [];
        }),
        tags: (f.tagNames ?? []).map((name, i) => ({
          id: -1 - i,
          slug: slugFromTitle(name),
          name,
        })),
        coverPicture: media,
      };
      return sendArticlePreview(deps, reply, article, {
        banner:
          'Aperçu : cet article n’est pas publié. Ce que vous voyez est ce que verront les lecteurs.',
        image: cover?.url ?? null,
      });
    },
  );
}

/**
 * Sends `article` drawn by the public article page's presenter and view, in the site layout,
 * with the search and social previews under it: the editor's preview and the private preview
 * links (`/apercu/…`) both answer with it. Never cached (the page is not the public one and may
 * be a draft), never indexed.
 */
export async function sendArticlePreview(
  deps: Pick<AdminDeps, 'db' | 'clock' | 'config' | 'assets'>,
  reply: FastifyReply,
  article: ArticleWithRelations,
  options: { banner: string; image: string | null },
): Promise<FastifyReply> {
  const site = deps.config.site;
  const page = presentArticle(article, site);
  const section = article.section;
  const main =
    html`<p class="preview-banner" role="status">${options.banner}</p>` +
    articleView({
      article: page,
      share: shareLinks(page.absoluteUrl, page.title),
      follow: followList(site, 'article-follow'),
      related: [],
      filInfo: [],
    }) +
    previewCards(
      page.seoTitle,
      page.description,
      page.absoluteUrl,
      site.name,
      options.image,
    );
  const rendered = await renderPage(
    {
      db: deps.db,
      clock: deps.clock,
      site,
      embeds: deps.assets.embedsScript,
    },
    {
      title: page.seoTitle,
      description: page.description,
      canonicalPath: page.url,
      noindex: true,
      main,
      bodyClass: 'article-page',
      surrogateKeys: [],
      embeds: true,
      ...(section ? { currentSection: section.slug } : {}),
    },
  );
  return reply
    .type('text/html; charset=utf-8')
    .header('Cache-Control', PRIVATE_NO_STORE)
    .header('X-Robots-Tag', 'noindex')
    .send(rendered.body);
}

/** How the article shows in a search engine's results and as a shared card. */
function previewCards(
  title: string,
  description: string,
  url: string,
  siteName: string,
  image: string | null,
): string {
  return html`<section class="preview-cards wrap" aria-labelledby="preview-cards-title">
  <h2 id="preview-cards-title">Dans les résultats de recherche et les réseaux sociaux</h2>
  <div class="search-snippet">
    <p class="snippet-url">${url}</p>
    <p class="snippet-title">${truncate(title, 70)}</p>
    <p class="snippet-description">${truncate(description, 160)}</p>
  </div>
  <div class="social-card">
    !${image ? html`<img src="${image}" alt="" width="600" height="315">` : ''}
    <p class="social-site">${new URL(url).host} · ${siteName}</p>
    <p class="social-title">${title}</p>
    <p class="social-description">${truncate(description, 200)}</p>
  </div>
</section>`;
}

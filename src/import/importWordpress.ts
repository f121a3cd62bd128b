import { statSync } from 'node:fs';
import {
  ImportWriter,
  type ImportedArticle,
} from '../commands/importArticles.ts';
import type { MediaCommandContext } from '../commands/media/mediaContext.ts';
import { systemActor } from '../commands/context.ts';
import { findMapped } from '../db/repos/imports.ts';
import type { SearchProvider } from '../search/provider.ts';
import { MIN_COVER_WIDTH } from '../domain/pictures.ts';
import { renditionPath } from '../media/renditions.ts';
import { PictureImporter } from './pictures.ts';
import { ImportReport } from './report.ts';
import { ImportTags } from './tagKinds.ts';
import {
  readAttachment,
  readAuthor,
  readCategory,
  readGuestAuthor,
  readPost,
  readTag,
  itemTerms,
  type WpAttachment,
  type WpTerm,
} from './wordpress.ts';
import { field, readWxr, WxrSyntaxError } from './wxr.ts';

export interface ImportOptions {
  dryRun: boolean;
  /** A copy of wp-content/uploads, where pictures are looked for first. */
  uploads: string | null;
  /** Fetch pictures not found in `uploads` from their URL. */
  fetchPictures: boolean;
  keepShortcodes: boolean;
  /** WordPress category slug → our section slug. */
  sectionMap: Map<string, string>;
  batchSize: number;
  timeZone: string;
  /** Progress: bytes read of the file's total, and articles written so far. */
  onProgress?: (read: number, total: number, articles: number) => void;
}

const PAGES_SECTION = 'pages';

/** Post types that are not content (menus, blocks, templates): reported, never imported. */
const NOT_CONTENT = new Set([
  'nav_menu_item',
  'wp_navigation',
  'wp_block',
  'wp_template',
  'wp_template_part',
  'wp_global_styles',
  'custom_css',
  'customize_changeset',
  'oembed_cache',
  'revision',
  'user_request',
  'wp_font_family',
  'wp_font_face',
]);

/**
 * `newsdesk import wordpress`: two streaming passes over the WXR file. The first collects the
 * attachments (galleries and featured images name them by id, possibly before they appear)
 * and Co-Authors Plus guest authors; the second writes sections, tags, authors, then articles
 * in batches through the bulk writer. Whatever the file holds that we cannot bring over is in
 * the report, with the reason.
 */
export async function importWordpress(
  ctx: MediaCommandContext,
  search: SearchProvider,
  file: string,
  options: ImportOptions,
): Promise<ImportReport> {
  const total = statSync(file).size;
  const attachments = new Map<string, WpAttachment>();
  const guests = new Map<string, WpTerm>();
  let site = '';
  let read = 0;
  try {
    for await (const r of readWxr(file, (n) => {
      read += n;
      options.onProgress?.(read / 2, total, 0);
    })) {
      if (r.type === 'channel') {
        if (r.field === 'wp:base_blog_url' || (r.field === 'link' && !site))
          site = r.value.trim();
        continue;
      }
      if (r.type !== 'item') continue;
      const type = field(r.node, 'wp:post_type');
      if (type === 'attachment') {
        const a = readAttachment(r.node);
        if (a) attachments.set(a.id, a);
      } else if (type === 'guest-author') {
        const g = readGuestAuthor(r.node);
        if (g) guests.set(g.key, g);
      }
    }
  } catch (error) {
    // The second pass meets the same error and reports it; what came before is imported.
    if (!(error instanceof WxrSyntaxError)) throw error;
  }
  // Ids are a site's own: two WordPress sites imported into one newsroom both have a post 1.
  const SOURCE = `wp:${siteKey(site)}`.slice(0, 40);
  const report = new ImportReport(SOURCE, file, options.dryRun);
  const actor = systemActor('import');
  const writer = new ImportWriter(ctx, search, SOURCE, actor);
  const pictures = new PictureImporter(ctx, actor, SOURCE, {
    uploads: options.uploads,
    fetch: options.fetchPictures,
  });

  // Tags are created with the first batch that uses them, their kind read in its text.
  const tags = new ImportTags(writer, (created) =>
    created ? report.imported('tag') : report.unchanged('tag'),
  );
  const term = async (
    kind: 'section' | 'tag' | 'author',
    t: WpTerm,
    reportType: string,
  ) => {
    if (kind === 'tag' && !options.dryRun) {
      if (tags.has(t.key)) return;
      report.read(reportType);
      return tags.declare(t);
    }
    if (writer.termId(kind, t.key) !== undefined) return;
    report.read(reportType);
    if (options.dryRun) {
      const known = await findMapped(ctx.db, SOURCE, kind, [t.key]);
      if (known.size) report.unchanged(reportType);
      else report.imported(reportType);
      return;
    }
    const { created } = await writer.ensureTerm(kind, t.key, t);
    if (created) report.imported(reportType);
    else report.unchanged(reportType);
  };

  let batch: ImportedArticle[] = [];
  let written = 0;
  const flush = async () => {
    if (!batch.length) return;
    const byType = new Map(batch.map((a) => [a.sourceId, a]));
    if (options.dryRun) {
      const known = await findMapped(ctx.db, SOURCE, 'article', [
        ...byType.keys(),
      ]);
      written += batch.length;
      for (const a of batch)
        if (known.has(a.sourceId)) report.unchanged(typeOf.get(a.sourceId)!);
        else {
          report.imported(typeOf.get(a.sourceId)!);
          report.redirects += a.oldPaths.length;
        }
    } else {
      const before = await findMapped(ctx.db, SOURCE, 'article', [
        ...byType.keys(),
      ]);
      await tags.ensureFor(batch);
      const result = await writer.writeBatch(batch);
      written += result.imported;
      report.redirects += result.redirects;
      for (const a of batch)
        if (before.has(a.sourceId)) report.unchanged(typeOf.get(a.sourceId)!);
        else report.imported(typeOf.get(a.sourceId)!);
    }
    batch = [];
    // Only the batch's types are needed: the map does not grow with the archive.
    typeOf.clear();
  };
  const typeOf = new Map<string, string>();

  read = 0;
  let pagesSectionMade = false;
  try {
    for await (const r of readWxr(file, (n) => {
      read += n;
      options.onProgress?.(total / 2 + read / 2, total, written);
    })) {
      if (r.type === 'channel') continue;
      if (r.type === 'author') {
        const a = readAuthor(r.node);
        if (a) await term('author', a, 'author');
        else report.skip('author', '', '', 'no wp:author_login');
        continue;
      }
      if (r.type === 'category') {
        const c = readCategory(r.node);
        await term('section', sectionTerm(c, options.sectionMap), 'category');
        continue;
      }
      if (r.type === 'tag') {
        await term('tag', readTag(r.node), 'tag');
        continue;
      }
      if (r.type === 'term') {
        const taxonomy = field(r.node, 'wp:term_taxonomy');
        // WXR 1.2 also lists categories and tags as generic terms.
        const generic = {
          key: field(r.node, 'wp:term_slug') || field(r.node, 'wp:term_id'),
          slug: field(r.node, 'wp:term_slug'),
          name: field(r.node, 'wp:term_name'),
          description: field(r.node, 'wp:term_description'),
        };
        if (taxonomy === 'category') {
          await term(
            'section',
            sectionTerm(generic, options.sectionMap),
            'category',
          );
          continue;
        }
        if (taxonomy === 'post_tag') {
          await term('tag', generic, 'tag');
          continue;
        }
        report.read(`term:${taxonomy || 'unknown'}`);
        report.skip(
          `term:${taxonomy || 'unknown'}`,
          field(r.node, 'wp:term_id'),
          field(r.node, 'wp:term_name'),
          'custom taxonomy (menus, formats…): no equivalent',
        );
        continue;
      }
      // An item.
      const type = field(r.node, 'wp:post_type') || 'post';
      const id = field(r.node, 'wp:post_id');
      const title = field(r.node, 'title');
      report.read(type);
      // Pictures come in with the articles that use them; the others at the end.
      if (type === 'attachment') continue;
      if (type === 'guest-author') {
        const g = readGuestAuthor(r.node);
        if (g) await term('author', g, 'guest-author');
        else report.skip(type, id, title, 'guest author without a login');
        continue;
      }
      if (NOT_CONTENT.has(type) || (type !== 'post' && type !== 'page')) {
        report.skip(
          type,
          id,
          title,
          NOT_CONTENT.has(type)
            ? 'site structure (menus, blocks, templates), not content'
            : `custom post type "${type}": no equivalent`,
        );
        continue;
      }
      if (type === 'page' && !pagesSectionMade) {
        await term(
          'section',
          { key: PAGES_SECTION, slug: 'pages', name: 'Pages', description: '' },
          'category',
        );
        pagesSectionMade = true;
      }
      const post = readPost(r.node, {
        timeZone: options.timeZone,
        keepShortcodes: options.keepShortcodes,
        attachment: (aid) => attachments.get(aid) ?? null,
        children: (pid) =>
          [...attachments.values()].filter((a) => a.parent === pid),
        pagesSection: PAGES_SECTION,
        sectionMap: new Map(),
      });
      if ('skip' in post) {
        report.skip(type, id, title, post.skip);
        continue;
      }
      // The terms an item names that the channel did not declare.
      const terms = itemTerms(r.node);
      for (const c of terms.categories)
        await term('section', sectionTerm(c, options.sectionMap), 'category');
      for (const t of terms.tags) await term('tag', t, 'tag');
      for (const a of terms.coauthors)
        await term('author', guests.get(a.key) ?? a, 'guest-author');
      for (const key of post.article.authorKeys)
        if (writer.termId('author', key) === undefined && !options.dryRun)
          await term(
            'author',
            { key, slug: key, name: key, description: '' },
            'author',
          );
      post.article.sectionKey =
        post.article.sectionKey === null
          ? null
          : mappedKey(post.article.sectionKey, options.sectionMap);
      if (post.comments) {
        report.read('comment', post.comments);
        for (let i = 0; i < post.comments; i++)
          report.skip(
            'comment',
            id,
            title,
            'newsdesk has no comments: not kept (they stay in the WXR file)',
          );
      }
      for (const note of post.notes) report.note(type, id, title, note);
      if (!options.dryRun)
        await rehostPictures(post.article, post.featuredId, {
          attachments,
          pictures,
          note: (reason) => report.note(type, id, title, reason),
        });
      typeOf.set(post.article.sourceId, type);
      batch.push(post.article);
      if (batch.length >= options.batchSize) await flush();
    }
  } catch (error) {
    if (!(error instanceof WxrSyntaxError)) throw error;
    report.error = `${error.message}. Everything read before that point was imported; fix the file and run the import again to bring in the rest (what is already imported stays as it is).`;
  }
  await flush();
  if (!options.dryRun) await tags.ensureRest();
  for (const a of attachments.values()) {
    if (options.dryRun) {
      report.unchanged('attachment');
      continue;
    }
    if (
      !/\.(jpe?g|png|gif|webp|avif|tiff?)$/i.test(
        new URL(a.url, 'http://x/').pathname,
      )
    ) {
      report.skip(
        'attachment',
        a.id,
        a.url,
        'not a picture (audio, video, document): the media library holds pictures only',
      );
      continue;
    }
    const media = await pictures.picture(a.url);
    if (typeof media === 'string')
      report.skip('attachment', a.id, a.url, media);
    else report.imported('attachment');
  }
  options.onProgress?.(total, total, written);
  return report;
}

/** The exported site's host and path (`example.com/blog`), or `site` for a file without one. */
function siteKey(url: string): string {
  try {
    const u = new URL(url);
    return (u.host + u.pathname).replace(/\/+$/, '');
  } catch {
    return 'site';
  }
}

/** With --section-map, a category goes to the mapped section (created if need be). */
function sectionTerm(c: WpTerm, map: Map<string, string>): WpTerm {
  const target = map.get(c.slug);
  if (!target) return c;
  return { key: `map:${target}`, slug: target, name: target, description: '' };
}

function mappedKey(key: string, map: Map<string, string>): string {
  const target = map.get(key);
  return target ? `map:${target}` : key;
}

/**
 * The featured image becomes the cover (when wide enough for one), body pictures become
 * figures of the library; a picture that cannot be brought over keeps a link to its old URL
 * and is reported.
 */
async function rehostPictures(
  article: ImportedArticle,
  featuredId: string | null,
  deps: {
    attachments: Map<string, WpAttachment>;
    pictures: PictureImporter;
    note: (reason: string) => void;
  },
): Promise<void> {
  const images = [
    ...article.bodySource.matchAll(/!\[([^\]]*)\]\((\S+?)(?: "([^"]*)")?\)/g),
  ];
  let body = article.bodySource;
  for (const m of images) {
    const [whole, alt, url, title] = m;
    if (!url || url.startsWith('media:')) continue;
    const media = await deps.pictures.picture(url);
    if (typeof media === 'string') {
      deps.note(`body picture ${url} ${media}`);
      body = body.replace(whole, `[${alt || 'Image'}](${url})`);
    } else
      body = body.replace(
        whole,
        `![${alt}](media:${media.id}${title ? ` "${title}"` : ''})`,
      );
  }
  article.bodySource = body;
  if (!featuredId) return;
  const attachment = deps.attachments.get(featuredId);
  if (!attachment) {
    deps.note(`featured image #${featuredId} is not in the file`);
    return;
  }
  const media = await deps.pictures.picture(attachment.url);
  if (typeof media === 'string') {
    deps.note(`featured image ${attachment.url} ${media}`);
    return;
  }
  if (media.width < MIN_COVER_WIDTH) {
    deps.note(
      `featured image ${attachment.url} is ${media.width} px wide (a cover needs ${MIN_COVER_WIDTH}): kept in the library, not as cover`,
    );
    return;
  }
  article.cover = {
    mediaId: media.id,
    url: renditionPath(media, '16x9', 1200, 'jpeg'),
    alt: attachment.alt || media.alt || article.title,
    caption: attachment.caption || media.caption || null,
    credit: media.credit || null,
  };
}

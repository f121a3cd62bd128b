import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Queryable } from '../db/database.ts';
import {
  articleLinkIds,
  countRows,
  listEditionRows,
  pageArticleRows,
  pageAuthors,
  pageMediaRows,
  pageRedirectRows,
  pageSections,
  pageTags,
  tagAliasesOf,
} from '../db/repos/exportPages.ts';
import type { MediaStorage } from '../media/storage/storage.ts';
import { JsonLinesWriter } from './jsonLines.ts';
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  MANIFEST,
  type ExportedArticle,
  type ExportedMedia,
  type ExportManifest,
} from './format.ts';

const PAGE = 200;
const iso = (v: Date | string | null): string | null =>
  v === null ? null : new Date(v).toISOString();
const flag = (v: boolean | number) => v === true || v === 1;
const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/gif': 'gif',
};

/**
 * `newsdesk export DIR`: the whole newsroom as a folder of JSON Lines files, Markdown and HTML
 * bodies and original pictures (docs/EXPORT.md). Every table is read in keyset pages and written
 * with back-pressure, so memory stays flat whatever the archive's size.
 */
export async function exportNewsroom(
  db: Queryable,
  storage: MediaStorage,
  dir: string,
  options: {
    siteUrl: string;
    now: Date;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<ExportManifest> {
  if (existsSync(dir) && readdirSync(dir).length)
    throw new Error(`${dir} is not empty: export into a new folder`);
  mkdirSync(join(dir, 'articles'), { recursive: true });
  mkdirSync(join(dir, 'media'), { recursive: true });
  const counts: Record<string, number> = {};
  const total =
    (await countRows(db, 'articles')) + (await countRows(db, 'media'));
  let done = 0;
  const tick = () => options.onProgress?.(++done, total);

  const sections = new JsonLinesWriter(join(dir, 'sections.jsonl'));
  for (let after = 0; ; ) {
    const rows = await pageSections(db, after, PAGE);
    for (const r of rows)
      await sections.write({
        id: r.id,
        slug: r.slug,
        name: r.name,
        description: r.description,
        position: r.position,
        inNewsSitemap: flag(r.in_news_sitemap),
        edition: r.edition,
      });
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.id;
  }
  await sections.close();
  counts['sections'] = sections.count;

  const tags = new JsonLinesWriter(join(dir, 'tags.jsonl'));
  for (let after = 0; ; ) {
    const rows = await pageTags(db, after, PAGE);
    const aliases = await tagAliasesOf(
      db,
      rows.map((r) => r.id),
    );
    for (const r of rows)
      await tags.write({
        id: r.id,
        slug: r.slug,
        name: r.name,
        kind: r.kind,
        aliases: aliases.get(r.id) ?? [],
      });
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.id;
  }
  await tags.close();
  counts['tags'] = tags.count;

  const authors = new JsonLinesWriter(join(dir, 'authors.jsonl'));
  for (let after = 0; ; ) {
    const rows = await pageAuthors(db, after, PAGE);
    for (const r of rows)
      await authors.write({
        id: r.id,
        slug: r.slug,
        name: r.name,
        bio: r.bio,
      });
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.id;
  }
  await authors.close();
  counts['authors'] = authors.count;

  const editions = new JsonLinesWriter(join(dir, 'editions.jsonl'));
  for (const r of await listEditionRows(db))
    await editions.write({
      code: r.code,
      language: r.language,
      name: r.name,
      pathPrefix: r.path_prefix,
      host: r.host,
      newsPublicationName: r.news_publication_name,
      legalNotice: r.legal_notice,
      position: r.position,
    });
  await editions.close();
  counts['editions'] = editions.count;

  const media = new JsonLinesWriter(join(dir, 'media.jsonl'));
  for (let after = 0; ; ) {
    const rows = await pageMediaRows(db, after, PAGE);
    for (const r of rows) {
      const file = `media/${r.id}.${EXTENSIONS[r.mime_type] ?? 'bin'}`;
      const bytes = await storage.get(r.original_key);
      if (bytes) await writeFile(join(dir, file), bytes);
      const record: ExportedMedia = {
        id: r.id,
        file: bytes ? file : '',
        fileName: r.file_name,
        mimeType: r.mime_type,
        contentHash: r.content_hash,
        width: r.width,
        height: r.height,
        focal: { x: Number(r.focal_x), y: Number(r.focal_y) },
        crops:
          typeof r.crops === 'string'
            ? (JSON.parse(r.crops) as Record<string, unknown>)
            : ((r.crops as Record<string, unknown> | null) ?? {}),
        alt: r.alt,
        decorative: flag(r.decorative),
        caption: r.caption,
        credit: r.credit,
        copyright: r.copyright,
        usageNotes: r.usage_notes,
      };
      await media.write(record);
      tick();
    }
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.id;
  }
  await media.close();
  counts['media'] = media.count;

  const articles = new JsonLinesWriter(join(dir, 'articles.jsonl'));
  for (let after = 0; ; ) {
    const rows = await pageArticleRows(db, after, PAGE);
    const links = await articleLinkIds(
      db,
      rows.map((r) => r.id),
    );
    for (const r of rows) {
      const body = `articles/${r.id}.md`;
      const html = `articles/${r.id}.html`;
      await writeFile(join(dir, body), r.body_source);
      await writeFile(join(dir, html), r.body_html);
      const record: ExportedArticle = {
        id: r.id,
        slug: r.slug,
        title: r.title,
        lead: r.lead,
        status: r.status,
        body,
        html,
        sectionId: r.section_id,
        authorIds: links.get(r.id)?.authorIds ?? [],
        tagIds: links.get(r.id)?.tagIds ?? [],
        language: r.language,
        edition: r.edition,
        featured: flag(r.is_featured),
        breaking: flag(r.is_breaking),
        cover: r.cover_url
          ? {
              mediaId: r.cover_media_id,
              url: r.cover_url,
              alt: r.cover_alt,
              caption: r.cover_caption,
              credit: r.cover_credit,
            }
          : null,
        seoTitle: r.seo_title,
        seoDescription: r.seo_description,
        correctionNote: r.correction_note,
        createdAt: iso(r.created_at)!,
        updatedAt: iso(r.updated_at)!,
        firstPublishedAt: iso(r.first_published_at),
        publishedAt: iso(r.published_at),
        modifiedAt: iso(r.modified_at),
        scheduledAt: iso(r.scheduled_at),
        deletedAt: iso(r.deleted_at),
      };
      await articles.write(record);
      tick();
    }
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.id;
  }
  await articles.close();
  counts['articles'] = articles.count;

  const redirects = new JsonLinesWriter(join(dir, 'redirects.jsonl'));
  for (let after = ''; ; ) {
    const rows = await pageRedirectRows(db, after, PAGE);
    for (const r of rows)
      await redirects.write({
        from: r.from_path,
        to: r.to_path,
        articleId: r.article_id,
      });
    if (rows.length < PAGE) break;
    after = rows.at(-1)!.from_path;
  }
  await redirects.close();
  counts['redirects'] = redirects.count;

  // Written last: a folder without its manifest is an export that did not finish.
  const manifest: ExportManifest = {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: options.now.toISOString(),
    siteUrl: options.siteUrl,
    counts,
  };
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

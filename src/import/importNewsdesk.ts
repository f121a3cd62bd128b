import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import {
  ImportWriter,
  type ImportedArticle,
} from '../commands/importArticles.ts';
import type { MediaCommandContext } from '../commands/media/mediaContext.ts';
import { systemActor } from '../commands/context.ts';
import { uploadMedia } from '../commands/media/uploadMedia.ts';
import { updateMedia } from '../commands/media/updateMedia.ts';
import { importRedirects } from '../commands/importRedirects.ts';
import { setSectionInNewsSitemap } from '../commands/setSectionInNewsSitemap.ts';
import { findMapped, recordMapped } from '../db/repos/imports.ts';
import { findMediaById } from '../db/repos/media.ts';
import type { ArticleStatus } from '../domain/article.ts';
import { bodyArticleIds } from '../domain/markdown.ts';
import type { Crops, MediaRecord } from '../domain/pictures.ts';
import { renditionPath } from '../media/renditions.ts';
import type { SearchProvider } from '../search/provider.ts';
import {
  EXPORT_FORMAT,
  MANIFEST,
  type ExportedArticle,
  type ExportedMedia,
  type ExportedRedirect,
  type ExportedTerm,
  type ExportManifest,
} from '../export/format.ts';
import { readJsonLines } from '../export/jsonLines.ts';
import { ImportReport } from './report.ts';

const STATUSES = new Set<ArticleStatus>([
  'draft',
  'review',
  'scheduled',
  'published',
  'unpublished',
  'trashed',
]);
const date = (v: string | null) => (v ? new Date(v) : null);

/**
 * `newsdesk import newsdesk DIR`: reads a `newsdesk export` folder back, through the same bulk
 * writer and picture upload command as the other importers, matched by the export's ids
 * (import_map), so it resumes after an interruption and a second run changes nothing.
 */
export async function importNewsdesk(
  ctx: MediaCommandContext,
  search: SearchProvider,
  dir: string,
  options: {
    dryRun: boolean;
    batchSize: number;
    onProgress?: (done: number, total: number, articles: number) => void;
  },
): Promise<ImportReport> {
  const report = new ImportReport('newsdesk', dir, options.dryRun);
  let manifest: ExportManifest;
  try {
    manifest = JSON.parse(
      readFileSync(join(dir, MANIFEST), 'utf8'),
    ) as ExportManifest;
  } catch {
    report.error = `no ${MANIFEST} in ${dir}: is it a finished \`newsdesk export\` folder?`;
    return report;
  }
  if (manifest.format !== EXPORT_FORMAT || manifest.version !== 1) {
    report.error = `${MANIFEST}: format ${String(manifest.format)} version ${String(manifest.version)} is not one this version reads (newsdesk-export 1)`;
    return report;
  }
  const source =
    `newsdesk:${manifest.siteUrl.replace(/^https?:\/\//, '')}`.slice(0, 40);
  const actor = systemActor('import');
  const writer = new ImportWriter(ctx, search, source, actor);
  const total =
    (manifest.counts['articles'] ?? 0) + (manifest.counts['media'] ?? 0);
  let done = 0;
  let articlesDone = 0;
  const tick = () => options.onProgress?.(++done, total, articlesDone);
  // Files named by the export stay inside the folder.
  const inside = (file: string) => {
    const path = resolve(dir, file);
    return path.startsWith(resolve(dir) + sep) && existsSync(path)
      ? path
      : null;
  };

  for (const [kind, file, type] of [
    ['section', 'sections.jsonl', 'section'],
    ['tag', 'tags.jsonl', 'tag'],
    ['author', 'authors.jsonl', 'author'],
  ] as const) {
    if (!existsSync(join(dir, file))) continue;
    for await (const t of readJsonLines<ExportedTerm>(join(dir, file))) {
      report.read(type);
      if (options.dryRun) {
        report.imported(type);
        continue;
      }
      const { created } = await writer.ensureTerm(kind, String(t.id), {
        slug: t.slug,
        name: t.name,
        description: t.description ?? t.bio ?? '',
        // The kind the newsroom gave the tag (person, place…) and its aliases come back with it.
        ...(kind === 'tag'
          ? {
              classify: () => ({
                kind: t.kind ?? 'topic',
                aliases: t.aliases ?? [],
              }),
            }
          : {}),
      });
      if (created) report.imported(type);
      else report.unchanged(type);
      // New sections are in the Google News sitemap: one the old site kept out stays out.
      if (created && kind === 'section' && t.inNewsSitemap === false)
        await setSectionInNewsSitemap(ctx, actor, {
          slug: t.slug,
          include: false,
        });
    }
  }
  if (existsSync(join(dir, 'editions.jsonl')))
    for await (const e of readJsonLines<{ code: string }>(
      join(dir, 'editions.jsonl'),
    )) {
      report.read('edition');
      report.note(
        'edition',
        e.code,
        e.code,
        'editions are configuration: create them with `newsdesk edition` before importing their articles',
      );
    }

  // Pictures: the original through the upload command, then its description, focal point and crops.
  const pictures = new Map<number, MediaRecord>();
  if (existsSync(join(dir, 'media.jsonl')))
    for await (const m of readJsonLines<ExportedMedia>(
      join(dir, 'media.jsonl'),
    )) {
      report.read('media');
      tick();
      const key = String(m.id);
      if (options.dryRun) {
        report.imported('media');
        continue;
      }
      const mapped = (await findMapped(ctx.db, source, 'media', [key])).get(
        key,
      );
      const known =
        mapped === undefined ? null : await findMediaById(ctx.db, mapped);
      if (known) {
        pictures.set(m.id, known);
        report.unchanged('media');
        continue;
      }
      const path = m.file ? inside(m.file) : null;
      if (!path) {
        report.skip(
          'media',
          key,
          m.fileName,
          'original missing from the export',
        );
        continue;
      }
      try {
        const uploaded = await uploadMedia(ctx, actor, {
          path,
          fileName: m.fileName,
        });
        const described = await updateMedia(ctx, actor, {
          mediaId: uploaded.id,
          expectedVersion: uploaded.version,
          fields: {
            alt: m.alt,
            decorative: m.decorative,
            caption: m.caption,
            credit: m.credit,
            copyright: m.copyright,
            usageNotes: m.usageNotes,
            focal: m.focal,
            crops: m.crops as Crops,
          },
        });
        await recordMapped(
          ctx.db,
          [{ source, kind: 'media', sourceId: key, targetId: described.id }],
          ctx.clock.now(),
        );
        pictures.set(m.id, described);
        report.imported('media');
      } catch (error) {
        report.skip(
          'media',
          key,
          m.fileName,
          `refused: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }

  // Old paths by article: articles' redirects go in with their article (they follow its slug).
  const oldPaths = new Map<number, string[]>();
  const fixed: ExportedRedirect[] = [];
  if (existsSync(join(dir, 'redirects.jsonl')))
    for await (const r of readJsonLines<ExportedRedirect>(
      join(dir, 'redirects.jsonl'),
    )) {
      if (r.articleId === null) fixed.push(r);
      else
        oldPaths.set(r.articleId, [
          ...(oldPaths.get(r.articleId) ?? []),
          r.from,
        ]);
    }

  const articleIds = new Map<number, number>();
  const relink = (body: string) =>
    body
      .replace(/(!\[[^\]]*\]\(\s*media:)(\d{1,9})\b/g, (all, head, id) => {
        const p = pictures.get(Number(id));
        return p ? `${head}${p.id}` : all;
      })
      .replace(/(\]\(\s*article:)(\d{1,9})(\s*\))/g, (all, head, id, tail) => {
        const a = articleIds.get(Number(id));
        return a ? `${head}${a}${tail}` : all;
      });
  let batch: ImportedArticle[] = [];
  const pending = new Set<number>();
  const flush = async () => {
    if (!batch.length) return;
    if (options.dryRun) report.imported('article', batch.length);
    else {
      const r = await writer.writeBatch(batch);
      report.imported('article', r.imported);
      report.unchanged('article', r.unchanged);
      report.redirects += r.redirects;
      for (const [from, to] of await findMapped(
        ctx.db,
        source,
        'article',
        batch.map((a) => a.sourceId),
      ))
        articleIds.set(Number(from), to);
    }
    articlesDone += batch.length;
    batch = [];
    pending.clear();
    options.onProgress?.(done, total, articlesDone);
  };
  if (existsSync(join(dir, 'articles.jsonl')))
    for await (const a of readJsonLines<ExportedArticle>(
      join(dir, 'articles.jsonl'),
    )) {
      report.read('article');
      tick();
      const key = String(a.id);
      const status = a.status as ArticleStatus;
      const bodyFile = inside(a.body);
      if (!STATUSES.has(status) || !bodyFile) {
        report.skip(
          'article',
          key,
          a.title,
          bodyFile ? `unknown status "${a.status}"` : `${a.body} is missing`,
        );
        continue;
      }
      // A « Lire aussi » to an article still in this batch: write the batch first, so the link
      // names its new id and renders with its title (links to later articles stay unresolved).
      const markdown = readFileSync(bodyFile, 'utf8');
      const links = bodyArticleIds(markdown);
      if (links.some((id) => pending.has(id))) await flush();
      for (const id of links)
        if (!articleIds.has(id) && !pending.has(id))
          report.note(
            'article',
            key,
            a.title,
            `« Lire aussi » to article ${id}, which comes later in the export or is missing: left as it was`,
          );
      pending.add(a.id);
      const picture =
        a.cover?.mediaId != null ? pictures.get(a.cover.mediaId) : undefined;
      if (a.cover && !picture)
        report.note(
          'article',
          key,
          a.title,
          'cover not from the media library (or its picture is missing): left out',
        );
      if (a.featured || a.breaking)
        report.note(
          'article',
          key,
          a.title,
          'featured/breaking flags are not imported (set them again on the front page)',
        );
      batch.push({
        sourceId: key,
        status,
        title: a.title,
        slug: a.slug,
        lead: a.lead,
        bodySource: relink(markdown),
        sectionKey: a.sectionId === null ? null : String(a.sectionId),
        authorKeys: a.authorIds.map(String),
        tagKeys: a.tagIds.map(String),
        createdAt: new Date(a.createdAt),
        publishedAt: date(a.publishedAt),
        modifiedAt: date(a.modifiedAt),
        scheduledAt: date(a.scheduledAt),
        deletedAt: date(a.deletedAt),
        seoTitle: a.seoTitle,
        seoDescription: a.seoDescription,
        oldPaths: oldPaths.get(a.id) ?? [],
        cover:
          a.cover && picture
            ? {
                mediaId: picture.id,
                url: renditionPath(picture, '16x9', 1200, 'jpeg'),
                alt: a.cover.alt ?? '',
                caption: a.cover.caption,
                credit: a.cover.credit,
              }
            : null,
      });
      if (batch.length >= options.batchSize) await flush();
    }
  await flush();

  if (fixed.length) {
    report.read('redirect', fixed.length);
    if (options.dryRun) report.imported('redirect', fixed.length);
    else {
      const csv = fixed.map((r) => `${r.from},${r.to}`).join('\n');
      const result = await importRedirects(ctx, actor, csv);
      report.imported('redirect', result.added);
      report.unchanged('redirect', result.unchanged);
      for (const r of result.refused)
        report.skip('redirect', fixed[r.line - 1]?.from ?? '', '', r.reason);
    }
  }
  return report;
}

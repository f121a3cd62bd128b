import { readFileSync } from 'node:fs';
import {
  ImportWriter,
  type ImportedArticle,
} from '../commands/importArticles.ts';
import type { MediaCommandContext } from '../commands/media/mediaContext.ts';
import { systemActor } from '../commands/context.ts';
import type { ArticleStatus } from '../domain/article.ts';
import { slugFromTitle } from '../domain/slug.ts';
import type { SearchProvider } from '../search/provider.ts';
import { htmlToMarkdown } from './htmlToMarkdown.ts';
import { ImportReport } from './report.ts';
import { ImportTags } from './tagKinds.ts';

/**
 * `newsdesk import ghost FILE.json`: Ghost's JSON export (wrapped in `db[0]` or not; Ghost 0.x
 * to 5). A Ghost export is one JSON document, read whole: Ghost's own exporter writes it in
 * one piece and sites that export to JSON are small enough (the archive's pictures are not in
 * it). Posts carry their HTML (Ghost writes it beside the Lexical or Mobiledoc source); where
 * it is missing, the Lexical text or the Mobiledoc Markdown cards are used. Tags become tags,
 * the first tag the section (Ghost's primary tag), staff become bylines.
 */
type Row = Record<string, unknown>;

const STATUSES: Record<string, ArticleStatus> = {
  published: 'published',
  draft: 'draft',
  scheduled: 'scheduled',
  sent: 'published',
};

const text = (v: unknown) => (typeof v === 'string' ? v : '');
const key = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : '';
const date = (v: unknown): Date | null => {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const d = new Date(v);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** Lexical's JSON as paragraphs of text (headings and lists lose their markup, not their words). */
function lexicalText(source: string): string {
  try {
    const root = (JSON.parse(source) as { root?: Row }).root;
    const blocks: string[] = [];
    const inline = (n: Row): string =>
      text(n['text']) +
      ((n['children'] as Row[] | undefined) ?? []).map(inline).join('');
    for (const child of (root?.['children'] as Row[] | undefined) ?? []) {
      // Cards: a picture becomes a figure line, an embed its bare URL, HTML and Markdown cards
      // their content.
      const type = text(child['type']);
      const card =
        type === 'image' && text(child['src'])
          ? `![${text(child['alt'])}](${text(child['src'])}${text(child['caption']) ? ` "${htmlToMarkdown(text(child['caption'])).replace(/"/g, '')}"` : ''})`
          : type === 'embed'
            ? text(child['url'])
            : type === 'markdown'
              ? text(child['markdown'])
              : type === 'html'
                ? htmlToMarkdown(text(child['html']))
                : '';
      if (card) {
        blocks.push(card);
        continue;
      }
      const t = inline(child).trim();
      if (t) blocks.push(t);
    }
    return blocks.join('\n\n');
  } catch {
    return '';
  }
}

function mobiledocText(source: string): string {
  try {
    const doc = JSON.parse(source) as { cards?: [string, Row][] };
    return (doc.cards ?? [])
      .map(([name, payload]) =>
        name === 'markdown' || name === 'card-markdown'
          ? text(payload['markdown'])
          : '',
      )
      .filter(Boolean)
      .join('\n\n');
  } catch {
    return '';
  }
}

export async function importGhost(
  ctx: MediaCommandContext,
  search: SearchProvider,
  file: string,
  options: {
    dryRun: boolean;
    batchSize: number;
    /** Progress: posts read of the file's total, and articles written so far. */
    onProgress?: (read: number, total: number, articles: number) => void;
  },
): Promise<ImportReport> {
  const report = new ImportReport('ghost', file, options.dryRun);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    report.error = `not a JSON file: ${error instanceof Error ? error.message : String(error)}`;
    return report;
  }
  const root = parsed as Row;
  const db = Array.isArray(root['db']) ? (root['db'] as Row[])[0] : root;
  const data = (db?.['data'] ?? null) as Record<string, Row[]> | null;
  if (!data || !Array.isArray(data['posts'])) {
    report.error =
      'no "data.posts" in this file: is it a Ghost export (Settings › Labs › Export)?';
    return report;
  }
  const site = key(
    (data['settings'] ?? []).find((s) => s['key'] === 'url')?.['value'],
  );
  const source = `ghost:${site.replace(/^https?:\/\//, '') || 'site'}`.slice(
    0,
    40,
  );
  const writer = new ImportWriter(ctx, search, source, systemActor('import'));
  const tags = new Map((data['tags'] ?? []).map((t) => [key(t['id']), t]));
  const users = new Map((data['users'] ?? []).map((u) => [key(u['id']), u]));
  const postTags = new Map<string, string[]>();
  for (const pt of data['posts_tags'] ?? [])
    postTags.set(key(pt['post_id']), [
      ...(postTags.get(key(pt['post_id'])) ?? []),
      key(pt['tag_id']),
    ]);
  const postAuthors = new Map<string, string[]>();
  for (const pa of data['posts_authors'] ?? [])
    postAuthors.set(key(pa['post_id']), [
      ...(postAuthors.get(key(pa['post_id'])) ?? []),
      key(pa['author_id']),
    ]);
  const meta = new Map(
    (data['posts_meta'] ?? []).map((m) => [key(m['post_id']), m]),
  );

  // Tags are created with the first batch that uses them, their kind read in its text.
  const postTagsIn = new ImportTags(writer, (created) =>
    created ? report.imported('tag') : report.unchanged('tag'),
  );
  const ensure = async (
    kind: 'section' | 'tag' | 'author',
    id: string,
    row: Row | undefined,
    type: string,
  ) => {
    if (!row || writer.termId(kind, id) !== undefined) return;
    if (kind === 'tag' && postTagsIn.has(id)) return;
    report.read(type);
    const name = text(row['name']) || text(row['slug']);
    if (options.dryRun) return report.imported(type);
    if (kind === 'tag')
      return postTagsIn.declare({
        key: id,
        slug: text(row['slug']) || slugFromTitle(name),
        name,
        description: text(row['description']),
      });
    const { created } = await writer.ensureTerm(kind, id, {
      slug: text(row['slug']) || slugFromTitle(name),
      name,
      description: text(row['description']) || text(row['bio']),
    });
    if (created) report.imported(type);
    else report.unchanged(type);
  };

  let batch: ImportedArticle[] = [];
  const total = data['posts'].length;
  let read = 0;
  let written = 0;
  const flush = async () => {
    if (!batch.length) return;
    if (options.dryRun) report.imported('post', batch.length);
    else {
      await postTagsIn.ensureFor(batch);
      const r = await writer.writeBatch(batch);
      report.imported('post', r.imported);
      report.unchanged('post', r.unchanged);
      report.redirects += r.redirects;
      written += r.imported;
    }
    batch = [];
    options.onProgress?.(read, total, written);
  };
  for (const p of data['posts']) {
    read++;
    const id = key(p['id']);
    const title = text(p['title']);
    const type = p['page'] === true || p['type'] === 'page' ? 'page' : 'post';
    report.read(type === 'page' ? 'page' : 'post');
    const status = STATUSES[text(p['status'])];
    if (!id || !status) {
      report.skip(
        type,
        id,
        title,
        !id ? 'no id' : `status "${text(p['status'])}" has no equivalent`,
      );
      continue;
    }
    const tagIds = postTags.get(id) ?? [];
    for (const t of tagIds) {
      await ensure('tag', t, tags.get(t), 'tag');
      await ensure('section', t, tags.get(t), 'section');
    }
    const authorIds = postAuthors.get(id) ?? [key(p['author_id'])];
    for (const a of authorIds)
      await ensure('author', a, users.get(a), 'author');
    const html = text(p['html']);
    const body = html
      ? htmlToMarkdown(html)
      : text(p['markdown']) ||
        lexicalText(text(p['lexical'])) ||
        mobiledocText(text(p['mobiledoc']));
    const published = date(p['published_at']);
    const created = date(p['created_at']) ?? published ?? new Date(0);
    const updated = date(p['updated_at']);
    const m = meta.get(id);
    const slug = text(p['slug']) || slugFromTitle(title);
    const picture = text(p['feature_image']) || text(p['image']);
    if (picture)
      report.note(
        type,
        id,
        title,
        `feature image ${picture} not re-hosted: Ghost exports carry no pictures (use the WordPress path's --uploads for files you have)`,
      );
    batch.push({
      sourceId: id,
      status,
      title: title.slice(0, 300) || '(sans titre)',
      slug: slug.slice(0, 180),
      lead: (text(p['custom_excerpt']) || text(p['excerpt'])).slice(0, 1000),
      bodySource: body,
      sectionKey: tagIds[0] ?? null,
      authorKeys: authorIds,
      tagKeys: tagIds,
      createdAt: created,
      publishedAt: status === 'published' ? (published ?? created) : null,
      modifiedAt:
        status === 'published' &&
        updated &&
        published &&
        updated.getTime() > published.getTime() + 60_000
          ? updated
          : null,
      scheduledAt: status === 'scheduled' ? published : null,
      deletedAt: null,
      seoTitle:
        (text(m?.['meta_title']) || text(p['meta_title'])).slice(0, 300) ||
        null,
      seoDescription:
        (text(m?.['meta_description']) || text(p['meta_description'])).slice(
          0,
          500,
        ) || null,
      // Ghost's permalinks are /slug/ by default.
      oldPaths: [`/${slug}/`],
      cover: null,
    });
    if (batch.length >= options.batchSize) await flush();
  }
  await flush();
  if (!options.dryRun) await postTagsIn.ensureRest();
  return report;
}

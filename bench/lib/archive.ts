/**
 * A newsroom-sized archive, generated fast: articles from the French news corpus
 * (../shared/data/fr-news, 32,546 AFP/Orange stories; reused with a number past that),
 * spread over the years before `now`, in sections from the corpus's categories, with bylines
 * from a staff of 60 and tags drawn from the names the titles mention, all written in bulk
 * (db/repos/bulkInsert.ts) in one transaction with one event, then indexed for search. For the
 * site benchmark, and for any test or benchmark that needs the archive of a real newsroom.
 *   const archive = await generateArchive(services, { articles: 100_000, now });
 */
import { createReadStream, existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Services } from '../../src/services.ts';
import {
  insertArticleLinksInBulk,
  insertArticlesInBulk,
} from '../../src/db/repos/bulkInsert.ts';
import {
  insertAuthor,
  insertSection,
  insertTag,
} from '../../src/db/repos/taxonomy.ts';
import { slugFromTitle } from '../../src/domain/slug.ts';
import { reindexAll } from '../../src/search/indexer.ts';

export const CORPUS_PATH = fileURLToPath(
  new URL(
    '../../../shared/data/fr-news/orangesum_fr_news.dev.jsonl',
    import.meta.url,
  ),
);

export interface CorpusStory {
  title: string;
  lead: string;
  text: string;
  category: string;
}

/** The corpus's stories, up to `limit` (the file holds 32,546). */
export async function readCorpus(limit: number): Promise<CorpusStory[]> {
  if (!existsSync(CORPUS_PATH))
    throw new Error(`no corpus at ${CORPUS_PATH} (../shared/data/fr-news)`);
  const out: CorpusStory[] = [];
  const lines = createInterface({ input: createReadStream(CORPUS_PATH) });
  for await (const line of lines) {
    if (out.length >= limit) break;
    if (!line.trim()) continue;
    const r = JSON.parse(line) as Record<string, string>;
    if (!r['title'] || !r['article']) continue;
    out.push({
      title: r['title'].trim().slice(0, 200),
      lead: (r['heading'] ?? '').trim().slice(0, 400),
      text: r['article'],
      category: r['category'] || 'divers',
    });
  }
  lines.close();
  return out;
}

const SECTION_NAMES: Record<string, string> = {
  france: 'France',
  politique: 'Politique',
  monde: 'Monde',
  economie: 'Économie',
  sport: 'Sport',
  'societe/people': 'People',
  'societe/fait-divers': 'Faits divers',
  'societe/culture': 'Culture',
  'auto/news': 'Auto',
  sciences: 'Sciences',
  divers: 'Divers',
};

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** The corpus flattens paragraphs (`fin.Début`): split them back, three or so per story. */
function paragraphs(text: string): string[] {
  const sentences = text.split(/(?<=[.!?»"])(?=[A-ZÀ-Ý«"])/);
  const out: string[] = [];
  const size = Math.max(1, Math.ceil(sentences.length / 4));
  for (let i = 0; i < sentences.length; i += size)
    out.push(sentences.slice(i, i + size).join(' '));
  return out;
}

/** Proper names the titles mention most (the tags a newsroom would have), with their title words. */
function tagNames(stories: CorpusStory[], count: number): string[] {
  const seen = new Map<string, number>();
  for (const s of stories.slice(0, 20_000))
    for (const w of s.title.split(/[\s,:;'’()«»"!?.]+/).slice(1))
      if (/^[A-ZÀ-Ý][a-zà-ÿ]{3,}$/.test(w)) seen.set(w, (seen.get(w) ?? 0) + 1);
  const bySlug = new Map<string, string>();
  for (const [w] of [...seen.entries()].sort((a, b) => b[1] - a[1])) {
    const slug = slugFromTitle(w);
    if (slug && !bySlug.has(slug)) bySlug.set(slug, w);
    if (bySlug.size >= count) break;
  }
  return [...bySlug.values()];
}

export interface Archive {
  articles: number;
  /** Article slugs, oldest first. */
  slugs: string[];
  sections: string[];
  tags: string[];
  authors: string[];
  seedSeconds: number;
  indexSeconds: number;
}

export interface ArchiveOptions {
  articles: number;
  now: Date;
  /** Years the archive spans, back from `now` (default 10). */
  years?: number;
  /** Build the search index too (default true). */
  index?: boolean;
}

const HOUR = 3_600_000;
const CHUNK = 5_000;

/** Fills an empty database with an archive; see the module comment. */
export async function generateArchive(
  services: Services,
  options: ArchiveOptions,
): Promise<Archive> {
  const started = performance.now();
  const { db } = services;
  const corpus = await readCorpus(Math.min(options.articles, 32_546));
  const years = options.years ?? 10;
  const end = options.now.getTime() - HOUR;
  const start = end - years * 365 * 24 * HOUR;
  const taxonomyAt = new Date(start - 24 * HOUR);
  const categories = [...new Set(corpus.map((s) => s.category))];
  const sectionSlugs = new Map<string, string>();
  const sectionIds = new Map<string, number>();
  const tagList = tagNames(corpus, 400);
  const tagIds: number[] = [];
  const authorIds: number[] = [];
  const authorSlugs: string[] = [];
  const slugs: string[] = [];
  await db.transaction().execute(async (tx) => {
    for (const [i, category] of categories.entries()) {
      const name = SECTION_NAMES[category] ?? category.split('/').at(-1)!;
      const slug = slugFromTitle(name) || `rubrique-${i}`;
      if ([...sectionSlugs.values()].includes(slug)) continue;
      sectionSlugs.set(category, slug);
      sectionIds.set(
        category,
        await insertSection(
          tx,
          { slug, name, description: `L’actualité : ${name}.`, position: i },
          taxonomyAt,
        ),
      );
    }
    for (let i = 0; i < 60; i++) {
      const slug = `journaliste-${i + 1}`;
      authorSlugs.push(slug);
      authorIds.push(
        await insertAuthor(
          tx,
          {
            slug,
            name: `Journaliste ${i + 1}`,
            bio: 'Membre de la rédaction.',
            userId: null,
          },
          taxonomyAt,
        ),
      );
    }
    for (const name of tagList)
      tagIds.push(
        await insertTag(
          tx,
          { slug: slugFromTitle(name), name, kind: 'topic' },
          taxonomyAt,
        ),
      );
    const tagByWord = new Map(tagList.map((w, i) => [w, tagIds[i]!]));
    for (let from = 0; from < options.articles; from += CHUNK) {
      const rows = [];
      const links: { authors: number[]; tags: number[] }[] = [];
      for (let i = from; i < Math.min(options.articles, from + CHUNK); i++) {
        const story = corpus[i % corpus.length]!;
        const round = Math.floor(i / corpus.length);
        const t =
          options.articles === 1
            ? end
            : start + ((end - start) * i) / (options.articles - 1);
        const at = new Date(Math.floor(t / 1000) * 1000).toISOString();
        const title = round ? `${story.title} (${round + 1})` : story.title;
        const slug = `${slugFromTitle(story.title).slice(0, 80)}-${i + 1}`;
        slugs.push(slug);
        const paras = paragraphs(story.text);
        rows.push({
          slug,
          title,
          lead: story.lead || paras[0]!.slice(0, 300),
          body_source: paras.join('\n\n'),
          body_html: paras.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'),
          status: 'published' as const,
          section_id:
            sectionIds.get(story.category) ?? [...sectionIds.values()][0]!,
          cover_url: null,
          cover_alt: null,
          created_at: at,
          updated_at: at,
          first_published_at: at,
          published_at: at,
          modified_at: null,
          is_featured: i % 50 === 0,
          is_breaking: false,
        });
        const words = story.title.split(/[\s,:;'’()«»"!?.]+/);
        const tags = [
          ...new Set(
            words.flatMap((w) => {
              const id = tagByWord.get(w);
              return id === undefined ? [] : [id];
            }),
          ),
        ].slice(0, 3);
        links.push({
          authors:
            i % 4 === 0
              ? [authorIds[i % 60]!, authorIds[(i + 7) % 60]!]
              : [authorIds[i % 60]!],
          tags: tags.length ? tags : [tagIds[i % tagIds.length]!],
        });
      }
      const ids = await insertArticlesInBulk(tx, rows);
      await insertArticleLinksInBulk(
        tx,
        ids.flatMap((id, k) =>
          links[k]!.authors.map((author_id, position) => ({
            article_id: id,
            author_id,
            position,
          })),
        ),
        ids.flatMap((id, k) =>
          links[k]!.tags.map((tag_id, position) => ({
            article_id: id,
            tag_id,
            position,
          })),
        ),
      );
      if (from + CHUNK >= options.articles)
        await services.events.record(tx, {
          name: 'articles.publish',
          articleId: ids.at(-1)!,
          payload: { bulk: options.articles },
          at: options.now,
        });
    }
  });
  // Planner statistics, as an import ends with them (db/repos/statistics.ts).
  await services.dialect.refreshStatistics(db);
  const seeded = performance.now();
  if (options.index ?? true)
    await reindexAll(db, services.search, { fresh: true, batchSize: 2_000 });
  return {
    articles: options.articles,
    slugs,
    sections: [...sectionSlugs.values()],
    tags: tagList.map((name) => slugFromTitle(name)),
    authors: authorSlugs,
    seedSeconds: (seeded - started) / 1000,
    indexSeconds: (performance.now() - seeded) / 1000,
  };
}

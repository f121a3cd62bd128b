import { sql } from 'kysely';
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

const MINUTE = 60_000;
export const ARCHIVE_SECTIONS = 4;
export const ARCHIVE_AUTHORS = 4;
export const ARCHIVE_TAGS = 8;
/** Articles written per transaction: a million rows at once would hold them all in memory. */
const BATCH = 20_000;

/** Whether article `j` of an archive is a draft (no page): one in 97. */
export const isHiddenArchiveArticle = (j: number) => j % 97 === 13;

/**
 * An archive of `articles` articles, one every ten minutes back from `now`, in bulk (no search
 * or editorial index). Article `j` counts from the newest (0), slug `article-j`: the newest
 * articles are the same whatever the archive's size, so a page shows the same articles
 * whatever lies behind them.
 */
export async function seedArchive(
  services: Services,
  articles: number,
  now: Date,
): Promise<void> {
  const at = new Date(now.getTime() - (articles + 10) * 10 * MINUTE);
  const { sections, authors, tags } = await services.db
    .transaction()
    .execute(async (tx) => {
      const sections: number[] = [];
      for (let i = 0; i < ARCHIVE_SECTIONS; i++)
        sections.push(
          await insertSection(
            tx,
            {
              slug: `rubrique-${i}`,
              name: `Rubrique ${i}`,
              description: '',
              position: i,
            },
            at,
          ),
        );
      const authors: number[] = [];
      for (let i = 0; i < ARCHIVE_AUTHORS; i++)
        authors.push(
          await insertAuthor(
            tx,
            { slug: `auteur-${i}`, name: `Auteur ${i}`, bio: '', userId: null },
            at,
          ),
        );
      const tags: number[] = [];
      for (let i = 0; i < ARCHIVE_TAGS; i++)
        tags.push(
          await insertTag(
            tx,
            { slug: `sujet-${i}`, name: `Sujet ${i}`, kind: 'topic' },
            at,
          ),
        );
      return { sections, authors, tags };
    });
  // Oldest first, so ids grow with publication time as they do in a newsroom.
  for (let top = articles - 1; top >= 0; top -= BATCH) {
    const js: number[] = [];
    for (let j = top; j > top - BATCH && j >= 0; j--) js.push(j);
    await services.db.transaction().execute(async (tx) => {
      const ids = await insertArticlesInBulk(
        tx,
        js.map((j) => {
          const published = new Date(
            now.getTime() - (j + 1) * 10 * MINUTE,
          ).toISOString();
          const hidden = isHiddenArchiveArticle(j);
          return {
            slug: `article-${j}`,
            title: `Titre de l’article ${j} : un événement à suivre`,
            lead: 'Un chapô de deux phrases. La seconde précise le contexte.',
            body_source: '',
            body_html: '<p>Un paragraphe.</p>',
            status: hidden ? 'draft' : 'published',
            section_id: sections[j % ARCHIVE_SECTIONS]!,
            created_at: published,
            updated_at: published,
            first_published_at: hidden ? null : published,
            published_at: hidden ? null : published,
            is_featured: j % 50 === 7,
            is_breaking: false,
          };
        }),
      );
      await insertArticleLinksInBulk(
        tx,
        ids.map((id, k) => ({
          article_id: id,
          author_id: authors[js[k]! % ARCHIVE_AUTHORS]!,
          position: 0,
        })),
        ids.flatMap((id, k) =>
          [
            tags[js[k]! % ARCHIVE_TAGS]!,
            tags[(js[k]! + 3) % ARCHIVE_TAGS]!,
          ].map((tag_id, position) => ({ article_id: id, tag_id, position })),
        ),
      );
    });
  }
  // Planner statistics, as autovacuum (PostgreSQL) or `PRAGMA optimize` (SQLite) would gather them.
  await sql`analyze`.execute(services.db);
}

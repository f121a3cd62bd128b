import type { CommandContext } from '../../src/commands/context.ts';
import type { Updateable } from 'kysely';
import type { ArticlesTable } from '../../src/db/schema.ts';
import {
  findArticleById,
  updateArticleIfVersion,
} from '../../src/db/repos/articles.ts';
import type { EventName } from '../../src/events/names.ts';
import { renderMarkdown } from '../../src/domain/markdown.ts';
import { readFileSync } from 'node:fs';
import { sharedFile } from './shared.ts';

/**
 * Changes an article and records `name` in the same transaction, as the newsroom's commands
 * will: the search index processor runs inside it.
 */
export async function changeArticle(
  ctx: CommandContext,
  articleId: number,
  name: EventName,
  patch: Updateable<ArticlesTable> = {},
): Promise<void> {
  await ctx.db.transaction().execute(async (tx) => {
    const article = await findArticleById(tx, articleId);
    if (!article) throw new Error(`no article ${articleId}`);
    const values = {
      ...patch,
      ...(patch.body_source !== undefined
        ? { body_html: renderMarkdown(patch.body_source) }
        : {}),
    };
    if (!(await updateArticleIfVersion(tx, articleId, article.version, values)))
      throw new Error('stale');
    await ctx.events.record(tx, {
      name,
      articleId,
      payload: {},
      at: ctx.clock.now(),
    });
  });
}

export interface SeedArticle {
  title: string;
  lead: string;
  bodySource: string;
}

/**
 * The featured article of shared/seed/seed-page.txt as title, lead and Markdown body (short
 * lines without a final full stop are its subheadings), or null where shared/ is absent.
 */
export function seedArticle(): SeedArticle | null {
  const path = sharedFile('seed/seed-page.txt');
  if (!path) return null;
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const start = lines.findIndex((l) => l.startsWith('Suivez-nous')) + 1;
  const [title, lead, ...rest] = lines.slice(start);
  if (!title || !lead) return null;
  const body = rest
    .map((l) => (l.length < 90 && !/[.!?»]$/.test(l) ? `## ${l}` : l))
    .join('\n\n');
  return { title, lead, bodySource: body };
}

import { systemActor, type CommandContext } from '../commands/context.ts';
import { createArticle } from '../commands/createArticle.ts';
import { publishArticle } from '../commands/publishArticle.ts';
import {
  addEdition,
  linkTranslations,
  setSectionEditionCommand,
} from '../commands/editions.ts';
import { findArticleIdBySlug, findEdition } from '../db/repos/editions.ts';
import {
  findAuthorBySlug,
  findSectionBySlug,
  insertAuthor,
  insertSection,
} from '../db/repos/taxonomy.ts';
import { slugFromTitle } from '../domain/slug.ts';
import type { Edition } from '../domain/editions.ts';
import { arabicDemoArticles, arabicDemoSections } from './arabicContent.ts';
import { demoArticles, demoAuthors } from './content.ts';

/** The demo's Arabic edition: under /ar on the site's host. */
export const ARABIC_DEMO_EDITION: Edition = {
  code: 'ar',
  language: 'ar',
  name: 'صحيفة الأطلس',
  pathPrefix: '/ar',
  host: null,
  newsPublicationName: 'صحيفة الأطلس',
  legalNotice:
    'مدير النشر: سلمى بناني\nالناشر: Le Quotidien de l’Atlas SARL، الدار البيضاء\nصحيفة إلكترونية خاضعة للقانون رقم 88.13 المتعلق بالصحافة والنشر.',
};

/**
 * Adds the Arabic edition and its demo newsroom (src/demo/arabicContent.ts) to a database:
 * sections moved into the edition, the demo's journalists (created if the French demo is not
 * there), articles dated relative to now, and the links to their French counterparts where
 * the French demo is loaded. Returns the number of Arabic articles added (0 when the edition
 * already has them).
 */
export async function loadArabicDemo(ctx: CommandContext): Promise<number> {
  const actor = systemActor('demo');
  const now = ctx.clock.now();
  if (!(await findEdition(ctx.db, ARABIC_DEMO_EDITION.code)))
    await addEdition(ctx, actor, ARABIC_DEMO_EDITION);
  const sectionIds = new Map<string, number>();
  for (const [position, s] of arabicDemoSections.entries()) {
    const existing = await findSectionBySlug(ctx.db, s.slug);
    if (existing) {
      sectionIds.set(s.slug, existing.id);
      continue;
    }
    const id = await ctx.db.transaction().execute(async (tx) => {
      const id = await insertSection(
        tx,
        { slug: s.slug, name: s.name, description: s.description, position },
        now,
      );
      await ctx.events.record(tx, {
        name: 'sections.create',
        payload: { slug: s.slug },
        at: now,
      });
      return id;
    });
    await setSectionEditionCommand(ctx, actor, {
      slug: s.slug,
      edition: ARABIC_DEMO_EDITION.code,
    });
    sectionIds.set(s.slug, id);
  }
  const authorIds = new Map<string, number>();
  for (const a of demoAuthors) {
    const slug = slugFromTitle(a.name);
    const found = await findAuthorBySlug(ctx.db, slug);
    authorIds.set(
      a.key,
      found?.id ??
        (await ctx.db.transaction().execute(async (tx) => {
          const id = await insertAuthor(
            tx,
            { slug, name: a.name, bio: a.bio, userId: null },
            now,
          );
          await ctx.events.record(tx, {
            name: 'authors.create',
            payload: { slug, guest: a.guest },
            at: now,
          });
          return id;
        })),
    );
  }
  let added = 0;
  const ordered = [...arabicDemoArticles].sort(
    (a, b) => b.minutesAgo - a.minutesAgo,
  );
  for (const a of ordered) {
    if (await findArticleIdBySlug(ctx.db, slugFromTitle(a.title), 'ar'))
      continue;
    const id = await createArticle(ctx, actor, {
      title: a.title,
      lead: a.lead,
      bodySource: a.body,
      sectionId: sectionIds.get(a.section)!,
      authorIds: a.authors.map((k) => authorIds.get(k)!),
      tagIds: [],
      featured: a.featured ?? false,
      breaking: a.breaking ?? false,
    });
    await publishArticle(ctx, actor, {
      articleId: id,
      publishedAt: new Date(now.getTime() - a.minutesAgo * 60_000),
    });
    added++;
    const french = a.translationOf
      ? demoArticles.find((f) => f.key === a.translationOf)
      : undefined;
    const frenchId = french
      ? await findArticleIdBySlug(ctx.db, slugFromTitle(french.title), 'fr')
      : null;
    if (frenchId !== null)
      await linkTranslations(ctx, actor, { articleIds: [frenchId, id] });
  }
  return added;
}

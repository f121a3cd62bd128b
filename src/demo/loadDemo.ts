import type { CommandContext } from '../commands/context.ts';
import { systemActor } from '../commands/context.ts';
import { createArticle } from '../commands/createArticle.ts';
import { publishArticle } from '../commands/publishArticle.ts';
import {
  countArticles,
  findTagBySlug,
  insertAuthor,
  insertSection,
  insertTag,
} from '../db/repos/taxonomy.ts';
import { slugFromTitle } from '../domain/slug.ts';
import { demoArticles, demoAuthors, demoSections } from './content.ts';
import { loadDemoPictures } from './pictures.ts';
import type { MediaServices } from '../media/library.ts';
import { loadDemoLiveBlog } from './demoLiveBlog.ts';

/**
 * Fills an empty database with the demo newsroom: sections, journalists and guest authors,
 * and articles dated relative to now, so the fil info always looks like today's.
 * With the media services, most articles get a cover drawn by the project (demo/pictures.ts).
 * Returns the number of articles loaded (0 when the database already had content).
 */
export async function loadDemoContent(
  ctx: CommandContext & { media?: MediaServices },
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  if ((await countArticles(ctx.db)) > 0) return 0;
  const actor = systemActor('demo');
  const now = ctx.clock.now();
  const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

  const sectionIds = new Map<string, number>();
  const authorIds = new Map<string, number>();
  await ctx.db.transaction().execute(async (tx) => {
    for (const [position, s] of demoSections.entries()) {
      const id = await insertSection(
        tx,
        { slug: s.slug, name: s.name, description: s.description, position },
        now,
      );
      sectionIds.set(s.slug, id);
      await ctx.events.record(tx, {
        name: 'sections.create',
        payload: { slug: s.slug },
        at: now,
      });
    }
    for (const a of demoAuthors) {
      const id = await insertAuthor(
        tx,
        { slug: slugFromTitle(a.name), name: a.name, bio: a.bio, userId: null },
        now,
      );
      authorIds.set(a.key, id);
      await ctx.events.record(tx, {
        name: 'authors.create',
        payload: { slug: slugFromTitle(a.name), guest: a.guest },
        at: now,
      });
    }
  });

  const tagId = async (name: string): Promise<number> => {
    const slug = slugFromTitle(name);
    const existing = await findTagBySlug(ctx.db, slug);
    if (existing) return existing.id;
    return ctx.db.transaction().execute(async (tx) => {
      const id = await insertTag(tx, { slug, name, kind: 'topic' }, now);
      await ctx.events.record(tx, {
        name: 'tags.create',
        payload: { slug },
        at: now,
      });
      return id;
    });
  };

  const media = ctx.media;
  const pictures = media
    ? await loadDemoPictures(
        { ...ctx, media },
        demoSections.map((s) => s.slug),
      )
    : new Map<string, number[]>();
  const used = new Map<string, number>();

  // Oldest first, so event ids follow publication order as they would in a real newsroom.
  const ordered = [...demoArticles].sort((a, b) => b.minutesAgo - a.minutesAgo);
  for (const [i, a] of ordered.entries()) {
    const section = sectionIds.get(a.section);
    if (section === undefined)
      throw new Error(`demo article ${a.key}: unknown section ${a.section}`);
    const tags: number[] = [];
    for (const name of a.tags) tags.push(await tagId(name));
    // Every article but each section's third gets a cover, the section's two drawings in turn.
    const turn = used.get(a.section) ?? 0;
    used.set(a.section, turn + 1);
    const sectionPictures = pictures.get(a.section) ?? [];
    const coverId =
      turn % 3 === 2
        ? undefined
        : sectionPictures[turn % sectionPictures.length];
    const id = await createArticle(ctx, actor, {
      title: a.title,
      lead: a.lead,
      bodySource: a.body,
      sectionId: section,
      authorIds: a.authors.map((key) => {
        const authorId = authorIds.get(key);
        if (authorId === undefined)
          throw new Error(`demo article ${a.key}: unknown author ${key}`);
        return authorId;
      }),
      tagIds: tags,
      featured: a.featured ?? false,
      breaking: a.breaking ?? false,
      ...(coverId !== undefined
        ? {
            cover: {
              mediaId: coverId,
              url: '',
              alt: '',
              caption: null,
              credit: null,
            },
          }
        : {}),
    });
    await publishArticle(ctx, actor, {
      articleId: id,
      publishedAt: minutesAgo(a.minutesAgo),
      ...(a.updatedMinutesAgo !== undefined
        ? { modifiedAt: minutesAgo(a.updatedMinutesAgo) }
        : {}),
    });
    onProgress?.(i + 1, ordered.length);
  }
  // A finished live blog: last night's match, with its score box and key moments.
  await loadDemoLiveBlog(ctx, {
    sectionId: sectionIds.get('sport')!,
    authorIds: ['karim-berrada', 'hamza-ouazzani'].map(
      (k) => authorIds.get(k)!,
    ),
  });
  return ordered.length + 1;
}

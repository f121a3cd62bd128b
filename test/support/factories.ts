import type { CommandContext } from '../../src/commands/context.ts';
import { systemActor } from '../../src/commands/context.ts';
import {
  createArticle,
  type ArticleDraftInput,
} from '../../src/commands/createArticle.ts';
import { publishArticle } from '../../src/commands/publishArticle.ts';
import {
  insertAuthor,
  insertSection,
  insertTag,
} from '../../src/db/repos/taxonomy.ts';
import {
  findArticleById,
  updateArticleIfVersion,
} from '../../src/db/repos/articles.ts';

let sequence = 0;
const next = () => ++sequence;

/*
 * Words for default article texts: each article draws its own, so two factory articles tell
 * different stories and the duplicate guard (which compares texts) leaves them alone.
 */
const WORDS =
  `budget port récolte tramway festival barrage université hôpital séisme marché vaccin élection tribunal stade
  incendie banque caravane désert musée bibliothèque rivière autoroute aéroport usine mine phosphate olivier agrumes
  pêche sardine tanneur médina souk théâtre cinéma roman poète chanteuse orchestre lycée concours bourse dirham
  inflation salaire grève syndicat ministre député sénat mairie quartier logement loyer chantier pont tunnel gare
  train navire cargo conteneur douane frontière visa touriste hôtel riad plage corniche falaise forêt cèdre singe
  cigogne chameau oasis palmier datte sécheresse pluie neige orage canicule récif satellite fusée robot logiciel
  application réseau câble fibre antenne radio journal reporter photographe archive procès avocat juge enquête
  police douanier pompier ambulance clinique pharmacie médecin infirmière école crèche cantine uniforme`
    .split(/\s+/)
    .filter(Boolean);

/** A distinct little story for article `n`: a dozen words of its own in the lead and body. */
export function storyWords(n: number, count: number): string[] {
  let seed = (n * 2654435761) >>> 0;
  const out: string[] = [];
  while (out.length < count) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const word = WORDS[(seed >>> 16) % WORDS.length]!;
    if (!out.includes(word)) out.push(word);
  }
  return out;
}

/** Factories with overrides: each creates the parents it needs when none is given. */
export async function buildSection(
  ctx: CommandContext,
  overrides: Partial<{
    slug: string;
    name: string;
    description: string;
    position: number;
  }> = {},
) {
  const n = next();
  const s = {
    slug: `rubrique-${n}`,
    name: `Rubrique ${n}`,
    description: `Description ${n}`,
    position: n,
    ...overrides,
  };
  const id = await insertSection(ctx.db, s, ctx.clock.now());
  return { id, ...s };
}

export async function buildAuthor(
  ctx: CommandContext,
  overrides: Partial<{ slug: string; name: string; bio: string }> = {},
) {
  const n = next();
  const a = {
    slug: `auteur-${n}`,
    name: `Auteur ${n}`,
    bio: '',
    userId: null,
    ...overrides,
  };
  const id = await insertAuthor(ctx.db, a, ctx.clock.now());
  return { id, ...a };
}

export async function buildTag(
  ctx: CommandContext,
  overrides: Partial<{ slug: string; name: string }> = {},
) {
  const n = next();
  const t = {
    slug: `sujet-${n}`,
    name: `Sujet ${n}`,
    kind: 'topic',
    ...overrides,
  };
  const id = await insertTag(ctx.db, t, ctx.clock.now());
  return { id, ...t };
}

const FIXTURE_EVENTS = {
  review: 'articles.submit',
  scheduled: 'articles.schedule',
  unpublished: 'articles.unpublish',
  trashed: 'articles.trash',
} as const;

export type ArticleState =
  | 'draft'
  | 'review'
  | 'scheduled'
  | 'published'
  | 'unpublished'
  | 'trashed';

export interface BuildArticleOptions extends Partial<ArticleDraftInput> {
  status?: ArticleState;
  publishedAt?: Date;
  scheduledAt?: Date;
}

/** An article in any state; published ones are published `publishedAt` (default: a minute ago). */
export async function buildArticle(
  ctx: CommandContext,
  options: BuildArticleOptions = {},
) {
  const n = next();
  const sectionId =
    options.sectionId !== undefined
      ? options.sectionId
      : (await buildSection(ctx)).id;
  const authorIds = options.authorIds ?? [(await buildAuthor(ctx)).id];
  const actor = systemActor('test');
  const id = await createArticle(ctx, actor, {
    title: options.title ?? `Article de test numéro ${n}`,
    lead:
      options.lead ??
      `Chapô de l’article ${n} : ${storyWords(n, 4).join(', ')}.`,
    bodySource:
      options.bodySource ??
      `Premier paragraphe ${n} : ${storyWords(n + 7919, 8).join(', ')}.\n\n## Un intertitre\n\nSecond paragraphe : ${storyWords(n + 104729, 8).join(', ')}.`,
    sectionId,
    authorIds,
    tagIds: options.tagIds ?? [],
    ...(options.slug ? { slug: options.slug } : {}),
    featured: options.featured ?? false,
    breaking: options.breaking ?? false,
    ...(options.cover ? { cover: options.cover } : {}),
  });
  const status = options.status ?? 'published';
  const now = ctx.clock.now();
  if (status === 'published' || status === 'unpublished') {
    await publishArticle(ctx, actor, {
      articleId: id,
      publishedAt: options.publishedAt ?? new Date(now.getTime() - 60_000),
    });
  }
  if (status !== 'draft' && status !== 'published') {
    // States whose commands belong to the newsroom: set directly, as a fixture, with the event
    // those commands will record (processors such as the search index follow it).
    await ctx.db.transaction().execute(async (tx) => {
      const a = await findArticleById(tx, id);
      await updateArticleIfVersion(tx, id, a!.version, {
        status,
        scheduled_at:
          status === 'scheduled'
            ? (
                options.scheduledAt ?? new Date(now.getTime() + 3_600_000)
              ).toISOString()
            : null,
        deleted_at: status === 'trashed' ? now.toISOString() : null,
      });
      await ctx.events.record(tx, {
        name: FIXTURE_EVENTS[status],
        articleId: id,
        at: now,
      });
    });
  }
  const article = await findArticleById(ctx.db, id);
  return article!;
}

/**
 * A published article's row for a bulk insert into `articles` (no command, no event, no index):
 * for tests that load many articles and then rebuild what derives from them.
 */
export function publishedArticleRow(fields: {
  slug: string;
  title: string;
  lead: string;
  bodyHtml: string;
  sectionId: number;
  at: string;
}) {
  const { at } = fields;
  return {
    slug: fields.slug,
    title: fields.title,
    lead: fields.lead,
    body_html: fields.bodyHtml,
    status: 'published' as const,
    section_id: fields.sectionId,
    is_featured: false,
    is_breaking: false,
    created_at: at,
    updated_at: at,
    first_published_at: at,
    published_at: at,
  };
}

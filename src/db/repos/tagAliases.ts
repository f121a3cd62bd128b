import type { Queryable } from '../database.ts';
import type { Tag } from './taxonomy.ts';

/** Tags whose slug, or one of whose aliases, is among `slugs` (slugs of names met in a text). */
export async function findTagsByNameSlugs(
  db: Queryable,
  slugs: string[],
): Promise<(Tag & { matched: string })[]> {
  const unique = [...new Set(slugs)].filter(Boolean);
  if (unique.length === 0) return [];
  const [bySlug, byAlias] = await Promise.all([
    db
      .selectFrom('tags')
      .select(['id', 'slug', 'name', 'kind'])
      .where('slug', 'in', unique)
      .execute(),
    db
      .selectFrom('tag_aliases')
      .innerJoin('tags', 'tags.id', 'tag_aliases.tag_id')
      .select([
        'tags.id',
        'tags.slug',
        'tags.name',
        'tags.kind',
        'tag_aliases.alias_key',
      ])
      .where('tag_aliases.alias_key', 'in', unique)
      .execute(),
  ]);
  return [
    ...bySlug.map((t) => ({ ...t, matched: t.slug })),
    ...byAlias.map(({ alias_key, ...t }) => ({ ...t, matched: alias_key })),
  ];
}

/** Records another name for a tag; a name already taken by another tag is left alone. */
export async function addTagAlias(
  db: Queryable,
  tagId: number,
  alias: string,
  aliasSlug: string,
): Promise<void> {
  await db
    .insertInto('tag_aliases')
    .values({ alias_key: aliasSlug, tag_id: tagId, alias: alias.slice(0, 200) })
    .onConflict((oc) => oc.column('alias_key').doNothing())
    .execute();
}

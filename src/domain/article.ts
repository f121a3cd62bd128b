import { EDITORIAL_VERBS, type EditorialVerb } from './editorialVerbs.ts';

/**
 * The article lifecycle. Each editorial verb is a command that moves an article between these
 * states; the verb table (`editorialVerbs.ts`) is the only place that says which moves exist.
 */
export const ARTICLE_STATUSES = [
  'draft',
  'review',
  'scheduled',
  'published',
  'unpublished',
  'trashed',
] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** The status `verb` leads to from `status`, or null when the move is not allowed. */
export function nextStatus(
  status: ArticleStatus,
  verb: EditorialVerb,
): ArticleStatus | null {
  const rule = EDITORIAL_VERBS[verb];
  return (rule.from as readonly ArticleStatus[]).includes(status)
    ? rule.to
    : null;
}

export function isArticleStatus(value: string): value is ArticleStatus {
  return (ARTICLE_STATUSES as readonly string[]).includes(value);
}

/**
 * The article lifecycle. Each editorial verb is a command that moves an article between these
 * states; this table is the only place that says which moves exist.
 */
export const ARTICLE_STATUSES = ['draft', 'review', 'scheduled', 'published', 'unpublished', 'trashed'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export type EditorialVerb = 'submit' | 'return' | 'publish' | 'schedule' | 'unschedule' | 'unpublish' | 'trash' | 'restore';

const transitions: Record<EditorialVerb, { from: readonly ArticleStatus[]; to: ArticleStatus | 'previous' }> = {
  submit: { from: ['draft'], to: 'review' },
  return: { from: ['review'], to: 'draft' },
  publish: { from: ['draft', 'review', 'scheduled', 'unpublished'], to: 'published' },
  schedule: { from: ['draft', 'review', 'unpublished'], to: 'scheduled' },
  unschedule: { from: ['scheduled'], to: 'draft' },
  unpublish: { from: ['published'], to: 'unpublished' },
  trash: { from: ['draft', 'review', 'scheduled', 'unpublished'], to: 'trashed' },
  restore: { from: ['trashed'], to: 'draft' },
};

/** The status `verb` leads to from `status`, or null when the move is not allowed. */
export function nextStatus(status: ArticleStatus, verb: EditorialVerb): ArticleStatus | null {
  const rule = transitions[verb];
  if (!rule.from.includes(status)) return null;
  return rule.to === 'previous' ? status : rule.to;
}

export function isArticleStatus(value: string): value is ArticleStatus {
  return (ARTICLE_STATUSES as readonly string[]).includes(value);
}

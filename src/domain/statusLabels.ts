import type { ArticleStatus } from './article.ts';

/** How the newsroom names each state, in French. */
export const STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'Brouillon',
  review: 'En relecture',
  scheduled: 'Programmé',
  published: 'Publié',
  unpublished: 'Dépublié',
  trashed: 'Corbeille',
};

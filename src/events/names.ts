/**
 * Every change to content records one of these, in the same transaction as the change.
 * Processors (search index, live fil info, caches, duplicate checks) subscribe by name.
 */
export const EVENT_NAMES = [
  'articles.create', 'articles.update', 'articles.submit', 'articles.return', 'articles.publish',
  'articles.schedule', 'articles.unschedule', 'articles.unpublish', 'articles.correct',
  'articles.trash', 'articles.restore',
  'sections.create', 'sections.update', 'tags.create', 'authors.create',
  'users.create', 'users.update', 'settings.update', 'integrations.create', 'integrations.revoke',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

/**
 * Every change to content records one of these, in the same transaction as the change.
 * Processors (search index, live fil info, caches, duplicate checks) subscribe by name.
 */
export const EVENT_NAMES = [
  'articles.create', 'articles.update', 'articles.submit', 'articles.return', 'articles.publish',
  'articles.schedule', 'articles.unschedule', 'articles.unpublish', 'articles.correct',
  'articles.trash', 'articles.restore',
  // A live blog started, ended or its score changed; an entry posted, edited or deleted (payload: entryId).
  'articles.live', 'articles.live_entry',
  'sections.create', 'sections.update', 'tags.create', 'authors.create',
  'users.create', 'users.update', 'settings.update',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

import {
  EDITORIAL_VERB_NAMES,
  EDITORIAL_VERBS,
  type VerbEventName,
} from '../domain/editorialVerbs.ts';

/** Article events recorded by the verbs that carry content (the state-moving verbs add theirs). */
const CONTENT_EVENTS = [
  'articles.create',
  'articles.update',
  'articles.correct',
] as const;
/**
 * A live blog started, ended or its score changed (`articles.live`); an entry posted, edited or
 * deleted (`articles.live_entry`, payload: entryId). They change what the article page shows, not
 * the article's text or state, so the indexes do not follow them.
 */
export const LIVE_BLOG_EVENTS = [
  'articles.live',
  'articles.live_entry',
] as const;
const OTHER_EVENTS = [
  'sections.create',
  'sections.update',
  'tags.create',
  'authors.create',
  'users.create',
  'users.update',
  'settings.update',
  'integrations.create',
  'integrations.revoke',
  'media.create',
  'media.update',
  'media.replace',
  'media.delete',
  // Editions (issue #20): one added; articles linked as translations of each other.
  'editions.create',
  'articles.link_translations',
  // One per batch of a bulk import (payload: source, count, first and last ids): the derived
  // indexes are filled by the import itself, so no processor reads these one article at a time.
  'articles.import',
  'redirects.update',
  // Private preview links (issue #16): made or revoked from the editor; pages do not change.
  'preview_links.create',
  'preview_links.revoke',
  // Newsroom comments on an article (issue #16): back office only, so no page, feed or webhook
  // follows them; `comments.create` carries the members it mentions (payload: mentions).
  'comments.create',
  'comments.update',
  'comments.delete',
  // Who has which article open in the editor, one process's share (live/editorPresence.ts):
  // how presence crosses processes, by NOTIFY or the table poll like every other event.
  'presence.update',
] as const;

export type ArticleEventName = (typeof CONTENT_EVENTS)[number] | VerbEventName;
export type EventName =
  | ArticleEventName
  | (typeof LIVE_BLOG_EVENTS)[number]
  | (typeof OTHER_EVENTS)[number];

/**
 * Every event that changes an article: its words, status, section or dates. The search and
 * editorial indexes follow all of them; a new verb joins this list by its entry in the verb table.
 */
export const ARTICLE_EVENT_NAMES: readonly ArticleEventName[] = [
  ...CONTENT_EVENTS,
  ...EDITORIAL_VERB_NAMES.map((verb) => EDITORIAL_VERBS[verb].event),
];

/**
 * Every change to content records one of these, in the same transaction as the change.
 * Processors (search index, live fil info, caches, duplicate checks) subscribe by name.
 */
export const EVENT_NAMES: readonly EventName[] = [
  ...ARTICLE_EVENT_NAMES,
  ...LIVE_BLOG_EVENTS,
  ...OTHER_EVENTS,
];

import type { InlineProcessor } from '../events/eventSink.ts';
import type { EventName } from '../events/names.ts';
import { indexArticle } from './indexer.ts';
import type { SearchProvider } from './provider.ts';

/**
 * Every event that changes an article's words, status, section or dates. The entry is rewritten
 * for each: it keeps the status and dates beside the terms (to pick recent matches fast), and on
 * SQLite its key is the publication time. One article costs a millisecond or two.
 */
const ARTICLE_EVENTS: readonly EventName[] = [
  'articles.create', 'articles.update', 'articles.correct',
  'articles.publish', 'articles.unpublish', 'articles.trash', 'articles.restore',
  'articles.schedule', 'articles.unschedule', 'articles.submit', 'articles.return',
];

/**
 * Keeps the search index in step with articles, inside the transaction that records the event:
 * an article is findable exactly when its change commits.
 */
export function searchIndexProcessor(search: SearchProvider): InlineProcessor {
  return {
    name: 'search-index',
    applicableEvents: ARTICLE_EVENTS,
    async handle(tx, event) {
      if (event.articleId !== null) await indexArticle(tx, search, event.articleId);
    },
  };
}

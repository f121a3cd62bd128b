import type { InlineProcessor } from '../events/eventSink.ts';
import { ARTICLE_EVENT_NAMES } from '../events/names.ts';
import { indexArticle } from './indexer.ts';
import type { SearchProvider } from './provider.ts';

/**
 * Keeps the search index in step with articles, inside the transaction that records the event:
 * an article is findable exactly when its change commits.
 */
export function searchIndexProcessor(search: SearchProvider): InlineProcessor {
  return {
    name: 'search-index',
    // The entry keeps the status and dates beside the terms (to pick recent matches fast), and on
    // SQLite its key is the publication time, so every article event rewrites it (a ms or two).
    applicableEvents: ARTICLE_EVENT_NAMES,
    async handle(tx, event) {
      if (event.articleId !== null)
        await indexArticle(tx, search, event.articleId);
    },
  };
}

import type { InlineProcessor } from '../events/eventSink.ts';
import type { EventName } from '../events/names.ts';
import { indexArticle } from './indexer.ts';
import type { SearchProvider } from './provider.ts';

/** Events that change an article's words: its entry is rewritten. */
const CONTENT_EVENTS: readonly EventName[] = ['articles.create', 'articles.update', 'articles.correct'];

/**
 * Events that change only an article's status or dates. Statuses and dates are read from
 * `articles` when searching, so the entry stays as it is; it is only written if missing (an
 * article from before the index existed).
 */
const STATUS_EVENTS: readonly EventName[] = [
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
    applicableEvents: [...CONTENT_EVENTS, ...STATUS_EVENTS],
    async handle(tx, event) {
      if (event.articleId === null) return;
      if (CONTENT_EVENTS.includes(event.name) || !(await search.has(tx, event.articleId))) {
        await indexArticle(tx, search, event.articleId);
      }
    },
  };
}

import type { InlineProcessor } from '../eventSink.ts';
import { reindexArticle } from '../../editorial/indexer.ts';
import { ARTICLE_EVENT_NAMES } from '../names.ts';

/**
 * Keeps the editorial index (signatures, inverted index, section model) in step with articles.
 * Every event that changes an article's text, status, section or time re-reads it.
 */
export const editorialIndexProcessor: InlineProcessor = {
  name: 'editorial-index',
  applicableEvents: ARTICLE_EVENT_NAMES,
  async handle(tx, event) {
    if (event.articleId !== null)
      await reindexArticle(tx, event.articleId, event.createdAt);
  },
};

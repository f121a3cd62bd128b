import type { InlineProcessor } from '../eventSink.ts';
import { reindexArticle } from '../../editorial/indexer.ts';

/**
 * Keeps the editorial index (signatures, inverted index, section model) in step with articles.
 * Every event that changes an article's text, status, section or time re-reads it.
 */
export const editorialIndexProcessor: InlineProcessor = {
  name: 'editorial-index',
  applicableEvents: [
    'articles.create', 'articles.update', 'articles.correct', 'articles.submit', 'articles.return', 'articles.publish',
    'articles.schedule', 'articles.unschedule', 'articles.unpublish', 'articles.trash', 'articles.restore',
  ],
  async handle(tx, event) {
    if (event.articleId !== null) await reindexArticle(tx, event.articleId, event.createdAt);
  },
};

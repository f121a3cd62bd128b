import type { MediaRecord } from '../domain/pictures.ts';
import { renderBodyWith } from '../media/bodyPictures.ts';
import { indexFields } from '../search/indexer.ts';
import type { IndexDocument } from '../search/provider.ts';
import type { Entity } from './entities.ts';
import { entitiesOf } from './indexer.ts';
import { termBag, type TermBag } from './signature.ts';

/** What the text analysis of one article reads: its text and what its body refers to. */
export interface AnalysisInput {
  title: string;
  lead: string;
  bodySource: string;
  /** The pictures and articles the body names (`media:12`, `article:34`), already looked up. */
  pictures: ReadonlyMap<number, MediaRecord>;
  links: ReadonlyMap<number, { slug: string; title: string }>;
}

/**
 * Everything the write path derives from an article's text, computed once: the rendered body,
 * the search index's terms and the editorial index's term bag and entities. Pure (no I/O, no
 * clock), so that it can run in a worker thread (see analysisPool.ts).
 */
export interface ArticleAnalysis {
  html: string;
  /** The library pictures the body uses. */
  mediaIds: number[];
  search: Pick<IndexDocument, 'title' | 'lead' | 'body'>;
  bag: TermBag;
  entities: Entity[];
}

export function analyseArticle(input: AnalysisInput): ArticleAnalysis {
  const { html, mediaIds } = renderBodyWith(
    input.bodySource,
    input.pictures,
    input.links,
  );
  const text = { title: input.title, lead: input.lead, body: input.bodySource };
  return {
    html,
    mediaIds,
    search: indexFields({
      title: input.title,
      lead: input.lead,
      bodyHtml: html,
    }),
    bag: termBag(text),
    entities: entitiesOf(text),
  };
}

import type {
  ImportWriter,
  ImportedArticle,
} from '../commands/importArticles.ts';
import { extractEntities, type EntityKind } from '../editorial/entities.ts';
import { entitiesOf } from '../editorial/indexer.ts';
import { slugFromTitle } from '../domain/slug.ts';

/** A tag's kind as the tags table stores it: an entity kind, or a plain topic. */
export interface TagKind {
  kind: EntityKind | 'topic';
  /** Other names of the entity met in the text (a spelled-out acronym…): the tag's aliases. */
  aliases: string[];
}

type Text = Pick<ImportedArticle, 'title' | 'lead' | 'bodySource'>;

/**
 * The kind an imported tag takes, read the way a tag added in the editor takes one
 * (commands/articleFields.ts): a tag named after an entity of the article's text takes that
 * entity's kind and aliases. The article is the first one of the import that carries the tag.
 * Two guards, because a tag's name is not a sentence: a name that does not read as a name on its
 * own (« Culture », « sport ») stays a topic even where the text capitalises it (« le ministère
 * de la Culture »); and without the text's word for it, only a place the gazetteer knows
 * (« Maroc ») keeps its kind: a pair of capitalised words (« Must Read ») is not a person.
 */
export function importedTagKind(name: string, article: Text | null): TagKind {
  const slug = slugFromTitle(name);
  const topic: TagKind = { kind: 'topic', aliases: [] };
  if (!slug) return topic;
  const alone = extractEntities(name.trim()).find(
    (e) => slugFromTitle(e.name) === slug,
  );
  if (!alone) return topic;
  const inText = article
    ? entitiesOf({
        title: article.title,
        lead: article.lead,
        body: article.bodySource,
      }).find((e) =>
        [e.name, ...e.aliases].some((n) => slugFromTitle(n) === slug),
      )
    : undefined;
  if (inText)
    return {
      kind: inText.kind,
      aliases: [inText.name, ...inText.aliases].filter(
        (n) => slugFromTitle(n) !== slug,
      ),
    };
  return alone.kind === 'place' ? { kind: 'place', aliases: [] } : topic;
}

export interface TagTerm {
  key: string;
  slug: string;
  name: string;
  description: string;
}

/**
 * The tags an import names, created when the first batch of articles that uses them is
 * written (so each is read against its first article's text, see `importedTagKind`), and the
 * ones no article uses at the end. The first article is the same whatever the batch size and
 * however often the import was interrupted, so a resumed import gives every tag the kind an
 * uninterrupted one would; a tag an earlier run created is left as it is.
 */
export class ImportTags {
  readonly #writer: ImportWriter;
  readonly #pending = new Map<string, TagTerm>();
  readonly #done: (created: boolean) => void;

  /** `done` is told of each tag brought in: created now, or found from an earlier run. */
  constructor(writer: ImportWriter, done: (created: boolean) => void) {
    this.#writer = writer;
    this.#done = done;
  }

  /** Whether the source already named this tag (in this run). */
  has(key: string): boolean {
    return (
      this.#pending.has(key) || this.#writer.termId('tag', key) !== undefined
    );
  }

  /** A tag the source names, brought in later. */
  declare(term: TagTerm): void {
    if (!this.has(term.key)) this.#pending.set(term.key, term);
  }

  /** Creates the batch's tags not created yet, in article order; MUST run before writing it. */
  async ensureFor(batch: readonly ImportedArticle[]): Promise<void> {
    for (const article of batch)
      for (const key of article.tagKeys) {
        const term = this.#pending.get(key);
        if (term) await this.#ensure(term, article);
      }
  }

  /** Creates the tags no article used. */
  async ensureRest(): Promise<void> {
    for (const term of [...this.#pending.values()])
      await this.#ensure(term, null);
  }

  async #ensure(term: TagTerm, article: Text | null): Promise<void> {
    this.#pending.delete(term.key);
    const { created } = await this.#writer.ensureTerm('tag', term.key, {
      slug: term.slug,
      name: term.name,
      description: term.description,
      // Read only for a tag the writer creates now; cheap when the name is not a name.
      classify: () => importedTagKind(term.name || term.slug, article),
    });
    this.#done(created);
  }
}

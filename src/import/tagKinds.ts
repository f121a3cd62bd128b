import type {
  ImportWriter,
  ImportedArticle,
} from '../commands/importArticles.ts';
import { extractEntities, type EntityKind } from '../editorial/entities.ts';
import { entitiesOf } from '../editorial/indexer.ts';
import { isValidSlug, slugFromTitle } from '../domain/slug.ts';

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

/** Tags created at once (PostgreSQL's pool holds 10 connections; the writer needs none meanwhile). */
const CONCURRENT = 8;

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

  /** Creates the batch's tags not created yet, each read against its first article; MUST run before writing it. */
  async ensureFor(batch: readonly ImportedArticle[]): Promise<void> {
    const due: { term: TagTerm; article: Text | null }[] = [];
    for (const article of batch)
      for (const key of article.tagKeys) {
        const term = this.#pending.get(key);
        if (!term) continue;
        this.#pending.delete(key);
        due.push({ term, article });
      }
    await this.#ensureAll(due);
  }

  /** Creates the tags no article used. */
  async ensureRest(): Promise<void> {
    const due = [...this.#pending.values()].map((term) => ({
      term,
      article: null,
    }));
    this.#pending.clear();
    await this.#ensureAll(due);
  }

  /**
   * Each tag is its own small transaction (the writer's ensureTerm): a batch brings hundreds of
   * new tags at the start of an archive, about ten round trips and a commit each. They run
   * CONCURRENT at a time, so PostgreSQL's pool works them in parallel instead of one waiting
   * on the other's round trips (SQLite's one connection takes them in turn). Tags whose names
   * give the same slug run one after the other, in the order met: the first one makes the tag,
   * the next finds it (as they would one by one), never two inserts of one slug at once.
   */
  async #ensureAll(
    due: readonly { term: TagTerm; article: Text | null }[],
  ): Promise<void> {
    const bySlug = new Map<string, typeof due>();
    for (const d of due) {
      // The slug the writer will give the tag (ensureTerm's rule).
      const slug = isValidSlug(d.term.slug)
        ? d.term.slug
        : slugFromTitle(d.term.slug || d.term.name) || d.term.key;
      bySlug.set(slug, [...(bySlug.get(slug) ?? []), d]);
    }
    const groups = [...bySlug.values()];
    const lane = async () => {
      for (let group = groups.shift(); group; group = groups.shift())
        for (const { term, article } of group)
          await this.#ensure(term, article);
    };
    // Every lane ends before a failure is thrown: no transaction is left running behind it.
    const ends = await Promise.allSettled(
      Array.from({ length: CONCURRENT }, lane),
    );
    const failure = ends.find((e) => e.status === 'rejected');
    if (failure) throw failure.reason;
  }

  async #ensure(term: TagTerm, article: Text | null): Promise<void> {
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

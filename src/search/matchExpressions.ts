import { MIN_PREFIX, type Clause, type ParsedQuery } from './query.ts';

/*
 * A parsed query written in each engine's match syntax. Terms come out of the normaliser as
 * letters and digits only, and are quoted all the same: no reader input can become an operator.
 * Both functions say the same thing: every clause must match; a prefix clause matches its stem
 * or its folded form as a prefix; a phrase matches its terms next to each other.
 */

/** The prefix forms worth trying for a word being typed: its stem and its folded spelling. */
function prefixForms(p: { term: string; folded: string }): { prefixes: string[]; exact: string | null } {
  const prefixes = [...new Set([p.term, p.folded].filter((s) => s.length >= MIN_PREFIX))];
  // A stem shorter than the minimum still counts as a whole word.
  return { prefixes, exact: p.term.length < MIN_PREFIX ? p.term : null };
}

const fq = (s: string) => `"${s.replace(/"/g, '""')}"`;

function fts5Clause(c: Clause): string {
  if (c.kind === 'term') return fq(c.term);
  if (c.kind === 'prefix') {
    const { prefixes, exact } = prefixForms(c);
    const options = [...prefixes.map((p) => `${fq(p)}*`), ...(exact ? [fq(exact)] : [])];
    return options.length === 1 ? options[0]! : `(${options.join(' OR ')})`;
  }
  if (!c.prefixLast) return fq(c.terms.join(' '));
  const { prefixes, exact } = prefixForms(c.prefixLast);
  const options = [...prefixes.map((p) => `${fq([...c.terms, p].join(' '))}*`), ...(exact ? [fq([...c.terms, exact].join(' '))] : [])];
  return options.length === 1 ? options[0]! : `(${options.join(' OR ')})`;
}

/** The FTS5 MATCH expression for `query` (which must have clauses). */
export function toFts5(query: ParsedQuery): string {
  return query.clauses.map(fts5Clause).join(' AND ');
}

const tq = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

function tsClause(c: Clause, adjacent = true): string {
  if (c.kind === 'term') return tq(c.term);
  if (c.kind === 'prefix') {
    const { prefixes, exact } = prefixForms(c);
    const options = [...prefixes.map((p) => `${tq(p)}:*`), ...(exact ? [tq(exact)] : [])];
    return `(${options.join(' | ')})`;
  }
  const head = c.terms.map(tq);
  const op = adjacent ? ' <-> ' : ' & ';
  if (!c.prefixLast) return `(${head.join(op)})`;
  const { prefixes, exact } = prefixForms(c.prefixLast);
  const options = [...prefixes.map((p) => `${tq(p)}:*`), ...(exact ? [tq(exact)] : [])]
    .map((last) => `(${[...head, last].join(op)})`);
  return `(${options.join(' | ')})`;
}

/** The PostgreSQL tsquery text for `query`, to be cast with `::tsquery` (no parser, no dictionary). */
export function toTsQuery(query: ParsedQuery): string {
  return query.clauses.map((c) => tsClause(c)).join(' & ');
}

/**
 * For a query with phrases: the same query with each phrase's words required anywhere (`&`
 * for `<->`), a superset of its matches that the GIN index answers alone, without reading
 * positions; null when the query has no phrase.
 */
export function toTsQueryWithoutPhrases(query: ParsedQuery): string | null {
  if (!query.clauses.some((c) => c.kind === 'phrase' && c.terms.length + (c.prefixLast ? 1 : 0) > 1)) return null;
  return query.clauses.map((c) => tsClause(c, false)).join(' & ');
}

import { MIN_PREFIX, type Clause, type ParsedQuery } from './query.ts';

/*
 * A parsed query written in each engine's match syntax. Terms come out of the normaliser as
 * letters and digits only, and are quoted all the same: no reader input can become an operator.
 * Both functions say the same thing: every clause must match; a prefix clause matches its stem
 * or its folded form as a prefix; a phrase matches its terms next to each other.
 */

/**
 * The prefix forms worth trying for a word being typed: its stem and its folded spelling, less
 * any form another one already covers (« franc » covers « france »): each form costs the engine
 * a merge of every term it starts, and a covered one would add cost and no match.
 */
function prefixForms(p: { term: string; folded: string }): {
  prefixes: string[];
  exact: string | null;
} {
  const forms = [
    ...new Set([p.term, p.folded].filter((s) => s.length >= MIN_PREFIX)),
  ];
  const prefixes = forms.filter(
    (f) => !forms.some((other) => other !== f && f.startsWith(other)),
  );
  // A stem shorter than the minimum still counts as a whole word.
  return { prefixes, exact: p.term.length < MIN_PREFIX ? p.term : null };
}

const fq = (s: string) => `"${s.replace(/"/g, '""')}"`;

function fts5Clause(c: Clause): string {
  if (c.kind === 'term') return fq(c.term);
  if (c.kind === 'prefix') {
    const { prefixes, exact } = prefixForms(c);
    const options = [
      ...prefixes.map((p) => `${fq(p)}*`),
      ...(exact ? [fq(exact)] : []),
    ];
    return options.length === 1 ? options[0]! : `(${options.join(' OR ')})`;
  }
  if (!c.prefixLast) return fq(c.terms.join(' '));
  const { prefixes, exact } = prefixForms(c.prefixLast);
  const options = [
    ...prefixes.map((p) => `${fq([...c.terms, p].join(' '))}*`),
    ...(exact ? [fq([...c.terms, exact].join(' '))] : []),
  ];
  return options.length === 1 ? options[0]! : `(${options.join(' OR ')})`;
}

/** The FTS5 MATCH expression for `query` (which must have clauses). */
export function toFts5(query: ParsedQuery): string {
  return query.clauses.map(fts5Clause).join(' AND ');
}

/** A lexeme quoted for tsquery and tsvector text (the same quoting for both). */
export const quoteLexeme = (s: string) =>
  `'${s.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
const tq = quoteLexeme;

function tsClause(c: Clause): string {
  if (c.kind === 'term') return tq(c.term);
  if (c.kind === 'prefix') {
    const { prefixes, exact } = prefixForms(c);
    const options = [
      ...prefixes.map((p) => `${tq(p)}:*`),
      ...(exact ? [tq(exact)] : []),
    ];
    return `(${options.join(' | ')})`;
  }
  const head = c.terms.map(tq);
  if (!c.prefixLast) return `(${head.join(' <-> ')})`;
  const { prefixes, exact } = prefixForms(c.prefixLast);
  const options = [
    ...prefixes.map((p) => `${tq(p)}:*`),
    ...(exact ? [tq(exact)] : []),
  ].map((last) => `(${[...head, last].join(' <-> ')})`);
  return `(${options.join(' | ')})`;
}

/** The PostgreSQL tsquery text for `query`, to be cast with `::tsquery` (no parser, no dictionary). */
export function toTsQuery(query: ParsedQuery): string {
  return query.clauses.map(tsClause).join(' & ');
}

/*
 * Lexemes of PostgreSQL's match list (`matchLexemes`, migration 20261129_0006) besides the
 * terms themselves, which are letters and digits only: « some term begins with `prefix` », and
 * « `first` is followed by `second` ».
 */
export const prefixLexeme = (prefix: string) => `${prefix}*`;
export const pairLexeme = (first: string, second: string) =>
  `${first}>${second}`;

/**
 * A query as PostgreSQL's GIN index answers it alone, without reading any article's vector:
 * plain lexemes of the match list (every term, every term's beginnings, every pair of
 * consecutive terms, the month and year). A `:*` prefix or a phrase in a GIN query makes the
 * index recheck each match against its stored vector, that is read and decompress thousands of
 * them; here only phrases of three words or more, or ending on the word being typed, are left to
 * check, on the newest candidates.
 */
export interface TsMatch {
  /** The query itself over the document (phrases adjacent, prefixes as `:*`): ranking and checks. */
  exact: string;
  /** Over the match list: whole words, each phrase's consecutive pairs, the typed word's beginnings. */
  match: string;
  /** Whether candidates of `match` must still pass `exact` (pairs do not make a longer phrase). */
  checkExact: boolean;
}

export function toTsMatch(query: ParsedQuery): TsMatch {
  const parts: string[] = [];
  let checkExact = false;
  const typed = (p: { term: string; folded: string }) => {
    const { prefixes, exact } = prefixForms(p);
    const options = [
      ...prefixes.map((f) => tq(prefixLexeme(f))),
      ...(exact ? [tq(exact)] : []),
    ];
    parts.push(options.length === 1 ? options[0]! : `(${options.join(' | ')})`);
  };
  for (const c of query.clauses) {
    if (c.kind === 'term') parts.push(tq(c.term));
    else if (c.kind === 'prefix') typed(c);
    else {
      // A pair says its two words are next to each other: a two-word phrase exactly.
      const pairs = c.terms
        .slice(1)
        .map((t, i) => tq(pairLexeme(c.terms[i]!, t)));
      parts.push(...(pairs.length ? pairs : c.terms.map(tq)));
      if (c.prefixLast) typed(c.prefixLast);
      if (c.terms.length > 2 || (c.prefixLast && c.terms.length > 0))
        checkExact = true;
    }
  }
  return { exact: toTsQuery(query), match: parts.join(' & '), checkExact };
}

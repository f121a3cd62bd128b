import { tokenize, type TextToken } from './normalize.ts';
import type { HighlightSet } from './query.ts';

/*
 * Highlighting for result pages: the text is escaped first, then the words that matched are
 * wrapped in <mark>. Matching uses the same normaliser as the index, so « stratégiques » is
 * marked for the query « strategique ». The output is safe HTML whatever the text holds.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

function matches(token: TextToken, set: HighlightSet): boolean {
  if (token.term === null) return false;
  if (set.terms.has(token.term)) return true;
  for (const p of set.prefixes) if (token.term.startsWith(p) || token.folded.startsWith(p)) return true;
  return false;
}

/** Escaped `text[from, to)` with the matching tokens inside it marked. */
function render(text: string, tokens: TextToken[], set: HighlightSet, from: number, to: number): string {
  let out = '';
  let cursor = from;
  for (const t of tokens) {
    if (t.start < from || t.end > to || !matches(t, set)) continue;
    out += `${escapeHtml(text.slice(cursor, t.start))}<mark>${escapeHtml(text.slice(t.start, t.end))}</mark>`;
    cursor = t.end;
  }
  return out + escapeHtml(text.slice(cursor, to));
}

/** The whole of `text`, escaped, with matches marked (titles, leads). */
export function highlightText(text: string, set: HighlightSet): string {
  return render(text, tokenize(text), set, 0, text.length);
}

/**
 * About `words` words of `text` around the densest group of matches, escaped and marked, with
 * « … » where it was cut; null when nothing in `text` matches.
 */
export function snippet(text: string, set: HighlightSet, words = 32): string | null {
  const tokens = tokenize(text);
  const hits = tokens.flatMap((t, i) => (matches(t, set) ? [i] : []));
  if (hits.length === 0) return null;
  let best = { start: 0, score: -1 };
  // A long article can match hundreds of times: the first matches are enough to pick a window.
  for (const h of hits.slice(0, 100)) {
    const start = Math.max(0, h - 4);
    const distinct = new Set(hits.filter((i) => i >= start && i < start + words).map((i) => tokens[i]!.term));
    if (distinct.size > best.score) best = { start, score: distinct.size };
  }
  const first = tokens[best.start]!;
  const last = tokens[Math.min(tokens.length, best.start + words) - 1]!;
  const from = best.start === 0 ? 0 : first.start;
  const to = best.start + words >= tokens.length ? text.length : last.end;
  return `${from > 0 ? '… ' : ''}${render(text, tokens, set, from, to)}${to < text.length ? ' …' : ''}`;
}

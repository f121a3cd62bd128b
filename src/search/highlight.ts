import { termKey, tokenize, tokens, type TextToken } from './normalize.ts';
import type { HighlightSet } from './query.ts';

/*
 * Highlighting for result pages: the text is escaped first, then the words that matched are
 * wrapped in <mark>. Matching uses the same normaliser as the index, so « stratégiques » is
 * marked for the query « strategique ». The output is safe HTML whatever the text holds.
 */

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

function matches(token: TextToken, set: HighlightSet): boolean {
  if (token.term === null) return false;
  if (set.terms.has(token.term)) return true;
  for (const p of set.prefixes)
    if (token.term.startsWith(p) || token.folded.startsWith(p)) return true;
  return false;
}

/** The keys of the words that can match `set` (see `wordKey`): other words are not stemmed. */
function keysOf(set: HighlightSet): Set<string> {
  return new Set([...set.terms, ...set.prefixes].map(termKey));
}

/** Escaped `text[from, to)` with the matching tokens inside it marked. */
function render(
  text: string,
  tokens: TextToken[],
  set: HighlightSet,
  from: number,
  to: number,
): string {
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
  return render(text, tokenize(text, keysOf(set)), set, 0, text.length);
}

/**
 * About `words` words of `text` around the densest group of matches, escaped and marked, with
 * « … » where it was cut; null when nothing in `text` matches. Reading stops as soon as a window
 * holds every term of the query, so a long article costs little when it matches early.
 */
export function snippet(
  text: string,
  set: HighlightSet,
  words = 32,
): string | null {
  const all = set.terms.size + (set.prefixes.length ? 1 : 0);
  const seen: TextToken[] = [];
  const hits: number[] = [];
  // Slide a window of `words` tokens over the matches, keeping the one with the most distinct terms.
  let best = { start: 0, score: 0 };
  const inWindow = new Map<string, number>();
  let tail = 0;
  for (const token of tokens(text, keysOf(set))) {
    seen.push(token);
    if (best.score >= all && seen.length >= best.start + words) break;
    if (!matches(token, set)) continue;
    const at = seen.length - 1;
    hits.push(at);
    inWindow.set(token.term!, (inWindow.get(token.term!) ?? 0) + 1);
    while (at - hits[tail]! >= words - 4) {
      const old = seen[hits[tail]!]!.term!;
      const n = inWindow.get(old)! - 1;
      if (n === 0) inWindow.delete(old);
      else inWindow.set(old, n);
      tail++;
    }
    if (inWindow.size > best.score)
      best = { start: Math.max(0, hits[tail]! - 4), score: inWindow.size };
  }
  if (hits.length === 0) return null;
  const end = Math.min(seen.length, best.start + words);
  const from = best.start === 0 ? 0 : seen[best.start]!.start;
  const last = seen[end - 1]!;
  const complete =
    end === seen.length && text.slice(last.end).search(WORD_CHAR) === -1;
  const to = complete ? text.length : last.end;
  return `${from > 0 ? '… ' : ''}${render(text, seen.slice(best.start, end), set, from, to)}${to < text.length ? ' …' : ''}`;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

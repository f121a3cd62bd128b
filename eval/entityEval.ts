/** Entity extraction on hand-labelled dev articles (eval/fixtures/entity-labels.json; guideline: eval/ENTITIES.md). */
import { existsSync, readFileSync } from 'node:fs';
import { FIXTURES, type CorpusArticle, CORPUS, entityScores } from './lib.ts';
import type { EntityKind } from '../src/editorial/entities.ts';

interface LabelledArticle { id: number; entities: { name: string; kind: EntityKind; aliases?: string[] }[] }

export function entityLabels(): LabelledArticle[] {
  const file = `${FIXTURES}entity-labels.json`;
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { articles: LabelledArticle[] }).articles : [];
}

/** What was labelled of an article: title, chapô, and the body up to its last sentence end within 600 characters. */
export function labelledSpan(a: Pick<CorpusArticle, 'title' | 'heading' | 'article'>): string {
  const head = a.article.slice(0, 600);
  const end = Math.max(head.lastIndexOf('.'), head.lastIndexOf('!'), head.lastIndexOf('?'));
  const body = end >= 200 ? head.slice(0, end + 1) : head.slice(0, head.lastIndexOf(' '));
  return `${a.title}\n${a.heading}\n${body}`;
}

export function entityReport(): { articles: number; total: { precision: number; recall: number; f1: number }; markdown: string } {
  const labels = entityLabels();
  const wanted = new Set(labels.map((l) => l.id));
  const texts = new Map<number, CorpusArticle>();
  for (const line of readFileSync(CORPUS, 'utf8').split('\n')) {
    if (!line) continue;
    const a = JSON.parse(line) as CorpusArticle;
    if (wanted.has(a.id)) texts.set(a.id, a);
  }
  let found = 0, expected = 0, right = 0;
  const lines: string[] = [];
  for (const l of labels) {
    const a = texts.get(l.id)!;
    const s = entityScores(labelledSpan(a), l.entities);
    found += s.found; expected += s.expected; right += Math.round(s.recall * s.expected);
    if (s.wrong.length || s.missed.length) lines.push(`- ${l.id}: wrong or extra ${s.wrong.join(', ') || 'none'}; missed ${s.missed.join(', ') || 'none'}`);
  }
  const precision = found ? right / found : 1, recall = expected ? right / expected : 1;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  const markdown = `${labels.length} dev articles labelled by hand (eval/fixtures/entity-labels.json, guideline eval/ENTITIES.md): ${expected} entities, ${found} found, ${right} right (kind included): precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, F1 ${f1.toFixed(3)}.

${lines.join('\n')}`;
  return { articles: labels.length, total: { precision, recall, f1 }, markdown };
}

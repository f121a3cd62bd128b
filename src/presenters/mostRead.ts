import type { MostReadRow } from '../db/repos/audience.ts';
import { paths } from './urls.ts';

export interface MostReadItem {
  rank: number;
  url: string;
  title: string;
}

/** The most read articles as a ranked list (views are the editors' business, not shown to readers). */
export function presentMostRead(rows: MostReadRow[]): MostReadItem[] {
  return rows.map((r, i) => ({
    rank: i + 1,
    url: paths.article(r.slug),
    title: r.title,
  }));
}

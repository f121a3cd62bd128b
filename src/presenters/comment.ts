import type { CommentRow } from '../db/repos/comments.ts';
import { formatFullDate } from '../domain/frenchDates.ts';
import { splitMentions } from '../domain/mentions.ts';

/** A comment as the thread beside the editor draws it: plain text, cut at its mentions. */
export interface CommentLine {
  id: number;
  author: string;
  when: string;
  parts: { text: string; mention: boolean }[];
  resolved: string | null;
  /** The viewer wrote it, so may delete it. */
  mine: boolean;
}

export function presentComment(
  row: CommentRow,
  viewerId: number,
  timeZone: string,
): CommentLine {
  return {
    id: row.id,
    author: row.authorName,
    when: formatFullDate(row.createdAt, timeZone),
    parts: splitMentions(row.body),
    resolved: row.resolvedAt
      ? `Résolu par ${row.resolvedByName ?? 'un ancien membre'} le ${formatFullDate(row.resolvedAt, timeZone)}`
      : null,
    mine: row.authorId === viewerId,
  };
}

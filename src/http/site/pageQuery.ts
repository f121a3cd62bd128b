import { z } from 'zod';
import { AppError } from '../../errors.ts';

export const PAGE_SIZE = 20;

const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

/** `?page=` as typed by anyone: a whole number from 1, or a French 400. */
export function parsePage(query: unknown): number {
  const parsed = pageQuery.safeParse(query ?? {});
  if (!parsed.success) throw new AppError('invalid_page');
  return parsed.data.page;
}

/** Page count for `total` items; a page past the end is a 404, not an empty page. */
export function pageCountOrThrow(total: number, page: number): number {
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (page > pageCount) throw new AppError('not_found');
  return pageCount;
}

/**
 * Numbered pages a listing offers: their offset stays under this many pages' worth of rows, so
 * a count capped there is all a listing needs. Past them, pages follow by keyset (`?avant=`).
 */
export const NUMBERED_PAGES = 10;

const afterQuery = z.object({
  avant: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
});

/**
 * Where a listing page starts: `?page=N` (any N still answers, at an offset), or `?avant=ID`,
 * the articles older than article ID, which costs the same wherever it is in the archive.
 */
export function parseListingPosition(
  query: unknown,
): { page: number } | { before: number } {
  const q = (query ?? {}) as Record<string, unknown>;
  if (q['avant'] === undefined) return { page: parsePage(query) };
  if (q['page'] !== undefined) throw new AppError('invalid_page');
  const parsed = afterQuery.safeParse(q);
  if (!parsed.success) throw new AppError('invalid_page');
  return { before: parsed.data.avant };
}

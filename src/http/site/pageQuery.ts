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

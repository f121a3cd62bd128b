import { z } from 'zod';
import { AppError } from '../errors.ts';

/** The largest id both databases store in an `integer` column. */
const MAX_ID = 2_147_483_647;

/**
 * A row id as it arrives in a path, a query or a form: decimal digits naming a positive 32-bit
 * integer. The one schema every route uses, so "99999999999" is refused before any query
 * (PostgreSQL would fail on it) rather than by each route in its own way.
 */
export const recordId = z
  .string()
  .regex(/^[1-9]\d{0,9}$/)
  .transform(Number)
  .refine((n) => n <= MAX_ID);

/** The id in `params[name]`; anything else names nothing, so it is a 404. */
export function parseIdParam(params: unknown, name = 'id'): number {
  const parsed = recordId.safeParse(
    (params as Record<string, unknown> | null)?.[name],
  );
  if (!parsed.success) throw new AppError('not_found');
  return parsed.data;
}

/** Ids sent as one value or a repeated form field; null if any of them is not an id. */
export function parseIdList(value: unknown): number[] | null {
  if (value === undefined || value === '') return [];
  const parsed = z.array(recordId).safeParse([value].flat());
  return parsed.success ? [...new Set(parsed.data)] : null;
}

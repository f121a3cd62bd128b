import type { FastifyInstance } from 'fastify';
import { AppError } from '../../errors.ts';

/**
 * PostgreSQL text cannot hold U+0000, and no reader or journalist means to type it. Every request
 * value a route can read goes through here before any route sees it, so a NUL is never a 500:
 * - in a path parameter (`/articles/a%00b`) it names nothing we publish: 404, on both databases
 *   (stripping it would answer for another address);
 * - in the query string or a body value it is removed (SQLite would store it silently; both
 *   databases now see the same text).
 */
export function stripNulCharacters(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    if (
      request.params &&
      typeof request.params === 'object' &&
      hasNul(request.params as Record<string, unknown>)
    )
      throw new AppError('not_found');
    if (request.query && typeof request.query === 'object')
      clean(request.query as Record<string, unknown>);
    if (request.body && typeof request.body === 'object')
      clean(request.body as Record<string, unknown>);
  });
}

function hasNul(params: Record<string, unknown>): boolean {
  return Object.values(params).some(
    (v) => typeof v === 'string' && v.includes('\u0000'),
  );
}

function clean(value: Record<string, unknown> | unknown[]): void {
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') {
      if (v.includes('\u0000'))
        (value as Record<string, unknown>)[key] = v.replaceAll('\u0000', '');
    } else if (v && typeof v === 'object') {
      clean(v as Record<string, unknown>);
    }
  }
}

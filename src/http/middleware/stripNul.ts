import type { FastifyInstance } from 'fastify';

/**
 * PostgreSQL text cannot hold U+0000, and no reader or journalist means to type it: it is removed
 * from every query string and body value before any route sees them, so a pasted NUL is never a
 * 500 (SQLite would store it silently; both databases now see the same text).
 */
export function stripNulCharacters(app: FastifyInstance): void {
  app.addHook('preHandler', async (request) => {
    if (request.query && typeof request.query === 'object') clean(request.query as Record<string, unknown>);
    if (request.body && typeof request.body === 'object') clean(request.body as Record<string, unknown>);
  });
}

function clean(value: Record<string, unknown> | unknown[]): void {
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string') {
      if (v.includes('\u0000')) (value as Record<string, unknown>)[key] = v.replaceAll('\u0000', '');
    } else if (v && typeof v === 'object') {
      clean(v as Record<string, unknown>);
    }
  }
}

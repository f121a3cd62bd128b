import type { FastifyInstance } from 'fastify';
import { SESSION_COOKIE } from '../admin/session.ts';
import { PRIVATE_NO_STORE } from '../cacheControl.ts';

/**
 * No shared cache (CDN, proxy) and no browser history may keep a back-office response, or any
 * response to a signed-in member: it can carry their name, their drafts, a CSRF token. A session
 * cookie is enough to count as signed in (no database read per public page). Versioned static
 * assets are the same for everyone and keep their long public cache.
 */
export function keepPrivateResponsesPrivate(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    const url = request.url;
    if (url.startsWith('/assets/')) return;
    const backOffice =
      url === '/admin' ||
      url.startsWith('/admin/') ||
      url.startsWith('/admin?');
    if (backOffice || request.cookies[SESSION_COOKIE]) {
      // A live stream keeps `no-transform`, so proxies do not buffer or compress it.
      const transformable = !String(
        reply.getHeader('Cache-Control') ?? '',
      ).includes('no-transform');
      reply.header(
        'Cache-Control',
        transformable ? PRIVATE_NO_STORE : `${PRIVATE_NO_STORE}, no-transform`,
      );
      reply.removeHeader('Surrogate-Key');
    }
  });
}

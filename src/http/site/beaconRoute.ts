import type { FastifyInstance } from 'fastify';
import { AppError, ERRORS } from '../../errors.ts';
import { BEACON_BODY_LIMIT, type BeaconIntake } from './beaconIntake.ts';

/**
 * `POST /beacon`: one page view, sent by the page itself (navigator.sendBeacon) so pages served
 * from any cache still count. No cookie is read or set. Bots (isbot), Do Not Track and Global
 * Privacy Control, and beacons from other sites are answered 204 like the rest but not counted.
 * Errors are small JSON answers, never a page. The rules live in beaconIntake.ts, which also
 * answers the plain case before Fastify's routing; this route takes every other beacon.
 */
export async function beaconRoute(
  app: FastifyInstance,
  intake: BeaconIntake,
): Promise<void> {
  await app.register(async (scope) => {
    // sendBeacon with a string sends text/plain: a simple request, no CORS preflight.
    scope.addContentTypeParser(
      'text/plain',
      { parseAs: 'string', bodyLimit: BEACON_BODY_LIMIT },
      (_request, body, done) => {
        try {
          done(null, JSON.parse(String(body)));
        } catch {
          done(new AppError('invalid_input'), undefined);
        }
      },
    );
    scope.setErrorHandler(
      async (error: Error & { statusCode?: number }, request, reply) => {
        const appError =
          error instanceof AppError
            ? error
            : error.statusCode === 429
              ? new AppError('rate_limited')
              : error.statusCode && error.statusCode < 500
                ? new AppError('invalid_input')
                : new AppError('internal', { cause: error });
        if (appError.isReportable)
          request.log.error({ err: error }, 'beacon failed');
        return reply
          .code(appError.status)
          .header('Cache-Control', 'no-store')
          .send({
            error: {
              code: appError.code,
              message:
                appError.status >= 500
                  ? ERRORS.internal.message
                  : appError.message,
            },
          });
      },
    );
    scope.post(
      '/beacon',
      {
        bodyLimit: BEACON_BODY_LIMIT,
        // A 204 without a body has nothing to render, frame or sniff: the page headers (CSP…)
        // are some 700 bytes a beacon would carry for nothing, thousands of times a second.
        helmet: false,
        // Before the body is read, as the fast path does: one window per address and browser.
        onRequest: async (request, reply) => {
          const verdict = intake.limit(
            request.ip,
            request.headers['user-agent'] ?? '',
          );
          reply.headers(verdict.headers);
          if (!verdict.allowed) throw new AppError('rate_limited');
        },
      },
      async (request, reply) => {
        await intake.accept({
          ip: request.ip,
          host: request.host,
          hostname: request.hostname,
          headers: request.headers,
          body: request.body,
        });
        return reply.code(204).header('Cache-Control', 'no-store').send();
      },
    );
  });
}

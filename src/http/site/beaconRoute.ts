import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { isbot } from 'isbot';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { AppError, ERRORS } from '../../errors.ts';
import {
  referrerKind,
  type ReferrerKind,
} from '../../audience/referrerKind.ts';

/** What the page's beacon sends (assets/beacon.ts): the article read, its referrer, its utm_medium. */
const beaconBody = z
  .object({
    a: z
      .number()
      .int()
      .positive()
      .max(2 ** 31 - 1)
      .nullable()
      .optional(),
    r: z.string().max(2000).optional(),
    m: z.string().max(100).optional(),
  })
  .strict();

/** Small enough for any beacon, too small for anything else. */
const BODY_LIMIT = 4096;

/**
 * `POST /beacon`: one page view, sent by the page itself (navigator.sendBeacon) so pages served
 * from any cache still count. No cookie is read or set. Bots (isbot), Do Not Track and Global
 * Privacy Control, and beacons from other sites are answered 204 like the rest but not counted.
 * Errors are small JSON answers, never a page.
 */
export async function beaconRoute(
  app: FastifyInstance,
  services: Services,
): Promise<void> {
  const siteUrl = new URL(services.config.site.url);
  const siteHost = siteUrl.host;
  const siteHostname = siteUrl.hostname;
  await app.register(async (scope) => {
    await scope.register(rateLimit, { global: false });
    // sendBeacon with a string sends text/plain: a simple request, no CORS preflight.
    scope.addContentTypeParser(
      'text/plain',
      { parseAs: 'string', bodyLimit: BODY_LIMIT },
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
        bodyLimit: BODY_LIMIT,
        // A 204 without a body has nothing to render, frame or sniff: the page headers (CSP…)
        // are some 700 bytes a beacon would carry for nothing, thousands of times a second.
        helmet: false,
        config: {
          rateLimit: {
            max: services.config.audience.beaconsPerMinute,
            timeWindow: 60_000,
            // One address is often many readers (mobile carriers share addresses): key on the browser too.
            keyGenerator: (request: FastifyRequest) =>
              `${request.ip}|${request.headers['user-agent'] ?? ''}`,
          },
        },
      },
      async (request, reply) => {
        const parsed = beaconBody.safeParse(request.body);
        if (!parsed.success) throw new AppError('invalid_input');
        reply.code(204).header('Cache-Control', 'no-store');
        const userAgent = request.headers['user-agent'] ?? '';
        if (
          !userAgent ||
          isRobot(userAgent) ||
          optedOut(request) ||
          !fromThisSite(request, siteHost)
        )
          return reply.send();
        await services.audience.count({
          address: request.ip,
          userAgent,
          articleId: parsed.data.a ?? null,
          referrer: kindOf(
            parsed.data.r,
            request.hostname,
            siteHostname,
            parsed.data.m,
          ),
        });
        return reply.send();
      },
    );
  });
}

/** Readers come from a few referrers (a search engine, the home page): each is parsed once. */
const referrerKinds = new Map<string, ReferrerKind>();
function kindOf(
  referrer: string | undefined,
  hostname: string,
  siteHostname: string,
  utmMedium: string | undefined,
): ReferrerKind {
  const key = `${hostname}\0${utmMedium ?? ''}\0${referrer ?? ''}`;
  let kind = referrerKinds.get(key);
  if (kind === undefined) {
    if (referrerKinds.size >= 10_000) referrerKinds.clear();
    kind = referrerKind(referrer, [hostname, siteHostname], utmMedium);
    referrerKinds.set(key, kind);
  }
  return kind;
}

/** isbot runs a large regular expression; browsers' names repeat, so each is tested once. */
const botVerdicts = new Map<string, boolean>();
function isRobot(userAgent: string): boolean {
  let verdict = botVerdicts.get(userAgent);
  if (verdict === undefined) {
    if (botVerdicts.size >= 10_000) botVerdicts.clear();
    botVerdicts.set(userAgent, (verdict = isbot(userAgent)));
  }
  return verdict;
}

/** Do Not Track and Global Privacy Control: a reader who asks not to be counted is not. */
function optedOut(request: FastifyRequest): boolean {
  return request.headers['dnt'] === '1' || request.headers['sec-gpc'] === '1';
}

/** Browsers send Origin with a beacon; one from another site is not a view of ours. */
function fromThisSite(request: FastifyRequest, siteHost: string): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  try {
    const host = new URL(origin).host;
    return host === siteHost || host === request.host;
  } catch {
    return false;
  }
}

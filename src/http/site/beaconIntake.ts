import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import { isbot } from 'isbot';
import { z } from 'zod';
import type { Services } from '../../services.ts';
import { AppError, ERRORS } from '../../errors.ts';
import { PERMISSIONS_POLICY } from '../middleware/securityHeaders.ts';
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
export const BEACON_BODY_LIMIT = 4096;

/** What a beacon's rules read of its request, whichever path received it. */
export interface BeaconRequest {
  ip: string;
  /** Host as Fastify's `request.host` gives it (with its port), and without the port. */
  host: string;
  hostname: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

/** The headers @fastify/rate-limit sent, so both paths answer alike. */
export interface RateVerdict {
  allowed: boolean;
  headers: Record<string, string>;
}

interface Window {
  count: number;
  startMs: number;
}
/** As @fastify/rate-limit's local store: the most recent keys are remembered. */
const WINDOWS_MAX = 5000;
const WINDOW_MS = 60_000;

/**
 * The one place a beacon is judged and counted (POST /beacon), for both paths that receive it:
 * the Fastify route (beaconRoute.ts) and the fast path ahead of Fastify's routing (`serve`, wired
 * in app.ts's serverFactory). A beacon is thousands of requests a second of a few bytes each;
 * Fastify's hooks, routing, content-type parsing and reply cost most of its time, so the plain
 * case is answered here on the raw request with the same rules, the same rate limit (one
 * window per address and browser, shared by both paths) and the same answers; anything unusual
 * (a query string, another content type, a cookie, a chunked or large body, a forwarded host)
 * steps aside to the route before a byte of the body is read.
 */
export class BeaconIntake {
  readonly #services: Services;
  readonly #max: number;
  readonly #siteHost: string;
  readonly #siteHostname: string;
  readonly #trust: ((address: string, hop: number) => boolean) | null;
  readonly #onError: (error: unknown) => void;
  readonly #windows = new Map<string, Window>();
  readonly #referrerKinds = new Map<string, ReferrerKind>();
  readonly #botVerdicts = new Map<string, boolean>();

  constructor(
    services: Services,
    options: {
      trustProxy: boolean | string[];
      onError: (error: unknown) => void;
    },
  ) {
    this.#services = services;
    this.#max = services.config.audience.beaconsPerMinute;
    const siteUrl = new URL(services.config.site.url);
    this.#siteHost = siteUrl.host;
    this.#siteHostname = siteUrl.hostname;
    // The same trust function Fastify builds from `trustProxy` (fastify/lib/request.js).
    const { trustProxy } = options;
    this.#trust =
      trustProxy === false
        ? null
        : trustProxy === true
          ? () => true
          : proxyAddr.compile(trustProxy);
    this.#onError = options.onError;
  }

  /** One more beacon from `ip` and this browser: allowed or not, and the headers to send. */
  limit(ip: string, userAgent: string): RateVerdict {
    // One address is often many readers (mobile carriers share addresses): key on the browser too.
    const key = `${ip}|${userAgent}`;
    const now = Date.now();
    let window = this.#windows.get(key);
    if (!window || window.startMs + WINDOW_MS <= now) {
      window = { count: 0, startMs: now };
    }
    window.count += 1;
    // Most recent last, as an LRU: a key seen again moves to the end.
    this.#windows.delete(key);
    this.#windows.set(key, window);
    if (this.#windows.size > WINDOWS_MAX) {
      const oldest = this.#windows.keys().next().value;
      if (oldest !== undefined) this.#windows.delete(oldest);
    }
    const reset = String(
      Math.ceil((WINDOW_MS - (now - window.startMs)) / 1000),
    );
    const allowed = window.count <= this.#max;
    const headers: Record<string, string> = {
      'x-ratelimit-limit': String(this.#max),
      'x-ratelimit-remaining': String(Math.max(0, this.#max - window.count)),
      'x-ratelimit-reset': reset,
    };
    if (!allowed) headers['retry-after'] = reset;
    return { allowed, headers };
  }

  /** Judges one beacon and counts it if it is a view; throws invalid_input for a bad body. */
  async accept(request: BeaconRequest): Promise<void> {
    const parsed = beaconBody.safeParse(request.body);
    if (!parsed.success) throw new AppError('invalid_input');
    const userAgent = request.headers['user-agent'] ?? '';
    if (
      !userAgent ||
      this.#isRobot(userAgent) ||
      optedOut(request.headers) ||
      !this.#fromThisSite(request)
    )
      return;
    await this.#services.audience.count({
      address: request.ip,
      userAgent,
      articleId: parsed.data.a ?? null,
      referrer: this.#kindOf(parsed.data.r, request.hostname, parsed.data.m),
    });
  }

  /** The fast path: answers `req` and returns true, or returns false without reading or answering. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'POST' || req.url !== '/beacon') return false;
    const h = req.headers;
    const length = Number(h['content-length']);
    if (
      !plainText(h['content-type']) ||
      !(length >= 0 && length <= BEACON_BODY_LIMIT) ||
      h['transfer-encoding'] !== undefined ||
      h.cookie !== undefined ||
      h.authorization !== undefined ||
      // The etag plugin answers a matching If-None-Match 304, even to an error: left to it.
      h['if-none-match'] !== undefined ||
      h['x-forwarded-host'] !== undefined ||
      h.host === undefined
    )
      return false;
    const ip = this.#ip(req);
    const verdict = this.limit(ip, h['user-agent'] ?? '');
    if (!verdict.allowed) {
      sendError(res, new AppError('rate_limited'), verdict.headers);
      return true;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        sendError(res, new AppError('invalid_input'), verdict.headers);
        return;
      }
      const host = h.host!;
      this.accept({
        ip,
        host,
        hostname: hostnameOf(host),
        headers: h,
        body: withoutNul(body),
      }).then(
        () => {
          res.writeHead(204, {
            ...verdict.headers,
            'cache-control': 'no-store',
            'permissions-policy': PERMISSIONS_POLICY,
          });
          res.end();
        },
        (error: unknown) => {
          const appError =
            error instanceof AppError
              ? error
              : new AppError('internal', { cause: error });
          if (appError.isReportable) this.#onError(error);
          sendError(res, appError, verdict.headers);
        },
      );
    });
    return true;
  }

  /** Fastify's `request.ip`: the socket's address, or the client a trusted proxy names. */
  #ip(req: IncomingMessage): string {
    if (!this.#trust) return req.socket.remoteAddress ?? '';
    const addresses = proxyAddr.all(req, this.#trust);
    return addresses[addresses.length - 1] ?? '';
  }

  /** Readers come from a few referrers (a search engine, the home page): each is parsed once. */
  #kindOf(
    referrer: string | undefined,
    hostname: string,
    utmMedium: string | undefined,
  ): ReferrerKind {
    const key = `${hostname}\0${utmMedium ?? ''}\0${referrer ?? ''}`;
    let kind = this.#referrerKinds.get(key);
    if (kind === undefined) {
      if (this.#referrerKinds.size >= 10_000) this.#referrerKinds.clear();
      kind = referrerKind(referrer, [hostname, this.#siteHostname], utmMedium);
      this.#referrerKinds.set(key, kind);
    }
    return kind;
  }

  /** isbot runs a large regular expression; browsers' names repeat, so each is tested once. */
  #isRobot(userAgent: string): boolean {
    let verdict = this.#botVerdicts.get(userAgent);
    if (verdict === undefined) {
      if (this.#botVerdicts.size >= 10_000) this.#botVerdicts.clear();
      this.#botVerdicts.set(userAgent, (verdict = isbot(userAgent)));
    }
    return verdict;
  }

  /** Browsers send Origin with a beacon; one from another site is not a view of ours. */
  #fromThisSite(request: BeaconRequest): boolean {
    const origin = request.headers.origin;
    if (!origin) return true;
    try {
      const host = new URL(origin).host;
      return host === this.#siteHost || host === request.host;
    } catch {
      return false;
    }
  }
}

/** Do Not Track and Global Privacy Control: a reader who asks not to be counted is not. */
function optedOut(headers: IncomingMessage['headers']): boolean {
  return headers['dnt'] === '1' || headers['sec-gpc'] === '1';
}

/** sendBeacon with a string sends text/plain (a simple request, no CORS preflight). */
function plainText(type: string | undefined): boolean {
  if (type === undefined) return false;
  const media = type.split(';', 1)[0]!.trim().toLowerCase();
  return media === 'text/plain';
}

/** Fastify's `request.hostname`: the host without its port (an IPv6 host keeps its brackets). */
function hostnameOf(host: string): string {
  if (host[0] === '[') return host.slice(0, host.indexOf(']') + 1);
  return host.split(':', 1)[0]!;
}

/** What stripNul.ts does to every body on the Fastify path, for the beacon's top-level strings. */
function withoutNul(body: unknown): unknown {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const record = body as Record<string, unknown>;
  for (const [key, value] of Object.entries(record))
    if (typeof value === 'string' && value.includes('\u0000'))
      record[key] = value.replaceAll('\u0000', '');
  return record;
}

/** The beacon's JSON error, as beaconRoute's error handler and the global hooks send it (@fastify/etag's tag). */
function sendError(
  res: ServerResponse,
  error: AppError,
  headers: Record<string, string>,
): void {
  const body = JSON.stringify({
    error: {
      code: error.code,
      message: error.status >= 500 ? ERRORS.internal.message : error.message,
    },
  });
  res.writeHead(error.status, {
    ...headers,
    'cache-control': 'no-store',
    'content-type': 'application/json; charset=utf-8',
    etag: `"${createHash('sha1').update(body).digest('base64')}"`,
    'permissions-policy': PERMISSIONS_POLICY,
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

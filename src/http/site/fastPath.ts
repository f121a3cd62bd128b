import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DerivedCache } from './derivedCache.ts';
import { pageKey } from './context.ts';
import {
  negotiateAcceptEncoding,
  type ContentEncoding,
} from './documentResponse.ts';

/** One response as the normal path sent it: status, every header, the bytes. */
interface Prebuilt {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
  etag: string | undefined;
}

/** Distinct Accept-Encoding values remembered with their choice (browsers send a handful). */
const NEGOTIATED_MAX = 64;

/**
 * Kept public pages answered ahead of Fastify's routing. The normal path (pageRoute) renders a
 * page, keeps it in the page cache and sends it through every hook (security headers, cache
 * headers, ETag); when that response went to an anonymous GET, its status, final headers and
 * bytes are remembered here, per kept page and per encoding. The next anonymous GET of the same
 * URL whose kept page is still fresh (DerivedCache.peek: no I/O, no await) is answered from
 * them: the same headers and bytes, or the same 304 for a matching If-None-Match, without the
 * hooks and routing that cost most of a cached page's time. Anything else steps aside to
 * Fastify: another method, a cookie (a session changes the headers), a conditional request
 * other than If-None-Match, a page not kept or not fresh (an event changed it), an own write
 * still on its way through the bus, an encoding not yet sent once. Memory follows the page
 * cache: responses hang off the kept page object (a WeakMap), so an evicted or rebuilt page
 * takes its responses with it. These answers are not in the request log.
 */
export class FastPages {
  readonly #pages: DerivedCache;
  readonly #responses = new WeakMap<object, Map<string, Prebuilt>>();
  readonly #pending = new WeakMap<
    FastifyRequest,
    { page: object; body: Buffer }
  >();
  readonly #negotiated = new Map<string, ContentEncoding | null>();
  readonly #editionHosts: ReadonlySet<string> | undefined;

  /** `editionHosts`: the hosts editions are served on, which the page cache's key includes (context.ts pageKey). */
  constructor(pages: DerivedCache, editionHosts?: ReadonlySet<string>) {
    this.#pages = pages;
    this.#editionHosts = editionHosts;
  }

  /** pageRoute calls this as it sends a kept page; the response is recorded once it is sent. */
  sending(request: FastifyRequest, page: object, body: Buffer): void {
    this.#pending.set(request, { page, body });
  }

  /** Records what the normal path sent (an onResponse hook: the headers are final). */
  install(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      const sent = this.#pending.get(request);
      if (!sent) return;
      this.#pending.delete(request);
      this.#record(request, reply, sent.page, sent.body);
    });
  }

  #record(
    request: FastifyRequest,
    reply: FastifyReply,
    page: object,
    body: Buffer,
  ): void {
    const { headers } = request;
    if (request.method !== 'GET' || !anonymous(request.raw)) return;
    const status = reply.statusCode;
    // A 304 is recorded only as the answer to If-None-Match (the fast path's one condition).
    if (status !== 200 && !(status === 304 && headers['if-none-match'])) return;
    const sentHeaders: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value === undefined) continue;
      sentHeaders[name] = Array.isArray(value) ? value : String(value);
    }
    if (sentHeaders['set-cookie']) return;
    const encoding = this.#encoding(headers['accept-encoding']);
    let variants = this.#responses.get(page);
    if (!variants) {
      variants = new Map();
      this.#responses.set(page, variants);
    }
    variants.set(`${status}:${encoding ?? ''}`, {
      status,
      headers: sentHeaders,
      body: status === 200 ? body : Buffer.alloc(0),
      etag: typeof sentHeaders.etag === 'string' ? sentHeaders.etag : undefined,
    });
  }

  /** Answers `req` and returns true, or returns false without touching `res`. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    if (req.method !== 'GET' || !anonymous(req) || req.url === undefined)
      return false;
    const page = this.#pages.peek(
      pageKey(this.#editionHosts, req.headers.host, req.url),
    );
    if (page === undefined || page === null || typeof page !== 'object')
      return false;
    const variants = this.#responses.get(page);
    if (!variants) return false;
    const encoding = this.#encoding(req.headers['accept-encoding']);
    const full = variants.get(`200:${encoding ?? ''}`);
    if (!full) return false;
    const condition = req.headers['if-none-match'];
    if (condition !== undefined && matches(condition, full.etag)) {
      const notModified = variants.get(`304:${encoding ?? ''}`);
      return notModified ? this.#send(res, notModified) : false;
    }
    return this.#send(res, full);
  }

  #send(res: ServerResponse, response: Prebuilt): true {
    res.writeHead(response.status, response.headers);
    res.end(response.status === 304 ? undefined : response.body);
    return true;
  }

  #encoding(header: string | undefined): ContentEncoding | null {
    const key = header ?? '';
    const known = this.#negotiated.get(key);
    if (known !== undefined) return known;
    const chosen = negotiateAcceptEncoding(header);
    if (this.#negotiated.size >= NEGOTIATED_MAX) this.#negotiated.clear();
    this.#negotiated.set(key, chosen);
    return chosen;
  }
}

/** The same test as @fastify/etag's, so both paths agree on what matches. */
function matches(condition: string, etag: string | undefined): boolean {
  return (
    etag !== undefined &&
    (condition === etag ||
      condition === `W/${etag}` ||
      `W/${condition}` === etag)
  );
}

/** No cookie (a session or any other: the normal path decides what they change), no credentials, no other condition. */
function anonymous(req: IncomingMessage): boolean {
  const h = req.headers;
  return (
    h.cookie === undefined &&
    h.authorization === undefined &&
    h['if-modified-since'] === undefined &&
    h['if-match'] === undefined &&
    h['if-unmodified-since'] === undefined &&
    h.range === undefined
  );
}

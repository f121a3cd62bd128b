import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DerivedCache } from './derivedCache.ts';
import { pageKey } from './context.ts';
import {
  chosenEncoding,
  negotiateAcceptEncoding,
  type ContentEncoding,
  type RenderedDocument,
} from './documentResponse.ts';

/**
 * One response as the normal path sent it: status, every header (a flat [name, value, …] array,
 * which `writeHead` takes as is), the bytes.
 */
interface Prebuilt {
  status: number;
  headers: string[];
  body: Buffer | undefined;
  etag: string | undefined;
}

/** A URL's answers by encoding (`''`: none), the full one and the 304. */
type Variants = Map<string, { full?: Prebuilt; notModified?: Prebuilt }>;

/** Distinct Accept-Encoding values remembered with their choice (browsers send a handful). */
const NEGOTIATED_MAX = 64;
/** URLs of documents kept outside the page cache (feeds, sitemaps) whose entry is remembered. */
const SOURCES_MAX = 10_000;

/**
 * Kept public documents answered ahead of Fastify's routing. The normal path (pageRoute for
 * pages; feedRoutes, sitemapRoutes for feeds, sitemaps and robots.txt) renders a document, keeps
 * it in a DerivedCache and sends it through every hook (security headers, cache headers, ETag);
 * when that response went to an anonymous GET, its status, final headers and bytes are
 * remembered here, per kept document and per encoding. The next anonymous GET of the same URL
 * whose kept document is still fresh (DerivedCache.peek: no I/O, no await) is answered from
 * them: the same headers and bytes, or the same 304 for a matching If-None-Match, without the
 * hooks and routing that cost most of a cached page's time. Anything else steps aside to
 * Fastify: another method, a cookie (a session changes the headers), a conditional request
 * other than If-None-Match, a document not kept or not fresh (an event changed it), an own
 * write still on its way through the bus, an encoding not yet sent once. Memory follows the
 * caches: responses hang off the kept object (a WeakMap), so an evicted or rebuilt document
 * takes its responses with it. These answers are not in the request log.
 */
export class FastPages {
  readonly #pages: DerivedCache;
  readonly #responses = new WeakMap<object, Variants>();
  readonly #pending = new WeakMap<
    FastifyRequest,
    { kept: object; body: Buffer; cache: DerivedCache }
  >();
  readonly #negotiated = new Map<string, ContentEncoding | null>();
  /** URL → where its kept document is, for caches other than the pages' (keyed `page:URL`). */
  readonly #sources = new Map<string, { cache: DerivedCache; key: string }>();
  readonly #editionHosts: ReadonlySet<string> | undefined;

  /** `editionHosts`: the hosts editions are served on, which the page cache's key includes (context.ts pageKey). */
  constructor(pages: DerivedCache, editionHosts?: ReadonlySet<string>) {
    this.#pages = pages;
    this.#editionHosts = editionHosts;
  }

  /**
   * A route calls this as it sends `kept` (the object `cache` holds; the page cache unless
   * told) as `doc`; the response is recorded once it is sent.
   */
  sending(
    request: FastifyRequest,
    kept: object,
    doc: RenderedDocument,
    cache: DerivedCache = this.#pages,
  ): void {
    const encoding = chosenEncoding(request, doc);
    this.#pending.set(request, {
      kept,
      body: encoding ? doc.encoded[encoding]! : doc.body,
      cache,
    });
  }

  /** Records what the normal path sent (an onResponse hook: the headers are final). */
  install(app: FastifyInstance): void {
    app.addHook('onResponse', async (request, reply) => {
      const sent = this.#pending.get(request);
      if (!sent) return;
      this.#pending.delete(request);
      this.#record(request, reply, sent.kept, sent.body, sent.cache);
    });
  }

  #record(
    request: FastifyRequest,
    reply: FastifyReply,
    kept: object,
    body: Buffer,
    cache: DerivedCache,
  ): void {
    const { headers } = request;
    if (request.method !== 'GET' || !anonymous(request.raw)) return;
    const status = reply.statusCode;
    // A 304 is recorded only as the answer to If-None-Match (the fast path's one condition).
    if (status !== 200 && !(status === 304 && headers['if-none-match'])) return;
    const sentHeaders: string[] = [];
    let etag: string | undefined;
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value === undefined) continue;
      if (name === 'set-cookie') return;
      if (name === 'etag') etag = String(value);
      for (const one of Array.isArray(value) ? value : [value])
        sentHeaders.push(name, String(one));
    }
    if (cache !== this.#pages) {
      const key = cache.keyOf(kept);
      if (key === undefined) return;
      if (this.#sources.size >= SOURCES_MAX) this.#sources.clear();
      this.#sources.set(
        pageKey(this.#editionHosts, request.headers.host, request.url),
        { cache, key },
      );
    }
    const encoding = this.#encoding(headers['accept-encoding']) ?? '';
    let variants = this.#responses.get(kept);
    if (!variants) {
      variants = new Map();
      this.#responses.set(kept, variants);
    }
    const forEncoding = variants.get(encoding) ?? {};
    const prebuilt: Prebuilt = {
      status,
      headers: sentHeaders,
      body: status === 200 ? body : undefined,
      etag,
    };
    if (status === 200) forEncoding.full = prebuilt;
    else forEncoding.notModified = prebuilt;
    variants.set(encoding, forEncoding);
  }

  /** Answers `req` and returns true, or returns false without touching `res`. */
  serve(req: IncomingMessage, res: ServerResponse): boolean {
    const { url } = req;
    if (req.method !== 'GET' || url === undefined || !anonymous(req))
      return false;
    const key = pageKey(this.#editionHosts, req.headers.host, url);
    const source = this.#sources.size > 0 ? this.#sources.get(key) : undefined;
    const kept = source ? source.cache.peek(source.key) : this.#pages.peek(key);
    if (kept === undefined || kept === null || typeof kept !== 'object')
      return false;
    const answers = this.#responses
      .get(kept)
      ?.get(this.#encoding(req.headers['accept-encoding']) ?? '');
    const full = answers?.full;
    if (!full) return false;
    const condition = req.headers['if-none-match'];
    const response =
      condition !== undefined && matches(condition, full.etag)
        ? answers.notModified
        : full;
    if (!response) return false;
    res.writeHead(response.status, response.headers);
    res.end(response.body);
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

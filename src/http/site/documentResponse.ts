import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const gzipAsync = promisify(gzip);

/**
 * A rendered feed or sitemap with what HTTP caches need: built once, sent many times. It is kept
 * as UTF-8 bytes and compressed once, when built: a monthly sitemap weighs about a megabyte, and
 * encoding or compressing it on every request would cost more than everything else together.
 */
export interface RenderedDocument { body: Buffer; gzipped: Buffer; etag: string; lastModified: Date | null }

/**
 * `builtAt` becomes Last-Modified. Not the newest item's date: withdrawing an older article
 * changes a feed without making anything in it newer, and a client asking If-Modified-Since must
 * not be told nothing changed. A build always follows the change it shows, so its time is safe.
 */
export async function renderedDocument(text: string, builtAt: Date | null): Promise<RenderedDocument> {
  const body = Buffer.from(text, 'utf8');
  // Compressed on libuv's thread pool, so other requests go on meanwhile.
  const gzipped = await gzipAsync(body);
  const etag = createHash('sha1').update(body).digest('base64url').slice(0, 22);
  // HTTP dates have whole seconds; keep the same precision for If-Modified-Since comparisons.
  const lastModified = builtAt ? new Date(Math.floor(builtAt.getTime() / 1000) * 1000) : null;
  return { body, gzipped, etag, lastModified };
}

/** The bytes a cached document holds. */
export function documentBytes(doc: RenderedDocument): number {
  return doc.body.length + doc.gzipped.length + 200;
}

/** Whether the client takes gzip (every crawler and feed reader does); `gzip;q=0` refuses it. */
function acceptsGzip(request: FastifyRequest): boolean {
  const header = request.headers['accept-encoding'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(';');
    if (coding !== 'gzip' && coding !== '*') return false;
    return !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });
}

export interface DocumentHeaders {
  type: string;
  cacheControl: string;
  surrogateKeys: string[];
  /** `Link` header values (WebSub discovery: rel=hub and rel=self). */
  links?: string[];
}

/**
 * Sends a cached document with ETag (the etag plugin answers If-None-Match with a 304),
 * Last-Modified (answered here, for clients that only send If-Modified-Since), Cache-Control
 * and Surrogate-Key, so a CDN can purge exactly what an event changed.
 */
export function sendDocument(request: FastifyRequest, reply: FastifyReply, doc: RenderedDocument, headers: DocumentHeaders): FastifyReply {
  const gzipped = acceptsGzip(request);
  // Each encoding is its own representation, with its own strong ETag.
  reply.type(headers.type).header('Cache-Control', headers.cacheControl).header('Surrogate-Key', headers.surrogateKeys.join(' '))
    .header('Vary', 'Accept-Encoding').header('ETag', gzipped ? `"${doc.etag}-gz"` : `"${doc.etag}"`);
  if (gzipped) reply.header('Content-Encoding', 'gzip');
  if (headers.links?.length) reply.header('Link', headers.links.join(', '));
  if (doc.lastModified) {
    reply.header('Last-Modified', doc.lastModified.toUTCString());
    const since = request.headers['if-modified-since'];
    if (since && !request.headers['if-none-match']) {
      const sinceMs = Date.parse(since);
      if (!Number.isNaN(sinceMs) && doc.lastModified.getTime() <= sinceMs) return reply.code(304).send('');
    }
  }
  return reply.send(gzipped ? doc.gzipped : doc.body);
}

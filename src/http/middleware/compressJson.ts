import type { FastifyInstance } from 'fastify';
import { compress, negotiateEncoding } from '../site/documentResponse.ts';

/** Under this, a compressed body plus its header saves little or nothing. */
const MIN_BYTES = 1024;

/** Versions the admin API hands out as ETags (If-Match on writes compares them): never touched. */
function excluded(url: string): boolean {
  return (
    url === '/admin' ||
    url.startsWith('/admin/') ||
    url.startsWith('/admin?') ||
    url.startsWith('/api/admin/')
  );
}

/**
 * JSON answered to GET (the content API, search, the fil info snapshot) in brotli or gzip when
 * the client takes it (Accept-Encoding with q-values, as pages: documentResponse.ts), compressed
 * on libuv's thread pool. The representation changes, so does its ETag (`-br`, `-gz` inside
 * the quotes, as pages and feeds do), and a matching If-None-Match is answered 304 here: the
 * etag plugin, which ran first, only knew the uncompressed tag. Pages, feeds and sitemaps come
 * compressed already (they carry Content-Encoding) and are left alone.
 */
export function compressJson(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.method !== 'GET' || reply.statusCode !== 200) return payload;
    if (typeof payload !== 'string' && !Buffer.isBuffer(payload))
      return payload;
    if (reply.getHeader('content-encoding') || excluded(request.url))
      return payload;
    const type = String(reply.getHeader('content-type') ?? '');
    if (!/^application\/([a-z.+-]*\+)?json\b/.test(type)) return payload;
    const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    if (body.length < MIN_BYTES) return payload;
    const vary = String(reply.getHeader('vary') ?? '');
    if (!/accept-encoding/i.test(vary))
      reply.header(
        'Vary',
        vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding',
      );
    const encoding = negotiateEncoding(request);
    if (!encoding) return payload;
    const etag = reply.getHeader('etag');
    if (typeof etag === 'string' && etag.endsWith('"')) {
      const own = `${etag.slice(0, -1)}${encoding === 'br' ? '-br' : '-gz'}"`;
      reply.header('ETag', own);
      if (request.headers['if-none-match'] === own) {
        reply.code(304);
        return '';
      }
    }
    reply.header('Content-Encoding', encoding);
    reply.removeHeader('content-length');
    return compress(body, encoding);
  });
}

import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { stripTypeScriptTypes } from 'node:module';
import { IMMUTABLE_CACHE } from '../cacheControl.ts';
import {
  documentEtag,
  renderedDocument,
  sendDocument,
  type RenderedDocument,
} from './documentResponse.ts';
import {
  readCached,
  readCachedSync,
  writeCached,
  writeCachedSync,
} from './diskCache.ts';

const ASSETS_DIR = new URL('../../assets/', import.meta.url);

export interface Asset {
  body: Buffer;
  type: string;
  url: string;
}

export interface AssetOptions {
  /** The name it is served under, when the source is transformed (`live.ts` → `live.js`). */
  servedAs?: string;
  transform?: (source: string) => string;
}

/** Reads a static asset once and gives it a content-hashed URL, so it can be cached for a year. */
export function loadAsset(
  name: string,
  type: string,
  options: AssetOptions = {},
): Asset {
  const source = readFileSync(new URL(name, ASSETS_DIR));
  const body = options.transform
    ? Buffer.from(options.transform(source.toString('utf8')))
    : source;
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { body, type, url: `/assets/${options.servedAs ?? name}?v=${hash}` };
}

/**
 * A browser script written in TypeScript (one file, no imports), as JavaScript: Node's own type
 * stripper erases the annotations and keeps every position, so no bundler is needed. The result
 * is checked by tsc with the rest of the code (tsconfig has the DOM library).
 */
export function loadScriptAsset(name: string): Asset {
  return loadAsset(name, 'text/javascript; charset=utf-8', {
    servedAs: name.replace(/\.ts$/, '.js'),
    transform: stripTypes,
  });
}

/** What the stripped form depends on besides the source: a script stripped otherwise is not reused. */
const STRIP_OPTIONS = `strip v1 node ${process.version}`;

/** The stripped script, kept on disk under its source's hash (see diskCache.ts). */
function stripTypes(source: string): string {
  const name = `stripped-${createHash('sha256').update(`${STRIP_OPTIONS}\0${source}`).digest('base64url')}.js`;
  const kept = readCachedSync(name);
  if (kept) return kept.toString('utf8');
  const code = stripWithNode(source);
  writeCachedSync(name, code);
  return code;
}

function stripWithNode(source: string): string {
  // stripTypeScriptTypes is flagged experimental and says so on stderr at every start; its output
  // is plain JavaScript that the browser tests run, so silence that one warning only.
  const emitWarning = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    if (String(warning).includes('stripTypeScriptTypes')) return;
    (emitWarning as (...args: unknown[]) => void).call(
      process,
      warning,
      ...rest,
    );
  }) as typeof process.emitWarning;
  try {
    return stripTypeScriptTypes(source, { mode: 'strip' });
  } finally {
    process.emitWarning = emitWarning;
  }
}

/** Static assets are compressed once: the best brotli pays there. */
const ASSET_BROTLI_QUALITY = 11;

/**
 * An asset's bytes with their brotli 11 and gzip forms. Brotli 11 of the rich editor's bundle
 * alone is about a second of CPU, so the forms are kept on disk under the content's hash
 * (diskCache.ts) and a restart reads them back; otherwise they are made on libuv's thread pool.
 */
async function precompressed(body: Buffer): Promise<RenderedDocument> {
  const name = `asset-v2-${createHash('sha256').update(body).digest('base64url')}-q${ASSET_BROTLI_QUALITY}`;
  const [br, gzip] = await Promise.all([
    readCached(`${name}.br`),
    readCached(`${name}.gz`),
  ]);
  if (br && gzip)
    return {
      body,
      encoded: { br, gzip },
      etag: documentEtag(body),
      lastModified: null,
    };
  const doc = await renderedDocument(
    body,
    null,
    undefined,
    ASSET_BROTLI_QUALITY,
  );
  if (doc.encoded.br && doc.encoded.gzip)
    await Promise.all([
      writeCached(`${name}.br`, doc.encoded.br),
      writeCached(`${name}.gz`, doc.encoded.gzip),
    ]);
  return doc;
}

/**
 * The stylesheets and scripts, each precompressed at start (brotli 11 and gzip, on libuv's
 * thread pool while the server starts listening, or read back from the disk cache) with a
 * strong ETag per encoding, and sent in the form Accept-Encoding asks for (documentResponse.ts,
 * as pages are).
 */
export function assetsRoute(app: FastifyInstance, assets: Asset[]): void {
  const byName = new Map(
    assets.map((a) => [
      a.url.slice('/assets/'.length).split('?')[0]!,
      {
        type: a.type,
        doc: precompressed(a.body),
      },
    ]),
  );
  // A failure shows on the request that needs it, not as an unhandled rejection at start.
  for (const asset of byName.values()) asset.doc.catch(() => {});
  app.get<{ Params: { name: string } }>(
    '/assets/:name',
    async (request, reply) => {
      const asset = byName.get(request.params.name);
      if (!asset) return reply.callNotFound();
      return sendDocument(request, reply, await asset.doc, {
        type: asset.type,
        cacheControl: IMMUTABLE_CACHE,
        surrogateKeys: ['assets'],
      });
    },
  );
}

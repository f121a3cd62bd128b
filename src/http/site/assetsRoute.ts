import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { stripTypeScriptTypes } from 'node:module';

const ASSETS_DIR = new URL('../../assets/', import.meta.url);

export interface Asset { body: Buffer; type: string; url: string }

function asset(name: string, body: Buffer, type: string): Asset {
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { body, type, url: `/assets/${name}?v=${hash}` };
}

/** Reads a static asset once and gives it a content-hashed URL, so it can be cached for a year. */
export function loadAsset(name: string, type: string): Asset {
  return asset(name, readFileSync(new URL(name, ASSETS_DIR)), type);
}

/**
 * A browser script written in TypeScript (`editor.ts` → `/assets/editor.js`): Node strips the
 * types at start-up, so the client code is type-checked with the rest and needs no bundler.
 * Each such script is one self-contained file without imports.
 */
export function loadScriptAsset(tsName: string): Asset {
  const source = readFileSync(new URL(tsName, ASSETS_DIR), 'utf8');
  const js = stripTypeScriptTypes(source, { mode: 'strip' });
  return asset(tsName.replace(/\.ts$/, '.js'), Buffer.from(js), 'text/javascript; charset=utf-8');
}

export function assetsRoute(app: FastifyInstance, assets: Asset[]): void {
  const byName = new Map(assets.map((a) => [a.url.slice('/assets/'.length).split('?')[0]!, a]));
  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const found = byName.get(request.params.name);
    if (!found) return reply.callNotFound();
    return reply.type(found.type).header('Cache-Control', 'public, max-age=31536000, immutable').send(found.body);
  });
}

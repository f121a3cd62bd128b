import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';

const ASSETS_DIR = new URL('../../assets/', import.meta.url);

export interface Asset { body: Buffer; type: string; url: string }

/** Reads a static asset once and gives it a content-hashed URL, so it can be cached for a year. */
export function loadAsset(name: string, type: string): Asset {
  const body = readFileSync(new URL(name, ASSETS_DIR));
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  return { body, type, url: `/assets/${name}?v=${hash}` };
}

export function assetsRoute(app: FastifyInstance, assets: Asset[]): void {
  const byName = new Map(assets.map((a) => [a.url.slice('/assets/'.length).split('?')[0]!, a]));
  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const asset = byName.get(request.params.name);
    if (!asset) return reply.callNotFound();
    return reply.type(asset.type).header('Cache-Control', 'public, max-age=31536000, immutable').send(asset.body);
  });
}

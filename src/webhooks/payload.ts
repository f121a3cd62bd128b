import type { Queryable } from '../db/database.ts';
import type { StoredEvent } from '../db/repos/events.ts';
import { findArticleById } from '../db/repos/articles.ts';
import type { SiteConfig } from '../config.ts';
import { paths } from '../presenters/urls.ts';

/** Standard Webhooks recommends payloads well under this; large content goes by reference (the Content API URL). */
export const MAX_PAYLOAD_BYTES = 20_000;

/**
 * What a delivery says: `{ type, timestamp, data }`. Article events carry a summary and the URL
 * of the article in the Content API, never the body: the receiver fetches what it needs.
 */
export async function webhookPayload(
  tx: Queryable,
  event: StoredEvent,
  type: string,
  site: SiteConfig,
): Promise<string> {
  let data: Record<string, unknown> = { ...event.payload };
  if (event.articleId !== null) {
    const a = await findArticleById(tx, event.articleId);
    data = a
      ? {
          id: a.id,
          slug: a.slug,
          title: a.title,
          status: a.status,
          sectionId: a.sectionId,
          breaking: a.breaking,
          version: a.version,
          publishedAt: a.publishedAt?.toISOString() ?? null,
          url:
            a.status === 'published' ? site.url + paths.article(a.slug) : null,
          api: `${site.url}/api/v1/articles/${a.id}`,
          ...(typeof event.payload['note'] === 'string'
            ? { note: event.payload['note'] }
            : {}),
        }
      : { id: event.articleId };
  }
  const body = JSON.stringify({
    type,
    timestamp: event.createdAt.toISOString(),
    data,
  });
  if (Buffer.byteLength(body) <= MAX_PAYLOAD_BYTES) return body;
  // A title or note cannot realistically get here; if one does, send the reference alone.
  return JSON.stringify({
    type,
    timestamp: event.createdAt.toISOString(),
    data: { id: data['id'] ?? null, api: data['api'] ?? null, truncated: true },
  });
}

import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { SiteDeps } from './context.ts';
import type { LiveFilInfo } from '../../live/liveFilInfo.ts';
import { listPublished } from '../../db/repos/articles.ts';
import { presentFilInfoLine } from '../../presenters/filInfo.ts';
import { sseComment, sseRetry } from '../../live/sse.ts';
import { AppError, type ErrorCode } from '../../errors.ts';
import { FIL_INFO_SIZE } from './homeRoute.ts';
import { SNAPSHOT_CACHE, STREAM_CACHE } from '../cacheControl.ts';
import { liveStatesOf } from '../../db/repos/liveBlogs.ts';
import { sendJsonError } from '../jsonError.ts';

export const LIVE_FIL_INFO_PATH = '/live/fil-info';

const eventId = z
  .string()
  .regex(/^\d{1,15}$/)
  .transform(Number);
const query = z.object({ lastEventId: eventId.optional() });

/**
 * The fil info, live. With `Accept: text/event-stream` (EventSource), a stream of `published`,
 * `breaking`, `updated` and `unpublished` messages whose ids are events-table ids; a client
 * resuming with `Last-Event-ID` (or `?lastEventId=` where it cannot set headers) first gets what
 * it missed. Any other request gets a JSON snapshot of the fil info now, with the id to resume
 * from: useful to apps, and it keeps the route an ordinary GET for crawlers and for the test that
 * requests every public route.
 */
export function liveRoute(
  app: FastifyInstance,
  deps: SiteDeps,
  live: LiveFilInfo,
): void {
  app.get(LIVE_FIL_INFO_PATH, async (request, reply) => {
    const parsed = query.safeParse(request.query ?? {});
    const header = request.headers['last-event-id'];
    const fromHeader =
      typeof header === 'string' && header !== ''
        ? eventId.safeParse(header.trim())
        : null;
    if (!parsed.success || (fromHeader && !fromHeader.success))
      return sendError(reply, 'invalid_last_event_id');
    // The header wins: EventSource sets it on reconnection, and it is newer than the page's id.
    const lastEventId = fromHeader?.data ?? parsed.data.lastEventId ?? null;

    if (!(request.headers.accept ?? '').includes('text/event-stream')) {
      const resumeFrom = await live.resumeId();
      const now = deps.clock.now();
      const { items } = await listPublished(deps.db, {
        now,
        limit: FIL_INFO_SIZE,
      });
      const states = await liveStatesOf(
        deps.db,
        items.map((a) => a.id),
      );
      return reply
        .header('Cache-Control', SNAPSHOT_CACHE)
        .header('Vary', 'Accept')
        .send({
          lastEventId: resumeFrom,
          items: items.map((a) =>
            presentFilInfoLine(a, deps.site, states.get(a.id) ?? null),
          ),
        });
    }

    const admission = live.hub.admit(request.ip);
    if (admission === 'per_ip')
      return sendError(reply, 'live_too_many_for_address', 30);
    if (admission === 'total' || admission === 'closing')
      return sendError(reply, 'live_full', 10 + Math.floor(Math.random() * 20));

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': STREAM_CACHE,
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    // Spread reconnections (after a deploy, thousands of browsers at once) over a few seconds.
    res.write(sseRetry(2_000 + Math.random() * 3_000) + sseComment('fil info'));
    await live.hub.attach(res, admission, lastEventId);
  });
}

/** Refusals are JSON with a French message, whatever the path: EventSource and apps read it, not a page. */
function sendError(
  reply: FastifyReply,
  code: ErrorCode,
  retryAfterSeconds?: number,
): FastifyReply {
  const error = new AppError(code);
  if (retryAfterSeconds) reply.header('Retry-After', String(retryAfterSeconds));
  return sendJsonError(reply, error);
}

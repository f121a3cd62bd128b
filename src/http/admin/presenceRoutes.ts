import type { FastifyInstance } from 'fastify';
import { loadAuthorized } from '../../commands/articleAccess.ts';
import { EditorPresence } from '../../live/editorPresence.ts';
import { sseComment, sseRetry } from '../../live/sse.ts';
import { AppError } from '../../errors.ts';
import { PRIVATE_NO_STORE, STREAM_CACHE } from '../cacheControl.ts';
import { requireUser, type AdminDeps } from './context.ts';
import { actorOf } from './session.ts';

/**
 * Who else has an article open in the editor (issue 16 item 8), for `#editor-presence`. With
 * `Accept: text/event-stream`, the editor's stream: opening it says « I am here », closing it
 * (the tab goes) says « I left », and every change sends each watcher a `presence` message.
 * Otherwise a JSON snapshot, which keeps the route an ordinary GET for the route fuzzer. Behind
 * the session and the article's view policy: only members who may see the article learn who
 * edits it. Across processes through the bus (live/editorPresence.ts). The stale-save protection (the version sent with the form) is untouched.
 */
export function presenceRoutes(app: FastifyInstance, deps: AdminDeps): void {
  const presence = new EditorPresence({
    timeZone: deps.config.site.timeZone,
    ctx: deps,
    bus: deps.bus,
    onError: (error) => app.log.warn({ err: error }, 'presence: not announced'),
  });
  app.addHook('onReady', () => presence.start());
  app.addHook('preClose', () => presence.close());

  app.get('/admin/articles/:id/presence', async (request, reply) => {
    const user = requireUser(request);
    const raw = (request.params as { id: string }).id;
    if (!/^\d{1,9}$/.test(raw)) throw new AppError('not_found');
    const articleId = Number(raw);
    await loadAuthorized(deps.db, actorOf(user), 'view', articleId);

    if (!(request.headers.accept ?? '').includes('text/event-stream'))
      return reply
        .header('Cache-Control', PRIVATE_NO_STORE)
        .header('Vary', 'Accept')
        .send(presence.viewFor(articleId, user.id));

    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': STREAM_CACHE,
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write(sseRetry(3_000) + sseComment('presence'));
    presence.attach(
      articleId,
      { userId: user.id, name: user.displayName, since: deps.clock.now() },
      res,
    );
  });
}

/**
 * A newsdesk server in a child process that the parent can drive over IPC: a second (or third)
 * node for the multi-process test and the live benchmark. Configured by the environment like
 * `newsdesk serve`; answers:
 *   { type: 'publish', articleId, seq }  → runs the publish command in this process → { type: 'published', seq, error? }
 *   { type: 'memory', seq }              → after a full GC (with --expose-gc) → { type: 'memory', seq, rss, heapUsed }
 *   { type: 'stop' }                     → closes cleanly and exits
 * and sends { type: 'ready', address } once listening.
 */
import { loadConfig } from '../../src/config.ts';
import { startServer } from '../../src/main.ts';
import { publishArticle } from '../../src/commands/publishArticle.ts';
import { systemActor } from '../../src/commands/context.ts';

type Message =
  | { type: 'publish'; articleId: number; seq: number }
  | { type: 'memory'; seq: number }
  | { type: 'stop' };

// PORT when the test gives one (a server on a known port), else any free port.
const config = loadConfig();
const server = await startServer(config, {
  demo: false,
  port: process.env['PORT'] ? config.port : 0,
  host: '127.0.0.1',
});
const send = (message: unknown) => process.send?.(message);
const stop = () => {
  server.stop().finally(() => process.exit(0));
};

process.on('message', (message: Message) => {
  if (message.type === 'publish') {
    publishArticle(server.services, systemActor('test-node'), {
      articleId: message.articleId,
    }).then(
      () => send({ type: 'published', seq: message.seq }),
      (error: unknown) =>
        send({ type: 'published', seq: message.seq, error: String(error) }),
    );
  } else if (message.type === 'memory') {
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    send({ type: 'memory', seq: message.seq, rss, heapUsed });
  } else if (message.type === 'stop') {
    stop();
  }
});
process.on('disconnect', stop);
send({ type: 'ready', address: server.address });

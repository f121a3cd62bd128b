import http from 'node:http';

/** A message as an EventSource would dispatch it. */
export interface SseEvent {
  id: string;
  event: string;
  data: string;
}

export interface SseClient {
  status: number;
  headers: http.IncomingHttpHeaders;
  /** Every message received so far, in order. */
  events: SseEvent[];
  /** Comment lines (heartbeats) received so far. */
  comments: string[];
  retry: number | null;
  /** The body, for a refused connection (4xx/5xx JSON). */
  body: string;
  /** Resolves with the first message (from `from` on) that matches, or rejects after `timeoutMs`. */
  waitFor(
    match: (e: SseEvent) => boolean,
    timeoutMs?: number,
    from?: number,
  ): Promise<SseEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/**
 * A plain-HTTP EventSource for tests: parses text/event-stream as the HTML standard says (fields,
 * comments, blank-line dispatch), keeps every message, and never reconnects on its own.
 */
export function connectSse(
  url: string,
  options: {
    lastEventId?: string | number;
    headers?: Record<string, string>;
  } = {},
): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {
      Accept: 'text/event-stream',
      ...options.headers,
    };
    if (options.lastEventId !== undefined)
      headers['Last-Event-ID'] = String(options.lastEventId);
    const request = http.get(url, { headers, agent: false }, (res) => {
      res.setEncoding('utf8');
      const waiters = new Set<() => void>();
      let endedResolve!: () => void;
      const client: SseClient = {
        status: res.statusCode ?? 0,
        headers: res.headers,
        events: [],
        comments: [],
        retry: null,
        body: '',
        waitFor(match, timeoutMs = 30_000, from = 0) {
          return new Promise((ok, fail) => {
            const check = (): boolean => {
              const found = client.events.slice(from).find(match);
              if (found) {
                waiters.delete(check);
                clearTimeout(timer);
                ok(found);
                return true;
              }
              return false;
            };
            const timer = setTimeout(() => {
              waiters.delete(check);
              fail(
                new Error(
                  `no matching SSE message within ${timeoutMs} ms; got ${JSON.stringify(client.events.map((e) => `${e.id}:${e.event}`))}`,
                ),
              );
            }, timeoutMs);
            if (!check()) waiters.add(check);
          });
        },
        ended: new Promise<void>((ok) => {
          endedResolve = ok;
        }),
        close: () => {
          request.destroy();
        },
      };
      let buffer = '';
      let current: SseEvent = { id: '', event: '', data: '' };
      let lastId = '';
      let dataLines: string[] = [];
      res.on('data', (chunk: string) => {
        if (client.status !== 200) {
          client.body += chunk;
          return;
        }
        buffer += chunk;
        let newline: number;
        while ((newline = buffer.search(/\r\n|\r|\n/)) !== -1) {
          const line = buffer.slice(0, newline);
          buffer = buffer.slice(
            newline + (buffer.startsWith('\r\n', newline) ? 2 : 1),
          );
          if (line === '') {
            if (dataLines.length) {
              client.events.push({
                id: lastId,
                event: current.event || 'message',
                data: dataLines.join('\n'),
              });
              for (const w of [...waiters]) w();
            }
            current = { id: '', event: '', data: '' };
            dataLines = [];
            continue;
          }
          if (line.startsWith(':')) {
            client.comments.push(line.slice(1).trim());
            continue;
          }
          const colon = line.indexOf(':');
          const field = colon === -1 ? line : line.slice(0, colon);
          const value =
            colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'id') lastId = value;
          else if (field === 'event') current.event = value;
          else if (field === 'data') dataLines.push(value);
          else if (field === 'retry' && /^\d+$/.test(value))
            client.retry = Number(value);
        }
      });
      res.on('end', () => endedResolve());
      res.on('close', () => endedResolve());
      res.on('error', () => endedResolve());
      if (client.status === 200) resolve(client);
      else res.on('end', () => resolve(client));
    });
    request.on('error', reject);
  });
}

/** The parsed JSON of a fil info message. */
export function payload<
  T = {
    id: number;
    title: string;
    url: string;
    time: string;
    breaking: boolean;
    section: { slug: string } | null;
  },
>(e: SseEvent): T {
  return JSON.parse(e.data) as T;
}

import http from 'node:http';
import { readFileSync } from 'node:fs';

/** A reader's stream: when each message (by the id `match` extracts) first reached it. */
export interface StreamClient {
  request: http.ClientRequest;
  received: Map<number, number>;
}

const CONNECT_BATCH = 100;

/** Opens `count` streams to `/live/fil-info`, spread over `addresses`, a batch at a time (the listen backlog is finite). */
export async function connectClients(
  addresses: string[],
  count: number,
  match: RegExp,
): Promise<StreamClient[]> {
  const clients: StreamClient[] = [];
  for (let start = 0; start < count; start += CONNECT_BATCH) {
    const batch = Array.from(
      { length: Math.min(CONNECT_BATCH, count - start) },
      (_, i) => openStream(addresses[(start + i) % addresses.length]!, match),
    );
    clients.push(...(await Promise.all(batch)));
  }
  await new Promise((r) => setTimeout(r, 500)); // every stream attached to the feed
  return clients;
}

/** `match` must be global and multiline, with the message's id as its first group. */
function openStream(address: string, match: RegExp): Promise<StreamClient> {
  return new Promise((resolve, reject) => {
    const received = new Map<number, number>();
    const request = http.get(
      `${address}/live/fil-info`,
      { headers: { Accept: 'text/event-stream' }, agent: false },
      (res) => {
        if (res.statusCode !== 200)
          return reject(new Error(`stream refused: ${res.statusCode}`));
        res.setEncoding('utf8');
        let tail = '';
        res.on('data', (chunk: string) => {
          const at = performance.now();
          const text = tail + chunk;
          for (const m of text.matchAll(match))
            if (!received.has(Number(m[1]))) received.set(Number(m[1]), at);
          tail = text.slice(text.lastIndexOf('\n') + 1);
        });
        res.on('error', () => {});
        resolve({ request, received });
      },
    );
    request.on('error', reject);
  });
}

export async function settle(
  clients: StreamClient[],
  sent: Map<number, number>,
  timeoutMs: number,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end && clients.some((c) => c.received.size < sent.size))
    await new Promise((r) => setTimeout(r, 50));
}

export interface Figures {
  label: string;
  clients: number;
  samples: number;
  expected: number;
  p50: number;
  p99: number;
  max: number;
}

/** Send-to-delivery over every (client, message) pair. */
export function figures(
  label: string,
  clients: StreamClient[],
  sent: Map<number, number>,
): Figures {
  const samples: number[] = [];
  for (const c of clients)
    for (const [id, t0] of sent) {
      const t1 = c.received.get(id);
      if (t1 !== undefined) samples.push(t1 - t0);
    }
  samples.sort((x, y) => x - y);
  const at = (q: number) =>
    samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ??
    NaN;
  return {
    label,
    clients: clients.length,
    samples: samples.length,
    expected: clients.length * sent.size,
    p50: at(0.5),
    p99: at(0.99),
    max: samples.at(-1) ?? NaN,
  };
}

export function closeAll(clients: StreamClient[]): void {
  for (const c of clients) c.request.destroy();
}

/** 2,000 clients need 2,000 descriptors here and as many in the server: check before failing halfway. */
export function checkOpenFiles(needed: number): void {
  try {
    const limits = readFileSync('/proc/self/limits', 'utf8');
    const soft = Number(/Max open files\s+(\d+)/.exec(limits)?.[1]);
    if (soft && soft < needed) {
      console.error(
        `The open-file limit is ${soft}; this benchmark needs about ${needed}. Raise it first: ulimit -n ${needed * 2}`,
      );
      process.exit(1);
    }
  } catch {
    /* not Linux: try anyway */
  }
}

import type { ServerResponse } from 'node:http';
import { sseComment, sseFrame } from './sse.ts';

/** One message, serialised once for every client. */
export interface Frame {
  id: number;
  text: string;
}

/** Where a hub's messages come from (the fil info feed); see filInfoFeed.ts. */
export interface LiveSource {
  /** Starts following events; resolves when `position` is meaningful. */
  ready(): Promise<void>;
  /** The id of the last event the source has broadcast (or decided to skip). */
  readonly position: number;
  /** Frames for events in (afterId, upToId], or null when there are too many to replay. */
  replay(afterId: number, upToId: number): Promise<string | null>;
  /** The newest id in the log: tells an id from the future (another database) from a lagging process. */
  newestId(): Promise<number>;
}

export interface LiveHubOptions {
  maxClients: number;
  maxPerIp: number;
  heartbeatMs: number;
  onError?: (error: Error) => void;
}

/** A slot reserved for a stream before it starts, so a refusal can still be a normal HTTP answer. */
export interface Admission {
  ip: string;
  release(): void;
}

interface Client {
  res: ServerResponse;
  /** Frames that arrived while the replay was being read: sent after it, in order. */
  pending: Frame[] | null;
  /** Frames up to this id were already seen (a client ahead of this process after switching nodes). */
  skipUpTo: number;
}

/** Beyond this much unsent data, a client is too slow to keep: it will reconnect and replay. */
const MAX_BUFFERED_BYTES = 512 * 1024;

/**
 * The open event streams of this process: admission limits, replay-then-live hand-over without
 * gap or duplicate, one heartbeat timer for all, and a clean end for all at shutdown. Frames are
 * written as they are (serialised once), so a client costs a socket and a small record.
 */
export class LiveHub {
  readonly #options: LiveHubOptions;
  readonly #source: LiveSource;
  readonly #clients = new Set<Client>();
  readonly #perIp = new Map<string, number>();
  #reserved = 0;
  #heartbeat: NodeJS.Timeout | null = null;
  #closing = false;

  constructor(source: LiveSource, options: LiveHubOptions) {
    this.#source = source;
    this.#options = options;
  }

  get size(): number {
    return this.#clients.size;
  }

  /** Reserves a slot for `ip`, or says which limit refuses it. */
  admit(ip: string): Admission | 'closing' | 'total' | 'per_ip' {
    if (this.#closing) return 'closing';
    if (this.#reserved >= this.#options.maxClients) return 'total';
    const mine = this.#perIp.get(ip) ?? 0;
    if (mine >= this.#options.maxPerIp) return 'per_ip';
    this.#reserved++;
    this.#perIp.set(ip, mine + 1);
    let released = false;
    return {
      ip,
      release: () => {
        if (released) return;
        released = true;
        this.#reserved--;
        const n = (this.#perIp.get(ip) ?? 1) - 1;
        if (n <= 0) this.#perIp.delete(ip);
        else this.#perIp.set(ip, n);
      },
    };
  }

  /**
   * Streams to `res` (headers already sent): first what the client missed after `lastEventId`,
   * then live frames. The client joins the broadcast list before the replay is read, and frames
   * arriving meanwhile wait in `pending`: the replay covers ids up to the source's position at
   * that moment, live frames come after it, so there is no gap and no duplicate.
   */
  async attach(
    res: ServerResponse,
    admission: Admission,
    lastEventId: number | null,
  ): Promise<void> {
    const client: Client = { res, pending: [], skipUpTo: 0 };
    res.on('close', () => {
      this.#clients.delete(client);
      admission.release();
    });
    try {
      await this.#source.ready();
      if (res.destroyed || this.#closing) return void res.end();
      this.#clients.add(client);
      this.#startHeartbeat();
      const upTo = this.#source.position;
      if (lastEventId !== null && lastEventId < upTo) {
        const replay = await this.#source.replay(lastEventId, upTo);
        this.#send(client, replay ?? reloadFrame(upTo));
      } else if (lastEventId !== null && lastEventId > upTo) {
        // Ahead of this process: it came from a node further along, or from another database.
        if (lastEventId > (await this.#source.newestId()))
          this.#send(client, reloadFrame(upTo));
        else client.skipUpTo = lastEventId;
      }
      const pending = client.pending ?? [];
      client.pending = null;
      this.#write(client, pending);
    } catch (error) {
      this.#options.onError?.(
        error instanceof Error ? error : new Error(String(error)),
      );
      this.#clients.delete(client);
      res.end();
    }
  }

  /** Sends `frames` (in id order) to every client. */
  broadcast(frames: Frame[]): void {
    if (frames.length === 0) return;
    const joined = frames.map((f) => f.text).join('');
    const firstId = frames[0]!.id;
    for (const client of this.#clients) {
      if (client.pending) client.pending.push(...frames);
      else if (client.skipUpTo < firstId) this.#send(client, joined);
      else this.#write(client, frames);
    }
  }

  /** Ends every stream (browsers reconnect, to another node if there is one) and refuses new ones. */
  close(): void {
    this.#closing = true;
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    for (const client of this.#clients) client.res.end();
    this.#clients.clear();
  }

  #write(client: Client, frames: Frame[]): void {
    this.#send(
      client,
      frames
        .filter((f) => f.id > client.skipUpTo)
        .map((f) => f.text)
        .join(''),
    );
  }

  #send(client: Client, text: string): void {
    const { res } = client;
    // Gone while a replay was being read, or ended by close(): nothing to write to.
    if (res.writableEnded || res.destroyed || text === '') return;
    if (res.writableLength > MAX_BUFFERED_BYTES) {
      this.#clients.delete(client);
      res.destroy();
      return;
    }
    res.write(text);
  }

  #startHeartbeat(): void {
    if (this.#heartbeat) return;
    this.#heartbeat = setInterval(() => {
      const beat = sseComment('ping');
      for (const client of this.#clients) this.#send(client, beat);
    }, this.#options.heartbeatMs);
    this.#heartbeat.unref();
  }
}

/** Tells a client it is too far behind (or from elsewhere) to catch up by replay: reload the page. */
export function reloadFrame(position: number): string {
  return sseFrame({ id: position, event: 'reload', data: {} });
}

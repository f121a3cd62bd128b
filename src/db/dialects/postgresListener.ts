import type pg from 'pg';

export interface ChannelListener {
  close(): Promise<void>;
}

export interface ListenOptions {
  connectionString: string;
  channel: string;
  /** Called on every notification, and after each (re)connection: notifications sent while we were away are lost. */
  onNotify: () => void;
  onError?: (error: Error) => void;
  /** First reconnection delay; it doubles up to 30 s. */
  retryMs?: number;
}

/**
 * `LISTEN channel` on a dedicated connection (a pooled one would be handed to other queries and
 * drop the subscription). The connection is reopened with backoff when it breaks; every
 * (re)connection counts as a notification, since whatever was sent meanwhile was lost.
 */
export async function listenChannel(
  options: ListenOptions,
): Promise<ChannelListener> {
  if (!/^[a-z_][a-z0-9_]*$/.test(options.channel))
    throw new Error(`invalid channel name: ${options.channel}`);
  // Loaded here, not at import: the module is part of every start, SQLite's too.
  const { default: pg } = await import('pg');
  const firstDelay = options.retryMs ?? 500;
  let current: pg.Client | null = null;
  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let delay = firstDelay;
  const report = (error: unknown) =>
    options.onError?.(
      error instanceof Error ? error : new Error(String(error)),
    );

  const drop = (client: pg.Client): void => {
    if (current !== client) return;
    current = null;
    client.end().catch(() => {});
    reconnectSoon();
  };

  const connect = async (): Promise<void> => {
    const client = new pg.Client({
      connectionString: options.connectionString,
    });
    client.on('notification', (message) => {
      if (message.channel === options.channel) options.onNotify();
    });
    client.on('error', (error) => {
      report(error);
      drop(client);
    });
    client.on('end', () => drop(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${options.channel}`);
    } catch (error) {
      client.end().catch(() => {});
      throw error;
    }
    if (closed) {
      await client.end().catch(() => {});
      return;
    }
    current = client;
    delay = firstDelay;
    options.onNotify();
  };

  const attempt = async (): Promise<void> => {
    try {
      await connect();
    } catch (error) {
      report(error);
      delay = Math.min(delay * 2, 30_000);
      reconnectSoon();
    }
  };

  function reconnectSoon(): void {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      void attempt();
    }, delay);
    // A broken listener must not keep the process alive on its own; the poll covers the gap.
    retryTimer.unref();
  }

  // A first failure is reported, not thrown: the caller still has its poll while we retry.
  await attempt();
  return {
    async close() {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      const client = current;
      current = null;
      if (client) await client.end().catch(() => {});
    },
  };
}

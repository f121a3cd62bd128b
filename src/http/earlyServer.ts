import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The HTTP server of `newsdesk serve`, listening before the app exists: a cold start opens the
 * port first, so a proxy or a reader arriving during the start waits for the first page instead of
 * being refused. Requests that come before `open` are held, then handed to the app in order.
 */
export class EarlyServer {
  readonly server = createServer();
  #handler: RequestListener | null = null;
  #open = false;
  readonly #waiting: [IncomingMessage, ServerResponse][] = [];

  constructor() {
    this.server.on('request', (req, res) => {
      if (this.#open) this.#handler!(req, res);
      else this.#waiting.push([req, res]);
    });
  }

  /** Listens on `port` and `host`; resolves with the bound address (port 0 picks one). */
  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve(this.server.address() as AddressInfo);
      });
    });
  }

  /** The app's request handler (given by buildApp's server factory); requests still wait for `open`. */
  adopt(handler: RequestListener): void {
    this.#handler = handler;
  }

  /** The app is ready: the held requests go to it, and every later one. */
  open(): void {
    if (!this.#handler)
      throw new Error('open() before the app adopted the server');
    this.#open = true;
    for (const [req, res] of this.#waiting.splice(0)) this.#handler(req, res);
  }

  /** The start failed: the held requests are told so, and the port is closed. */
  fail(): Promise<void> {
    for (const [, res] of this.#waiting.splice(0))
      res
        .writeHead(503, {
          'content-type': 'text/plain; charset=utf-8',
          'retry-after': '5',
        })
        .end('Le site démarre mal : réessayez dans quelques instants.\n');
    return this.close();
  }

  /** Stops listening; open connections (keep-alive, live streams) are ended after a grace second. */
  close(): Promise<void> {
    if (!this.server.listening) return Promise.resolve();
    return new Promise((resolve) => {
      const force = setTimeout(() => this.server.closeAllConnections(), 1_000);
      force.unref();
      this.server.close(() => {
        clearTimeout(force);
        resolve();
      });
      this.server.closeIdleConnections();
    });
  }
}

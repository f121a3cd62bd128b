import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface Received {
  id: string;
  type: string;
  payload: Record<string, any>;
  verified: boolean;
  status: number;
}

/**
 * A real HTTP endpoint that verifies Standard Webhooks signatures with the `standardwebhooks`
 * library, as a subscriber would. `failFirst` answers 500 to the first attempts of each message.
 * Receivers deduplicate by `webhook-id` as the specification asks; `accepted()` counts without doing so.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  secret = '';
  failFirst = 0;
  readonly #attempts = new Map<string, number>();
  /** Per message: refuse attempts up to this number (overrides failFirst). */
  readonly #refuseThrough = new Map<string, number>();

  /** Every message seen so far is refused once more before being accepted. */
  refuseOneMoreEach(): void {
    for (const [id, n] of this.#attempts) this.#refuseThrough.set(id, n + 1);
  }
  #server: Server | null = null;
  url = '';

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, String(v)]),
        );
        let verified = false;
        try {
          new Webhook(this.secret).verify(body, headers);
          verified = true;
        } catch {
          /* recorded as unverified */
        }
        const id = headers['webhook-id'] ?? '';
        const n = (this.#attempts.get(id) ?? 0) + 1;
        this.#attempts.set(id, n);
        const status = !verified
          ? 401
          : n <= (this.#refuseThrough.get(id) ?? this.failFirst)
            ? 500
            : 200;
        const payload = JSON.parse(body) as Record<string, any>;
        this.received.push({
          id,
          type: String(payload['type']),
          payload,
          verified,
          status,
        });
        res
          .writeHead(status, { 'content-type': 'text/plain' })
          .end(status === 200 ? 'ok' : `refusé (tentative ${n})`);
      });
    });
    await new Promise<void>((resolve) =>
      this.#server!.listen(0, '127.0.0.1', resolve),
    );
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/hooks`;
    return this;
  }

  /** The messages accepted (2xx), by webhook-id, with how many times each was accepted. */
  accepted(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const r of this.received)
      if (r.status === 200) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
    return counts;
  }

  async stop(): Promise<void> {
    await new Promise<void>(
      (resolve) => this.#server?.close(() => resolve()) ?? resolve(),
    );
  }
}

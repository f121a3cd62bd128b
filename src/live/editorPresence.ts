import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { CommandContext } from '../commands/context.ts';
import { deleteEventsBefore, type StoredEvent } from '../db/repos/events.ts';
import { formatTime } from '../domain/frenchDates.ts';
import type { EventBus } from '../events/bus.ts';
import { sseComment, sseFrame } from './sse.ts';

/**
 * Announcements older than this many heartbeats are deleted from the events table: one is
 * worth nothing after 2.5 (its process is forgotten), and every reader has long read it (the
 * bus lags by a poll and a grace of seconds).
 */
const KEPT_HEARTBEATS = 10;

/** Someone with an article open in the editor. */
export interface Editing {
  userId: number;
  name: string;
  since: Date;
}

interface Watcher extends Editing {
  res: ServerResponse;
}

/** What another process last said it holds for one article, and when we heard it (wall clock). */
interface Remote {
  editors: Editing[];
  heardAt: number;
}

/** What one member is told about the others (never about themselves). */
export interface PresenceView {
  others: { name: string; since: string }[];
  /** The French line for `#editor-presence`, empty when nobody else is there. */
  text: string;
}

export interface EditorPresenceOptions {
  timeZone: string;
  /** Where presence is announced (an event) and heard from (the bus), like every other change. */
  ctx: Pick<CommandContext, 'db' | 'clock' | 'events'>;
  bus: EventBus;
  /** Each process re-announces what it holds this often; silence for 2.5× means it is gone. */
  heartbeatMs?: number;
  onError?: (error: unknown) => void;
}

/**
 * Who has which article open in the editor, across processes. Each open editor holds one event
 * stream on one process; that process keeps its own watchers in memory and announces, by a
 * `presence.update` event, who it holds for an article whenever that changes, and again at
 * every heartbeat. The event reaches the other processes the way every event does (NOTIFY on
 * PostgreSQL, the table poll on SQLite), and each merges what the others announce with its own
 * watchers. Nothing here is a source of truth worth keeping: a process that stops announcing
 * (crashed) is forgotten after two and a half heartbeats.
 */
export class EditorPresence {
  readonly #o: EditorPresenceOptions;
  readonly #heartbeatMs: number;
  /** This process, in the announcements (so it ignores its own). */
  readonly #node = randomUUID();
  readonly #byArticle = new Map<number, Set<Watcher>>();
  readonly #remote = new Map<number, Map<string, Remote>>();
  #frameId = 0;
  #heartbeat: NodeJS.Timeout | null = null;
  #unsubscribe: (() => void) | null = null;
  #closed = false;
  /** Announcements being written, awaited on close (the database closes after the app). */
  readonly #writing = new Set<Promise<void>>();

  constructor(options: EditorPresenceOptions) {
    this.#o = options;
    this.#heartbeatMs = options.heartbeatMs ?? 25_000;
  }

  /** Starts hearing the other processes (the bus's first subscriber starts it). */
  async start(): Promise<void> {
    this.#heartbeat = setInterval(() => this.#beat(), this.#heartbeatMs);
    this.#heartbeat.unref();
    // A database down at start must not stop the app: the listener stays registered and the
    // bus, started later by any subscriber, delivers to it.
    this.#unsubscribe = await this.#o.bus
      .subscribe((events) => this.#hear(events))
      .catch((error: unknown) => {
        this.#o.onError?.(error);
        return null;
      });
  }

  /** The view `userId` gets of `articleId` now (the JSON snapshot and each frame). */
  viewFor(articleId: number, userId: number): PresenceView {
    // One line per member, from their earliest open editor (two tabs, two nodes: one person).
    const first = new Map<number, Editing>();
    const all = [
      ...(this.#byArticle.get(articleId) ?? []),
      ...[...(this.#remote.get(articleId)?.values() ?? [])].flatMap(
        (r) => r.editors,
      ),
    ];
    for (const e of all) {
      if (e.userId === userId) continue;
      const seen = first.get(e.userId);
      if (!seen || e.since < seen.since) first.set(e.userId, e);
    }
    const others = [...first.values()]
      .sort((a, b) => a.since.getTime() - b.since.getTime())
      .map((e) => ({
        name: e.name,
        since: formatTime(e.since, this.#o.timeZone),
      }));
    return { others, text: presenceLine(others) };
  }

  /** Streams presence for `articleId` to `res` (headers sent) until it closes. */
  attach(articleId: number, editing: Editing, res: ServerResponse): void {
    // Closing awaits its last announcements; a browser reconnecting meanwhile must not hold
    // a stream open that nothing would end (the server's close would wait for it forever).
    if (this.#closed) {
      res.end();
      return;
    }
    const watcher: Watcher = { ...editing, res };
    let set = this.#byArticle.get(articleId);
    if (!set) this.#byArticle.set(articleId, (set = new Set()));
    set.add(watcher);
    res.on('close', () => {
      set.delete(watcher);
      if (set.size === 0) this.#byArticle.delete(articleId);
      this.#tell(articleId);
      this.#announce(articleId);
    });
    this.#tell(articleId);
    this.#announce(articleId);
  }

  /** Ends every stream (the browsers reconnect, to another node if there is one). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = null;
    this.#unsubscribe?.();
    const held = [...this.#byArticle.keys()];
    for (const set of this.#byArticle.values())
      for (const w of set) w.res.end();
    this.#byArticle.clear();
    // Tell the others at once rather than let them wait out the silence.
    await Promise.all([
      ...this.#writing,
      ...held.map((id) => this.#record(id, [])),
    ]);
  }

  /** This process's editors of `articleId`, to the others (fire and forget: presence is live only). */
  #announce(articleId: number): void {
    if (this.#closed) return;
    const editors = [...(this.#byArticle.get(articleId) ?? [])].map((w) => ({
      userId: w.userId,
      name: w.name,
      since: w.since,
    }));
    this.#track(this.#record(articleId, editors));
  }

  #track(writing: Promise<void>): void {
    this.#writing.add(writing);
    void writing.finally(() => this.#writing.delete(writing));
  }

  async #prune(): Promise<void> {
    const { db, clock } = this.#o.ctx;
    const before = clock.now().getTime() - this.#heartbeatMs * KEPT_HEARTBEATS;
    try {
      await deleteEventsBefore(db, 'presence.update', new Date(before));
    } catch (error) {
      this.#o.onError?.(error);
    }
  }

  async #record(articleId: number, editors: Editing[]): Promise<void> {
    const { db, clock, events } = this.#o.ctx;
    try {
      await db.transaction().execute((tx) =>
        events.record(tx, {
          name: 'presence.update',
          articleId,
          at: clock.now(),
          payload: {
            node: this.#node,
            editors: editors.map((e) => ({
              userId: e.userId,
              name: e.name,
              since: e.since.toISOString(),
            })),
          },
        }),
      );
    } catch (error) {
      this.#o.onError?.(error);
    }
  }

  #hear(events: StoredEvent[]): void {
    const changed = new Set<number>();
    for (const e of events) {
      if (e.name !== 'presence.update' || e.articleId === null) continue;
      const node = e.payload['node'];
      if (typeof node !== 'string' || node === this.#node) continue;
      const editors = editorsOf(e.payload['editors']);
      let nodes = this.#remote.get(e.articleId);
      const isNew = !nodes?.has(node);
      if (editors.length === 0) nodes?.delete(node);
      else {
        if (!nodes) this.#remote.set(e.articleId, (nodes = new Map()));
        nodes.set(node, { editors, heardAt: Date.now() });
      }
      if (nodes?.size === 0) this.#remote.delete(e.articleId);
      changed.add(e.articleId);
      // A process new to this article has not heard us yet: answer once, not at the heartbeat.
      if (isNew && editors.length > 0 && this.#byArticle.has(e.articleId))
        this.#announce(e.articleId);
    }
    for (const id of changed) this.#tell(id);
  }

  /**
   * Pings the streams, re-announces what this process holds, forgets silent processes, and
   * deletes old announcements (every process does; deleting twice is harmless).
   */
  #beat(): void {
    for (const set of this.#byArticle.values())
      for (const w of set) w.res.write(sseComment('ping'));
    for (const id of this.#byArticle.keys()) this.#announce(id);
    this.#track(this.#prune());
    const deadline = Date.now() - this.#heartbeatMs * 2.5;
    for (const [id, nodes] of this.#remote) {
      let dropped = false;
      for (const [node, r] of nodes)
        if (r.heardAt < deadline) dropped = nodes.delete(node) || dropped;
      if (nodes.size === 0) this.#remote.delete(id);
      if (dropped) this.#tell(id);
    }
  }

  #tell(articleId: number): void {
    const id = ++this.#frameId;
    for (const w of this.#byArticle.get(articleId) ?? []) {
      if (w.res.writableEnded || w.res.destroyed) continue;
      w.res.write(
        sseFrame({
          id,
          event: 'presence',
          data: this.viewFor(articleId, w.userId),
        }),
      );
    }
  }
}

/** The editors an announcement lists, whatever shape it arrived in. */
function editorsOf(value: unknown): Editing[] {
  if (!Array.isArray(value)) return [];
  const out: Editing[] = [];
  for (const v of value as Record<string, unknown>[]) {
    const since = new Date(String(v?.['since']));
    if (
      Number.isInteger(v?.['userId']) &&
      typeof v?.['name'] === 'string' &&
      !Number.isNaN(since.getTime())
    )
      out.push({ userId: v['userId'] as number, name: v['name'], since });
  }
  return out;
}

/** « Samira modifie cet article depuis 10:42 », or several such, joined in French. */
function presenceLine(others: { name: string; since: string }[]): string {
  const parts = others.map((o) => `${o.name} depuis ${o.since}`);
  if (parts.length === 0) return '';
  if (parts.length === 1)
    return `${others[0]!.name} modifie cet article depuis ${others[0]!.since}`;
  const last = parts.pop();
  return `${parts.join(', ')} et ${last} modifient cet article`;
}

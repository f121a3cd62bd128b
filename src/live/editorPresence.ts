import type { ServerResponse } from 'node:http';
import { formatTime } from '../domain/frenchDates.ts';
import { sseComment, sseFrame } from './sse.ts';

/** Someone with an article open in the editor. */
export interface Editing {
  userId: number;
  name: string;
  since: Date;
}

interface Watcher extends Editing {
  res: ServerResponse;
}

/** What one member is told about the others (never about themselves). */
export interface PresenceView {
  others: { name: string; since: string }[];
  /** The French line for `#editor-presence`, empty when nobody else is there. */
  text: string;
}

/**
 * Who has which article open in the editor, in this process: each open editor holds one event
 * stream, and every arrival or departure sends each watcher of that article the list of the
 * others. Held in memory: a stream lives on one process, and presence is only worth anything
 * live, so there is nothing to store or replay.
 */
export class EditorPresence {
  readonly #timeZone: string;
  readonly #byArticle = new Map<number, Set<Watcher>>();
  #frameId = 0;
  #heartbeat: NodeJS.Timeout | null = null;

  constructor(timeZone: string, heartbeatMs = 25_000) {
    this.#timeZone = timeZone;
    this.#heartbeat = setInterval(() => {
      for (const set of this.#byArticle.values())
        for (const w of set) w.res.write(sseComment('ping'));
    }, heartbeatMs);
    this.#heartbeat.unref();
  }

  /** The view `userId` gets of `articleId` now (the JSON snapshot and each frame). */
  viewFor(articleId: number, userId: number): PresenceView {
    // One line per member, from their earliest open editor (two tabs are one person).
    const first = new Map<number, Editing>();
    for (const w of this.#byArticle.get(articleId) ?? []) {
      if (w.userId === userId) continue;
      const seen = first.get(w.userId);
      if (!seen || w.since < seen.since) first.set(w.userId, w);
    }
    const others = [...first.values()]
      .sort((a, b) => a.since.getTime() - b.since.getTime())
      .map((e) => ({
        name: e.name,
        since: formatTime(e.since, this.#timeZone),
      }));
    return { others, text: presenceLine(others) };
  }

  /** Streams presence for `articleId` to `res` (headers sent) until it closes. */
  attach(articleId: number, editing: Editing, res: ServerResponse): void {
    const watcher: Watcher = { ...editing, res };
    let set = this.#byArticle.get(articleId);
    if (!set) this.#byArticle.set(articleId, (set = new Set()));
    set.add(watcher);
    res.on('close', () => {
      set.delete(watcher);
      if (set.size === 0) this.#byArticle.delete(articleId);
      this.#tell(articleId);
    });
    this.#tell(articleId);
  }

  /** Ends every stream (the browsers reconnect, to another node if there is one). */
  close(): void {
    if (this.#heartbeat) clearInterval(this.#heartbeat);
    this.#heartbeat = null;
    for (const set of this.#byArticle.values())
      for (const w of set) w.res.end();
    this.#byArticle.clear();
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

/** « Samira modifie cet article depuis 10:42 », or several such, joined in French. */
function presenceLine(others: { name: string; since: string }[]): string {
  const parts = others.map((o) => `${o.name} depuis ${o.since}`);
  if (parts.length === 0) return '';
  if (parts.length === 1)
    return `${others[0]!.name} modifie cet article depuis ${others[0]!.since}`;
  const last = parts.pop();
  return `${parts.join(', ')} et ${last} modifient cet article`;
}

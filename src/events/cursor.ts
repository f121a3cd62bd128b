/**
 * Where a reader of the events table stands, and which newly seen ids it may hand on.
 *
 * Ids come from a sequence, and on PostgreSQL two transactions can commit out of order: id 11
 * can be visible while id 10 is still committing. A reader that jumped to 11 would never see 10.
 * So ids are handed on strictly in order, and a row that follows a gap waits, for at most
 * `graceMs` after it was first seen, for the gap to fill. A gap that outlives the grace is a
 * rolled-back transaction (its id is burnt) or one so slow that readers skip it; either way the
 * reader moves on. In-order delivery keeps `Last-Event-ID` exact: "after 11" means after
 * everything up to 11. On SQLite, which has one writer at a time, ids commit in order and the
 * grace is 0.
 *
 * A skipped id is remembered for `LATE_WINDOW_MS`: if it does commit after all, followers that
 * only need to know *that* something changed (the caches, WebSub) are still told, out of order
 * (`lateIds`, `settleLate`). Followers that need order (the live fil info) are not: for them the
 * gap stays skipped, and the page they load next shows the change.
 */
export interface EventCursor {
  /** The last id handed on; every id at or below it is settled. */
  position: number;
  /** When each held-back id (above a gap) was first seen, in ms. */
  firstSeen: Map<number, number>;
  /** Ids passed over as burnt, and when, in ms: looked for again for a while (`lateIds`). */
  skipped: Map<number, number>;
}

/** How long a skipped id is looked for again: a transaction slower than this is missed. */
export const LATE_WINDOW_MS = 60_000;
/** At most this many skipped ids are remembered (a huge rollback must not make every read slow). */
const MAX_SKIPPED = 1_000;

export interface Advance {
  /** How many of the given ids to hand on now (a prefix). */
  count: number;
  /** When to look again for a gap to fill or expire, or null when nothing is held back. */
  retryAt: number | null;
}

export function newCursor(position: number): EventCursor {
  return { position, firstSeen: new Map(), skipped: new Map() };
}

/**
 * Moves `cursor` over `ids` (ascending, all above the position, as read from the table) and says
 * how many may be handed on. Mutates the cursor.
 */
export function advanceCursor(
  cursor: EventCursor,
  ids: readonly number[],
  now: number,
  graceMs: number,
): Advance {
  let count = 0;
  let retryAt: number | null = null;
  for (const id of ids) {
    let seen = cursor.firstSeen.get(id);
    if (seen === undefined) {
      seen = now;
      cursor.firstSeen.set(id, now);
    }
    if (id === cursor.position + 1 || now - seen >= graceMs) {
      for (
        let gap = cursor.position + 1;
        gap < id && cursor.skipped.size < MAX_SKIPPED;
        gap++
      )
        cursor.skipped.set(gap, now);
      cursor.position = id;
      count++;
      continue;
    }
    retryAt = seen + graceMs;
    break;
  }
  for (const id of cursor.firstSeen.keys())
    if (id <= cursor.position) cursor.firstSeen.delete(id);
  return { count, retryAt };
}

/** The skipped ids still worth looking for (forgets those skipped more than `windowMs` ago). */
export function lateIds(
  cursor: EventCursor,
  now: number,
  windowMs = LATE_WINDOW_MS,
): number[] {
  for (const [id, at] of cursor.skipped)
    if (now - at > windowMs) cursor.skipped.delete(id);
  return [...cursor.skipped.keys()];
}

/** Forgets skipped ids that have now been read (they committed late and were handed on). */
export function settleLate(cursor: EventCursor, ids: readonly number[]): void {
  for (const id of ids) cursor.skipped.delete(id);
}

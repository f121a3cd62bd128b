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
 */
export interface EventCursor {
  /** The last id handed on; every id at or below it is settled. */
  position: number;
  /** When each held-back id (above a gap) was first seen, in ms. */
  firstSeen: Map<number, number>;
}

export interface Advance {
  /** How many of the given ids to hand on now (a prefix). */
  count: number;
  /** When to look again for a gap to fill or expire, or null when nothing is held back. */
  retryAt: number | null;
}

export function newCursor(position: number): EventCursor {
  return { position, firstSeen: new Map() };
}

/**
 * Moves `cursor` over `ids` (ascending, all above the position, as read from the table) and says
 * how many may be handed on. Mutates the cursor.
 */
export function advanceCursor(cursor: EventCursor, ids: readonly number[], now: number, graceMs: number): Advance {
  let count = 0;
  let retryAt: number | null = null;
  for (const id of ids) {
    let seen = cursor.firstSeen.get(id);
    if (seen === undefined) {
      seen = now;
      cursor.firstSeen.set(id, now);
    }
    if (id === cursor.position + 1 || now - seen >= graceMs) {
      cursor.position = id;
      count++;
      continue;
    }
    retryAt = seen + graceMs;
    break;
  }
  for (const id of cursor.firstSeen.keys()) if (id <= cursor.position) cursor.firstSeen.delete(id);
  return { count, retryAt };
}

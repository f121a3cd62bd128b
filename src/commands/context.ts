import type { Db } from '../db/database.ts';
import type { Clock } from '../domain/clock.ts';
import type { EventSink } from '../events/eventSink.ts';
import type { Role } from '../domain/roles.ts';

/** Who is acting: a signed-in person, or the system itself (scheduler, importer, demo loader). */
export type Actor =
  | { kind: 'system'; label: string }
  | { kind: 'user'; id: number; role: Role; sectionIds: number[] };

export const systemActor = (label: string): Actor => ({
  kind: 'system',
  label,
});

export function actorId(actor: Actor): number | null {
  return actor.kind === 'user' ? actor.id : null;
}

/** What every command needs; wired once in main.ts, replaced in tests. */
export interface CommandContext {
  db: Db;
  clock: Clock;
  events: EventSink;
}

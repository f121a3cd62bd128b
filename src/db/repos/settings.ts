import type { Queryable } from '../database.ts';
import { fromJson } from '../schema.ts';

/** Site settings editors change at run time (not deployment config, which is the environment). */
export interface SiteSettings {
  /** Journalists may publish their own articles without an editor. */
  journalistsCanPublish: boolean;
}

export const DEFAULT_SETTINGS: SiteSettings = { journalistsCanPublish: false };

export async function readSettings(db: Queryable): Promise<SiteSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const stored = Object.fromEntries(rows.map((r) => [r.key, fromJson<unknown>(r.value)]));
  return {
    journalistsCanPublish: typeof stored['journalistsCanPublish'] === 'boolean' ? stored['journalistsCanPublish'] : DEFAULT_SETTINGS.journalistsCanPublish,
  };
}

export async function writeSetting<K extends keyof SiteSettings>(db: Queryable, key: K, value: SiteSettings[K], at: Date): Promise<void> {
  const json = JSON.stringify(value);
  await db.insertInto('settings').values({ key, value: json, updated_at: at.toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: at.toISOString() })).execute();
}

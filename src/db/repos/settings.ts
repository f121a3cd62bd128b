import type { Queryable } from '../database.ts';
import { fromJson } from '../schema.ts';

/** Site settings editors change at run time (not deployment config, which is the environment). */
export interface SiteSettings {
  /** Journalists may publish their own articles without an editor. */
  journalistsCanPublish: boolean;
  /** Warn of likely duplicates, and make publishing one need an editor's override. */
  duplicateGuard: boolean;
  /** Suggest people, organisations and places named in an article as tags. */
  entitySuggestions: boolean;
  /** Suggest a section learnt from the published archive. */
  sectionSuggestions: boolean;
  /** How many days back the duplicate guard looks. */
  duplicateWindowDays: number;
}

export const DEFAULT_SETTINGS: SiteSettings = {
  journalistsCanPublish: false, duplicateGuard: true, entitySuggestions: true, sectionSuggestions: true, duplicateWindowDays: 7,
};

/** The window's bounds: a day at least, three months at most (the index is read by day). */
export const WINDOW_DAYS_RANGE = { min: 1, max: 90 } as const;

export async function readSettings(db: Queryable): Promise<SiteSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const stored = Object.fromEntries(rows.map((r) => [r.key, fromJson<unknown>(r.value)]));
  const flag = (key: keyof SiteSettings & string): boolean => typeof stored[key] === 'boolean' ? stored[key] : DEFAULT_SETTINGS[key] as boolean;
  const days = stored['duplicateWindowDays'];
  return {
    journalistsCanPublish: flag('journalistsCanPublish'),
    duplicateGuard: flag('duplicateGuard'),
    entitySuggestions: flag('entitySuggestions'),
    sectionSuggestions: flag('sectionSuggestions'),
    duplicateWindowDays: typeof days === 'number' && Number.isInteger(days) && days >= WINDOW_DAYS_RANGE.min && days <= WINDOW_DAYS_RANGE.max ? days : DEFAULT_SETTINGS.duplicateWindowDays,
  };
}

export async function writeSetting<K extends keyof SiteSettings>(db: Queryable, key: K, value: SiteSettings[K], at: Date): Promise<void> {
  const json = JSON.stringify(value);
  await db.insertInto('settings').values({ key, value: json, updated_at: at.toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json, updated_at: at.toISOString() })).execute();
}

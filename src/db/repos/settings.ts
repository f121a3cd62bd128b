import type { Queryable } from '../database.ts';
import { fromJson } from '../schema.ts';
import {
  DEFAULT_SETTINGS,
  WINDOW_DAYS_RANGE,
  type SiteSettings,
} from '../../domain/settings.ts';

export async function readSettings(db: Queryable): Promise<SiteSettings> {
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .execute();
  const stored = Object.fromEntries(
    rows.map((r) => [r.key, fromJson<unknown>(r.value)]),
  );
  const flag = (key: keyof SiteSettings & string): boolean =>
    typeof stored[key] === 'boolean'
      ? stored[key]
      : (DEFAULT_SETTINGS[key] as boolean);
  const days = stored['duplicateWindowDays'];
  return {
    journalistsCanPublish: flag('journalistsCanPublish'),
    duplicateGuard: flag('duplicateGuard'),
    entitySuggestions: flag('entitySuggestions'),
    sectionSuggestions: flag('sectionSuggestions'),
    duplicateWindowDays:
      typeof days === 'number' &&
      Number.isInteger(days) &&
      days >= WINDOW_DAYS_RANGE.min &&
      days <= WINDOW_DAYS_RANGE.max
        ? days
        : DEFAULT_SETTINGS.duplicateWindowDays,
  };
}

export async function writeSetting<K extends keyof SiteSettings>(
  db: Queryable,
  key: K,
  value: SiteSettings[K],
  at: Date,
): Promise<void> {
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key, value: json, updated_at: at.toISOString() })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ value: json, updated_at: at.toISOString() }),
    )
    .execute();
}

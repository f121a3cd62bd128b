import { EVENT_NAMES, type EventName } from '../events/names.ts';

/*
 * Webhook event types, derived from the bus's event names (never a second list):
 * `articles.publish` → `article.published`, `sections.create` → `section.created`… plus
 * `fil_info.breaking`, sent with `article.published` when the article is breaking news.
 * Only content leaves: accounts, settings and integrations stay inside the newsroom.
 */
const PUBLIC_RESOURCES = [
  'articles',
  'sections',
  'tags',
  'authors',
  'media',
] as const;

/** The verb part of every event name (`articles.publish` → `publish`), as a type. */
type EventVerb = EventName extends `${string}.${infer Verb}` ? Verb : never;

/** Past participles of the bus's verbs, for the English webhook names; a new verb must add its own (the compiler asks). */
const PARTICIPLE: Record<EventVerb, string> = {
  create: 'created',
  update: 'updated',
  submit: 'submitted',
  return: 'returned',
  publish: 'published',
  schedule: 'scheduled',
  unschedule: 'unscheduled',
  unpublish: 'unpublished',
  correct: 'corrected',
  trash: 'trashed',
  restore: 'restored',
  replace: 'replaced',
  delete: 'deleted',
  revoke: 'revoked',
  // Live blogs: started, ended or rescored; an entry posted, edited or deleted.
  live: 'live_changed',
  live_entry: 'live_entry_changed',
  link_translations: 'translations_linked',
  // A batch of a bulk import (`article.imported`, payload: count, first and last ids).
  import: 'imported',
};

export const BREAKING = 'fil_info.breaking';

/** The webhook type of a bus event, or null when it does not leave the newsroom. */
export function webhookTypeOf(name: EventName): string | null {
  const [resource, verb] = name.split('.') as [string, EventVerb];
  if (!(PUBLIC_RESOURCES as readonly string[]).includes(resource)) return null;
  return `${resource.replace(/s$/, '')}.${PARTICIPLE[verb]}`;
}

/** Every type a subscription may ask for, in the bus's order. */
export const WEBHOOK_TYPES: readonly string[] = [
  ...EVENT_NAMES.map(webhookTypeOf).filter((t): t is string => t !== null),
  BREAKING,
];

/** The bus events the outbox processor follows. */
export const WEBHOOK_SOURCE_EVENTS: readonly EventName[] = EVENT_NAMES.filter(
  (n) => webhookTypeOf(n) !== null,
);

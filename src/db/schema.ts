import type { ColumnType, Generated, Selectable } from 'kysely';

/**
 * Table types for Kysely. Times are written as ISO-8601 UTC strings and read back as a Date
 * (PostgreSQL) or a string (SQLite): repositories convert with `toDate`.
 */
export type Time = ColumnType<Date | string, string, string>;
export type NullableTime = ColumnType<
  Date | string | null,
  string | null | undefined,
  string | null
>;
/** SQLite hands booleans back as 0/1. */
export type Flag = ColumnType<boolean | number, boolean | undefined, boolean>;
export type Json = ColumnType<unknown, string, string>;

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string | null;
  role: string;
  status: Generated<string>;
  created_at: Time;
  updated_at: Time;
}

export interface SectionsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  description: Generated<string>;
  position: Generated<number>;
  created_at: Time;
  /** Whether the section's articles go into the Google News sitemap (migration 0004). */
  in_news_sitemap: Flag;
  /** The code of the edition the section belongs to (migration 0800). */
  edition: Generated<string>;
}

export interface AuthorsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  bio: Generated<string>;
  user_id: number | null;
  created_at: Time;
}

export interface TagsTable {
  id: Generated<number>;
  slug: string;
  name: string;
  kind: Generated<string>;
  created_at: Time;
}

export interface ArticlesTable {
  id: Generated<number>;
  slug: string;
  title: string;
  lead: Generated<string>;
  body_source: Generated<string>;
  body_html: Generated<string>;
  status: string;
  section_id: number | null;
  language: Generated<string>;
  is_featured: Flag;
  is_breaking: Flag;
  cover_url: string | null;
  cover_alt: string | null;
  cover_caption: string | null;
  cover_credit: string | null;
  /** The cover picture from the media library (migration 0020); cover_url then holds its canonical URL. */
  cover_media_id: ColumnType<
    number | null,
    number | null | undefined,
    number | null
  >;
  seo_title: string | null;
  seo_description: string | null;
  correction_note: string | null;
  return_note: Generated<string | null>;
  version: Generated<number>;
  created_by: number | null;
  created_at: Time;
  updated_at: Time;
  first_published_at: NullableTime;
  published_at: NullableTime;
  modified_at: NullableTime;
  scheduled_at: NullableTime;
  deleted_at: NullableTime;
  /** The code of the edition the article belongs to (migration 0800). */
  edition: Generated<string>;
  /** Shared by the translations of one story across editions: the first one's id. */
  translation_group: Generated<number | null>;
}

/** An edition of the newsroom (migration 0800). */
export interface EditionsTable {
  id: Generated<number>;
  code: string;
  language: string;
  name: string;
  path_prefix: Generated<string>;
  host: string | null;
  news_publication_name: string;
  legal_notice: Generated<string>;
  position: Generated<number>;
  created_at: Time;
}

/** The article's publication time while it is public, null otherwise: kept by triggers alone. */
type LinkPublicAt = ColumnType<Date | string | null, never, never>;
export interface ArticleAuthorsTable {
  article_id: number;
  author_id: number;
  position: number;
  public_at: LinkPublicAt;
}
export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
  position: Generated<number>;
  public_at: LinkPublicAt;
}

export interface RevisionsTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  snapshot: Json;
  user_id: number | null;
  created_at: Time;
}

export interface EventsTable {
  id: Generated<number>;
  name: string;
  article_id: number | null;
  actor_id: number | null;
  payload: Json;
  created_at: Time;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: Time;
  expires_at: Time;
  ip: string | null;
}
export interface OneTimeTokensTable {
  token_hash: string;
  purpose: string;
  user_id: number | null;
  created_at: Time;
  expires_at: Time;
  used_at: NullableTime;
}
export interface LoginFailuresTable {
  id: Generated<number>;
  email: string;
  ip: string;
  created_at: Time;
}
export interface UserSectionsTable {
  user_id: number;
  section_id: number;
}
export interface SettingsTable {
  key: string;
  value: Json;
  updated_at: Time;
}

export interface EditorialSignaturesTable {
  article_id: number;
  status: string;
  day: number;
  section_id: number | null;
  signature: string;
  entities: string;
  counted_section: number | null;
  counted_terms: string | null;
  updated_at: Time;
}
export interface EditorialPostingsTable {
  term: number;
  day: number;
  article_id: number;
}
export interface EditorialTermsTable {
  term: string;
  section_id: number;
  docs: number;
}
export interface EditorialSectionsTable {
  section_id: number;
  docs: number;
  terms: number;
}
export interface TagAliasesTable {
  alias_key: string;
  tag_id: number;
  alias: string;
}

export interface MediaTable {
  id: Generated<number>;
  original_key: string;
  content_hash: string;
  mime_type: string;
  width: number;
  height: number;
  bytes: number;
  file_name: string;
  focal_x: Generated<number>;
  focal_y: Generated<number>;
  crops: Json;
  alt: Generated<string>;
  decorative: Flag;
  caption: Generated<string>;
  credit: Generated<string>;
  copyright: Generated<string>;
  usage_notes: Generated<string>;
  search_terms: Generated<string>;
  uploaded_by: number | null;
  version: Generated<number>;
  created_at: Time;
  updated_at: Time;
}
export interface MediaUsesTable {
  media_id: number;
  article_id: number;
  role: string;
}
export interface ApiCredentialsTable {
  id: Generated<number>;
  kind: string;
  name: string;
  prefix: string;
  token_hash: string;
  role: string | null;
  section_ids: Generated<string>;
  user_id: number;
  cors_origins: Generated<string>;
  rate_per_minute: Generated<number>;
  created_by: number;
  created_at: Time;
  last_used_at: NullableTime;
  revoked_at: NullableTime;
}

export interface PreviewLinksTable {
  id: Generated<number>;
  article_id: number;
  token_hash: string;
  created_by: number;
  created_at: Time;
  expires_at: Time;
  revoked_at: NullableTime;
}

export interface WebhookSubscriptionsTable {
  id: Generated<number>;
  name: string;
  url: string;
  events: string;
  secret: string;
  status: Generated<string>;
  disabled_at: NullableTime;
  disabled_reason: string | null;
  created_by: number;
  created_at: Time;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  subscription_id: number;
  event_id: number;
  event_type: string;
  payload: string;
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: Time;
  locked_until: NullableTime;
  delivered_at: NullableTime;
  created_at: Time;
}

export interface WebhookAttemptsTable {
  id: Generated<number>;
  delivery_id: number;
  subscription_id: number;
  attempted_at: Time;
  status_code: number | null;
  duration_ms: number;
  response_excerpt: Generated<string>;
  error: string | null;
}
/** Audience (migration 0040): see that migration for what each table keeps and for how long. */
export interface AudienceSaltsTable {
  day: string;
  salt: string;
}
export interface AudienceVisitorsTable {
  day: string;
  visitor: string;
}
export interface AudienceHourlyTable {
  hour: Time;
  article_id: number;
  section_id: number;
  referrer: string;
  views: number;
}
/** Live blogs (migration 0041). */
export interface LiveBlogsTable {
  article_id: number;
  state: string;
  started_at: Time;
  ended_at: NullableTime;
  scoreboard: Json | null;
  updated_at: Time;
}
export interface LiveEntriesTable {
  id: Generated<number>;
  article_id: number;
  author_user_id: number | null;
  author_name: string | null;
  body_source: string;
  body_html: string;
  key_moment: Flag;
  created_at: Time;
  updated_at: Time;
  deleted_at: NullableTime;
}
export interface AudienceDailyTable {
  day: string;
  visitors: number;
  views: number;
  computed_at: Time;
}

export interface LiveReadersTable {
  node_id: string;
  readers: number;
  seen_at: Time;
}
/** What each imported source record became (migration 0700). */
export interface ImportMapTable {
  source: string;
  kind: string;
  source_id: string;
  target_id: number;
  created_at: Time;
}
/** Old paths answered with a 301 (migration 0700). */
export interface RedirectsTable {
  from_path: string;
  to_path: string;
  article_id: number | null;
  created_at: Time;
}

/** One member told of one event (issue 16 item 8). */
export interface NotificationsTable {
  id: Generated<number>;
  user_id: number;
  event_id: number;
  article_id: number | null;
  kind: string;
  actor_id: number | null;
  note: string | null;
  created_at: Time;
  read_at: NullableTime;
}

/** A newsroom comment on an article (issue 16 item 8): back office only. */
export interface ArticleCommentsTable {
  id: Generated<number>;
  article_id: number;
  author_id: number;
  body: string;
  created_at: Time;
  resolved_at: NullableTime;
  resolved_by: number | null;
}

export interface Database {
  article_comments: ArticleCommentsTable;
  notifications: NotificationsTable;
  editions: EditionsTable;
  media: MediaTable;
  media_uses: MediaUsesTable;
  sessions: SessionsTable;
  one_time_tokens: OneTimeTokensTable;
  login_failures: LoginFailuresTable;
  user_sections: UserSectionsTable;
  settings: SettingsTable;
  users: UsersTable;
  sections: SectionsTable;
  authors: AuthorsTable;
  tags: TagsTable;
  articles: ArticlesTable;
  article_authors: ArticleAuthorsTable;
  article_tags: ArticleTagsTable;
  revisions: RevisionsTable;
  events: EventsTable;
  editorial_signatures: EditorialSignaturesTable;
  editorial_postings: EditorialPostingsTable;
  editorial_terms: EditorialTermsTable;
  editorial_sections: EditorialSectionsTable;
  tag_aliases: TagAliasesTable;
  api_credentials: ApiCredentialsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  audience_salts: AudienceSaltsTable;
  audience_visitors: AudienceVisitorsTable;
  audience_hourly: AudienceHourlyTable;
  audience_daily: AudienceDailyTable;
  live_blogs: LiveBlogsTable;
  live_entries: LiveEntriesTable;
  live_readers: LiveReadersTable;
  import_map: ImportMapTable;
  redirects: RedirectsTable;
  preview_links: PreviewLinksTable;
}

/** An article row as the record is read from (the edition columns are read by db/repos/editions.ts). */
export type ArticleRow = Omit<
  Selectable<ArticlesTable>,
  'edition' | 'translation_group'
>;

/** A stored time as a Date, whichever dialect returned it. */
export function toDate(value: Date | string): Date;
export function toDate(value: Date | string | null): Date | null;
export function toDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}

/** Parses a JSON column, which PostgreSQL (jsonb) already parsed and SQLite (text) did not. */
export function fromJson<T>(value: unknown): T {
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

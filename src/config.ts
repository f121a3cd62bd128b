import { z } from 'zod';

/** A follow link shown in the header and footer ("Suivez-nous sur Facebook"). */
export interface FollowLink { network: 'facebook' | 'x' | 'whatsapp' | 'instagram' | 'youtube' | 'linkedin'; url: string }

const optionalUrl = z.string().url().optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().default('sqlite:./data/newsdesk.sqlite'),
  SITE_URL: z.string().url().default('http://localhost:3000'),
  SITE_NAME: z.string().min(1).default('Le Quotidien de l’Atlas'),
  SITE_TAGLINE: z.string().default('L’information du Maroc et du monde, en continu'),
  SITE_TIMEZONE: z.string().default('Africa/Casablanca'),
  SITE_LANG: z.string().default('fr'),
  FOLLOW_FACEBOOK: optionalUrl,
  FOLLOW_X: optionalUrl,
  FOLLOW_WHATSAPP: optionalUrl,
  FOLLOW_INSTAGRAM: optionalUrl,
  FOLLOW_YOUTUBE: optionalUrl,
  LEGAL_DIRECTOR: z.string().default('Nom du directeur de la publication (à configurer)'),
  LEGAL_PUBLISHER: z.string().default('Société éditrice SARL, adresse du siège (à configurer)'),
  LEGAL_HOST: z.string().default('Hébergeur, adresse (à configurer)'),
  LEGAL_REGISTRATION: z.string().default('Dépôt légal et autorisation de publication (à configurer)'),
  // Feeds carry the whole article body (true) or only its chapô (false).
  FEED_FULL_TEXT: z.stringbool().default(true),
  // A WebSub hub to ping when an article is published or updated (optional).
  WEBSUB_HUB: optionalUrl,
  SEARCH_RECENCY_HALF_LIFE_DAYS: z.coerce.number().positive().max(100_000).default(180),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LIVE_MAX_CLIENTS: z.coerce.number().int().min(0).default(10_000),
  LIVE_MAX_PER_IP: z.coerce.number().int().min(0).default(20),
  LIVE_HEARTBEAT_MS: z.coerce.number().int().min(10).default(20_000),
  LIVE_POLL_MS: z.coerce.number().int().min(10).default(5_000),
  LIVE_REPLAY_MAX: z.coerce.number().int().min(1).default(500),
  LIVE_GRACE_MS: z.coerce.number().int().min(0).optional(),
  AUDIENCE_FLUSH_MS: z.coerce.number().int().min(10).max(60_000).default(2_000),
  AUDIENCE_BEACONS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
});

export type DatabaseTarget =
  | { dialect: 'sqlite'; path: string }
  | { dialect: 'postgres'; connectionString: string };

export interface SiteConfig {
  url: string;
  name: string;
  tagline: string;
  timeZone: string;
  lang: string;
  locale: string;
  follow: FollowLink[];
  legal: { director: string; publisher: string; host: string; registration: string };
}

/** The live fil info (server-sent events): limits and timings, see README « Live fil info ». */
export interface LiveConfig {
  /** Open streams a process accepts in all (503 beyond). */
  maxClients: number;
  /** Open streams per client address (429 beyond). */
  maxPerIp: number;
  /** A comment line this often keeps proxies from closing an idle stream. */
  heartbeatMs: number;
  /** The events table is read this often even without a signal: a lost NOTIFY loses no event. */
  pollMs: number;
  /** A client further behind than this many events is told to reload instead of replaying. */
  replayMax: number;
  /** How long a gap in event ids may hide a transaction still committing (default: 0 on SQLite, 3 s on PostgreSQL). */
  graceMs: number | null;
}

/** Feeds and sitemaps: see README « Feeds, sitemaps and social cards ». */
export interface DistributionConfig {
  feedFullText: boolean;
  websubHub: string | null;
}

/** Audience counting: see README « Audience ». */
export interface AudienceConfig {
  /** Counters are kept in memory this long before being added to the database. */
  flushMs: number;
  /** Beacons accepted per minute from one address and browser (beyond: 429, not counted). */
  beaconsPerMinute: number;
}

export interface Config {
  port: number;
  host: string;
  database: DatabaseTarget;
  site: SiteConfig;
  distribution: DistributionConfig;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  live: LiveConfig;
  audience: AudienceConfig;
  /** Search ranking: relevance is halved for every `halfLifeDays` of an article's age. */
  search: { halfLifeDays: number };
}

/** Reads `sqlite:path`, `file:path`, a bare path, or a postgres:// URL. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url)) return { dialect: 'postgres', connectionString: url };
  const path = url.replace(/^(sqlite|file):(\/\/)?/, '');
  if (path === '') throw new ConfigError('DATABASE_URL: give a SQLite file path (sqlite:./data/newsdesk.sqlite) or a postgres:// URL');
  return { dialect: 'sqlite', path };
}

export class ConfigError extends Error {}

/** Parses the environment once, at start-up; every error names the variable to fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration in the environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  try {
    new Intl.DateTimeFormat('fr', { timeZone: e.SITE_TIMEZONE });
  } catch {
    throw new ConfigError(`SITE_TIMEZONE: unknown time zone "${e.SITE_TIMEZONE}" (try Africa/Casablanca)`);
  }
  const follow: FollowLink[] = [];
  const add = (network: FollowLink['network'], url: string | undefined) => { if (url) follow.push({ network, url }); };
  add('facebook', e.FOLLOW_FACEBOOK ?? 'https://www.facebook.com/');
  add('x', e.FOLLOW_X ?? 'https://x.com/');
  add('whatsapp', e.FOLLOW_WHATSAPP ?? 'https://www.whatsapp.com/channel/');
  add('instagram', e.FOLLOW_INSTAGRAM);
  add('youtube', e.FOLLOW_YOUTUBE);
  return {
    port: e.PORT,
    host: e.HOST,
    database: parseDatabaseUrl(e.DATABASE_URL),
    logLevel: e.LOG_LEVEL,
    live: {
      maxClients: e.LIVE_MAX_CLIENTS, maxPerIp: e.LIVE_MAX_PER_IP, heartbeatMs: e.LIVE_HEARTBEAT_MS,
      pollMs: e.LIVE_POLL_MS, replayMax: e.LIVE_REPLAY_MAX, graceMs: e.LIVE_GRACE_MS ?? null,
    },
    audience: { flushMs: e.AUDIENCE_FLUSH_MS, beaconsPerMinute: e.AUDIENCE_BEACONS_PER_MINUTE },
    distribution: { feedFullText: e.FEED_FULL_TEXT, websubHub: e.WEBSUB_HUB ?? null },
    search: { halfLifeDays: e.SEARCH_RECENCY_HALF_LIFE_DAYS },
    site: {
      url: e.SITE_URL.replace(/\/+$/, ''),
      name: e.SITE_NAME,
      tagline: e.SITE_TAGLINE,
      timeZone: e.SITE_TIMEZONE,
      lang: e.SITE_LANG,
      locale: e.SITE_LANG === 'fr' ? 'fr-FR' : e.SITE_LANG,
      follow,
      legal: {
        director: e.LEGAL_DIRECTOR,
        publisher: e.LEGAL_PUBLISHER,
        host: e.LEGAL_HOST,
        registration: e.LEGAL_REGISTRATION,
      },
    },
  };
}

import { isIP } from 'node:net';
import { dirname, join } from 'node:path';
import { z } from 'zod';

/** A follow link shown in the header and footer ("Suivez-nous sur Facebook"). */
export interface FollowLink {
  network: 'facebook' | 'x' | 'whatsapp' | 'instagram' | 'youtube' | 'linkedin';
  url: string;
}

const optionalUrl = z.string().url().optional();

/** Names @fastify/proxy-addr knows for address ranges. */
const PROXY_RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** An address, a CIDR range (10.0.0.0/8, fd00::/8) or a range name, as Fastify's `trustProxy` takes. */
function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  return (
    prefix === undefined ||
    (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128))
  );
}

/**
 * Which proxies may tell us the client's address (X-Forwarded-For): none by default, since a
 * client can send that header itself. `true` trusts every hop; a comma-separated list trusts the
 * proxies at those addresses or ranges. A hop count is refused: Fastify 5.12 ignores it (it cannot
 * check the nearest peer, so it trusts no one), and a setting that silently does nothing is worse.
 */
const trustProxySchema = z
  .string()
  .trim()
  .default('false')
  .transform((value, ctx): boolean | string[] => {
    if (value === '' || value === 'false') return false;
    if (value === 'true') return true;
    if (/^\d+$/.test(value)) {
      ctx.addIssue({
        code: 'custom',
        message:
          "a hop count is not supported: list your proxies' addresses instead (TRUST_PROXY=127.0.0.1 for a proxy on this machine, or ranges such as 10.0.0.0/8)",
      });
      return false;
    }
    const entries = value
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const bad = entries.filter((entry) => !isProxyAddress(entry));
    if (bad.length)
      ctx.addIssue({
        code: 'custom',
        message: `not an address or CIDR range: ${bad.join(', ')} (give false, true, or addresses and ranges such as 127.0.0.1,10.0.0.0/8)`,
      });
    return entries;
  });

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().default('sqlite:./data/newsdesk.sqlite'),
  // Unset: the address actually served (see `adoptServedAddress`).
  SITE_URL: z.string().url().optional(),
  TRUST_PROXY: trustProxySchema,
  SITE_NAME: z.string().min(1).default('Le Quotidien de l’Atlas'),
  SITE_TAGLINE: z
    .string()
    .default('L’information du Maroc et du monde, en continu'),
  SITE_TIMEZONE: z.string().default('Africa/Casablanca'),
  SITE_LANG: z.string().default('fr'),
  FOLLOW_FACEBOOK: optionalUrl,
  FOLLOW_X: optionalUrl,
  FOLLOW_WHATSAPP: optionalUrl,
  FOLLOW_INSTAGRAM: optionalUrl,
  FOLLOW_YOUTUBE: optionalUrl,
  LEGAL_DIRECTOR: z
    .string()
    .default('Nom du directeur de la publication (à configurer)'),
  LEGAL_PUBLISHER: z
    .string()
    .default('Société éditrice SARL, adresse du siège (à configurer)'),
  LEGAL_HOST: z.string().default('Hébergeur, adresse (à configurer)'),
  LEGAL_REGISTRATION: z
    .string()
    .default('Dépôt légal et autorisation de publication (à configurer)'),
  // Feeds carry the whole article body (true) or only its chapô (false).
  FEED_FULL_TEXT: z.stringbool().default(true),
  // A WebSub hub to ping when an article is published or updated (optional).
  WEBSUB_HUB: optionalUrl,
  // E-mail notifications (issue 16): off unless SMTP_URL is set, e.g. smtp://user:pass@host:587.
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//)
    .optional(),
  MAIL_FROM: z.string().default('newsdesk <newsdesk@localhost>'),
  // Memory for kept public pages, per process (LRU past it; see http/site/derivedCache.ts).
  PAGE_CACHE_MB: z.coerce.number().int().min(1).max(65_536).default(64),
  SEARCH_RECENCY_HALF_LIFE_DAYS: z.coerce
    .number()
    .positive()
    .max(100_000)
    .default(180),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info'),
  LIVE_MAX_CLIENTS: z.coerce.number().int().min(0).default(10_000),
  LIVE_MAX_PER_IP: z.coerce.number().int().min(0).default(20),
  LIVE_HEARTBEAT_MS: z.coerce.number().int().min(10).default(20_000),
  LIVE_POLL_MS: z.coerce.number().int().min(10).default(5_000),
  LIVE_REPLAY_MAX: z.coerce.number().int().min(1).default(500),
  LIVE_GRACE_MS: z.coerce.number().int().min(0).optional(),
  // Pictures: where files live (see README « Pictures »).
  MEDIA_STORAGE: z.enum(['disk', 's3']).default('disk'),
  MEDIA_DIR: z.string().min(1).optional(),
  MEDIA_MAX_UPLOAD_MB: z.coerce.number().positive().max(1024).default(25),
  MEDIA_MAX_MEGAPIXELS: z.coerce.number().positive().max(1000).default(60),
  S3_BUCKET: z.string().min(1).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ENDPOINT: optionalUrl,
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.stringbool().default(true),
  S3_PREFIX: z.string().default(''),
  MEDIA_PUBLIC_URL: optionalUrl,
  // Webhooks: the outbox is read this often; retries wait these delays in turn (ms, comma-separated).
  WEBHOOK_POLL_MS: z.coerce.number().int().min(10).default(5_000),
  WEBHOOK_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(100)
    .max(60_000)
    .default(10_000),
  WEBHOOK_RETRY_DELAYS_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'comma-separated milliseconds, e.g. 5000,300000')
    .optional(),
  AUDIENCE_FLUSH_MS: z.coerce.number().int().min(10).max(60_000).default(2_000),
  AUDIENCE_BEACONS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
});

/** Standard Webhooks' schedule stretched to about three days: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 20 h. */
export const DEFAULT_WEBHOOK_RETRY_DELAYS_MS = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000,
  72_000_000, 72_000_000,
];

export type DatabaseTarget =
  | { dialect: 'sqlite'; path: string }
  | { dialect: 'postgres'; connectionString: string };

export interface SiteConfig {
  /** The public base URL, without a trailing slash. */
  url: string;
  /** True when SITE_URL was not given: `url` then follows the address the server listens on. */
  urlFromServer: boolean;
  name: string;
  tagline: string;
  timeZone: string;
  lang: string;
  locale: string;
  follow: FollowLink[];
  legal: {
    director: string;
    publisher: string;
    host: string;
    registration: string;
  };
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

/** Webhook delivery: see docs/API.md « Webhooks ». */
export interface WebhookConfig {
  pollMs: number;
  timeoutMs: number;
  /** The wait before each retry; after the last one fails the delivery is abandoned and the subscription disabled. */
  retryDelaysMs: number[];
}

/** Feeds and sitemaps: see README « Feeds, sitemaps and social cards ». */
export interface DistributionConfig {
  feedFullText: boolean;
  websubHub: string | null;
}

/** Where picture files (originals and renditions) are kept, and what an upload may be. */
export type MediaStorageConfig =
  | { kind: 'disk'; dir: string }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      endpoint: string | null;
      accessKeyId: string | null;
      secretAccessKey: string | null;
      forcePathStyle: boolean;
      prefix: string;
      /** Where the bucket (below the prefix) is public, e.g. through a CDN: pages link renditions there. */
      publicUrl: string | null;
    };

export interface MediaConfig {
  storage: MediaStorageConfig;
  /** Largest file accepted, in bytes (larger ones are cut off while streaming and refused). */
  maxUploadBytes: number;
  /** Largest picture accepted, in pixels (width × height), read before decoding: decompression bombs stop here. */
  maxPixels: number;
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
  /** Fastify's `trustProxy`: false, true, or the addresses and ranges of trusted proxies. */
  trustProxy: boolean | string[];
  database: DatabaseTarget;
  site: SiteConfig;
  distribution: DistributionConfig;
  /** E-mail notifications: sent only when `smtpUrl` is set. */
  mail: { smtpUrl: string | null; from: string };
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  live: LiveConfig;
  webhooks: WebhookConfig;
  audience: AudienceConfig;
  /** Search ranking: relevance is halved for every `halfLifeDays` of an article's age. */
  search: { halfLifeDays: number };
  /** Bytes of rendered public pages each process keeps, least recently used forgotten first. */
  pageCacheBytes: number;
  media: MediaConfig;
}

/** The data folder: beside the SQLite file when there is one, else ./data. */
function defaultMediaDir(database: DatabaseTarget): string {
  return database.dialect === 'sqlite'
    ? join(dirname(database.path), 'media')
    : join('data', 'media');
}

function mediaConfig(
  e: z.infer<typeof envSchema>,
  database: DatabaseTarget,
): MediaConfig {
  const limits = {
    maxUploadBytes: Math.round(e.MEDIA_MAX_UPLOAD_MB * 1024 * 1024),
    maxPixels: Math.round(e.MEDIA_MAX_MEGAPIXELS * 1_000_000),
  };
  if (e.MEDIA_STORAGE === 'disk') {
    if (e.MEDIA_PUBLIC_URL)
      throw new ConfigError(
        'MEDIA_PUBLIC_URL: only with MEDIA_STORAGE=s3 (pictures on disk are served by newsdesk itself)',
      );
    return {
      storage: { kind: 'disk', dir: e.MEDIA_DIR ?? defaultMediaDir(database) },
      ...limits,
    };
  }
  if (!e.S3_BUCKET)
    throw new ConfigError(
      'S3_BUCKET: MEDIA_STORAGE=s3 needs the bucket name (and S3_ENDPOINT for a service other than AWS)',
    );
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY))
    throw new ConfigError(
      "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: give both, or neither to use the SDK's usual credentials",
    );
  return {
    storage: {
      kind: 's3',
      bucket: e.S3_BUCKET,
      region: e.S3_REGION,
      endpoint: e.S3_ENDPOINT ?? null,
      accessKeyId: e.S3_ACCESS_KEY_ID ?? null,
      secretAccessKey: e.S3_SECRET_ACCESS_KEY ?? null,
      forcePathStyle: e.S3_FORCE_PATH_STYLE,
      prefix: e.S3_PREFIX.replace(/^\/+/, ''),
      publicUrl: e.MEDIA_PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    },
    ...limits,
  };
}

/** Reads `sqlite:path`, `file:path`, a bare path, or a postgres:// URL. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url))
    return { dialect: 'postgres', connectionString: url };
  const path = url.replace(/^(sqlite|file):(\/\/)?/, '');
  if (path === '')
    throw new ConfigError(
      'DATABASE_URL: give a SQLite file path (sqlite:./data/newsdesk.sqlite) or a postgres:// URL',
    );
  return { dialect: 'sqlite', path };
}

export class ConfigError extends Error {}

/** Parses the environment once, at start-up; every error names the variable to fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset (`SITE_URL= npm start`).
  const parsed = envSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(
      `Invalid configuration in the environment:\n${lines.join('\n')}`,
    );
  }
  const e = parsed.data;
  try {
    new Intl.DateTimeFormat('fr', { timeZone: e.SITE_TIMEZONE });
  } catch {
    throw new ConfigError(
      `SITE_TIMEZONE: unknown time zone "${e.SITE_TIMEZONE}" (try Africa/Casablanca)`,
    );
  }
  const follow: FollowLink[] = [];
  const add = (network: FollowLink['network'], url: string | undefined) => {
    if (url) follow.push({ network, url });
  };
  add('facebook', e.FOLLOW_FACEBOOK ?? 'https://www.facebook.com/');
  add('x', e.FOLLOW_X ?? 'https://x.com/');
  add('whatsapp', e.FOLLOW_WHATSAPP ?? 'https://www.whatsapp.com/channel/');
  add('instagram', e.FOLLOW_INSTAGRAM);
  add('youtube', e.FOLLOW_YOUTUBE);
  const database = parseDatabaseUrl(e.DATABASE_URL);
  return {
    port: e.PORT,
    host: e.HOST,
    trustProxy: e.TRUST_PROXY,
    database,
    media: mediaConfig(e, database),
    logLevel: e.LOG_LEVEL,
    live: {
      maxClients: e.LIVE_MAX_CLIENTS,
      maxPerIp: e.LIVE_MAX_PER_IP,
      heartbeatMs: e.LIVE_HEARTBEAT_MS,
      pollMs: e.LIVE_POLL_MS,
      replayMax: e.LIVE_REPLAY_MAX,
      graceMs: e.LIVE_GRACE_MS ?? null,
    },
    audience: {
      flushMs: e.AUDIENCE_FLUSH_MS,
      beaconsPerMinute: e.AUDIENCE_BEACONS_PER_MINUTE,
    },
    mail: { smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM },
    distribution: {
      feedFullText: e.FEED_FULL_TEXT,
      websubHub: e.WEBSUB_HUB ?? null,
    },
    webhooks: {
      pollMs: e.WEBHOOK_POLL_MS,
      timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      retryDelaysMs: e.WEBHOOK_RETRY_DELAYS_MS
        ? e.WEBHOOK_RETRY_DELAYS_MS.split(',').map(Number)
        : DEFAULT_WEBHOOK_RETRY_DELAYS_MS,
    },
    search: { halfLifeDays: e.SEARCH_RECENCY_HALF_LIFE_DAYS },
    pageCacheBytes: e.PAGE_CACHE_MB * 1024 * 1024,
    site: {
      url: (e.SITE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
      urlFromServer: e.SITE_URL === undefined,
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

/**
 * Without SITE_URL, the public address is the one actually served: called once the server
 * listens, with its real port (`--port`, or port 0). Loopback and wildcard hosts become
 * `localhost`. Everything that builds absolute links reads `site.url` when it renders, so
 * setting it here, before the first request, reaches them all.
 */
export function adoptServedAddress(
  site: SiteConfig,
  served: { address: string; port: number },
): void {
  if (!site.urlFromServer) return;
  const local = ['127.0.0.1', '::1', '0.0.0.0', '::'].includes(served.address);
  const host = local
    ? 'localhost'
    : served.address.includes(':')
      ? `[${served.address}]`
      : served.address;
  site.url = `http://${host}:${served.port}`;
}

/** Why the public address looks wrong for a production site, or null. */
export function siteUrlWarning(site: SiteConfig): string | null {
  const url = new URL(site.url);
  const problems: string[] = [];
  if (site.urlFromServer)
    problems.push('SITE_URL is not set, so links use the address served');
  if (url.protocol !== 'https:') problems.push('it is not https');
  if (
    ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) ||
    url.hostname.endsWith('.localhost')
  )
    problems.push('it names this machine');
  if (!problems.length) return null;
  return `Public address ${site.url}: ${problems.join('; ')}. Readers, feeds, sitemaps and share links get this address: in production, set SITE_URL to the site's public https address (e.g. SITE_URL=https://www.example.ma).`;
}

import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import {
  adoptServedAddress,
  loadConfig,
  siteUrlWarning,
  type Config,
} from './config.ts';
import {
  migrateToLatest,
  openDatabase,
  type DatabaseHandle,
} from './db/database.ts';
import { systemClock, type Clock } from './domain/clock.ts';
import { buildApp } from './app.ts';
import { loadDemoContent } from './demo/loadDemo.ts';
import { loadDemoAudience } from './demo/demoAudience.ts';
import { createServices, type Services } from './services.ts';
import { hasOwner } from './db/repos/users.ts';
import { issueOneTimeLink } from './commands/accounts/tokens.ts';
import { startScheduler } from './jobs/scheduler.ts';
import { startAudienceJob } from './jobs/audienceDaily.ts';
import { ensureSearchIndex } from './search/indexer.ts';
import { WebhookDispatcher } from './webhooks/dispatcher.ts';
import { reportLoopStatsOnSignal } from './loopStats.ts';
import { EarlyServer } from './http/earlyServer.ts';
import {
  markStartPhase,
  reportStartPhasesAfterFirstResponse,
} from './startPhases.ts';

export interface ServeOptions {
  demo: boolean;
  port?: number;
  host?: string;
  /** How often scheduled articles are checked (ms); well under the 10 s promised to editors. */
  schedulerIntervalMs?: number;
  /** Tests move time with their own clock; the server uses the system clock otherwise. */
  clock?: Clock;
}

export interface RunningServer {
  app: FastifyInstance;
  handle: DatabaseHandle;
  /** What the app runs on: tests and benchmarks run commands against the same process with it. */
  services: Services;
  address: string;
  /** The one-time link that creates the owner, on a first run with no account. */
  setupUrl: string | null;
  stop(): Promise<void>;
}

/** How long after listening the background warm-up starts (see startServer). */
const WARM_UP_DELAY_MS = 1_000;

/**
 * listen → config → database (migrated) → demo content if empty → app → open. The port is
 * bound first (Build 5 of the speed issue): a request that arrives while the archive is checked
 * and the app built waits for its page (EarlyServer) rather than being refused.
 */
export async function startServer(
  config: Config,
  options: ServeOptions,
): Promise<RunningServer> {
  markStartPhase('modules-loaded');
  const early = new EarlyServer();
  const bound = await early.listen(
    options.port ?? config.port,
    options.host ?? config.host,
  );
  markStartPhase('listening');
  // The first request may come now, held until the app opens: its end is the first response.
  reportStartPhasesAfterFirstResponse(early.server);
  // Before anything reads the site's address: a port 0 or a default URL becomes the real one.
  adoptServedAddress(config.site, bound);
  try {
    return await startOn(early, bound, config, options);
  } catch (error) {
    await early.fail();
    throw error;
  }
}

async function startOn(
  early: EarlyServer,
  bound: AddressInfo,
  config: Config,
  options: ServeOptions,
): Promise<RunningServer> {
  // Until the app's logger exists, a connection lost while idle is told on the console.
  let onIdleError = (error: Error) =>
    console.warn(
      `Connexion à la base de données perdue (elle sera rouverte) : ${error.message}`,
    );
  const handle = openDatabase(config.database, {
    onIdleError: (error) => onIdleError(error),
  });
  markStartPhase('database-opened');
  await migrateToLatest(handle.db);
  markStartPhase('migrations-checked');
  const services = createServices(config, handle, options.clock ?? systemClock);
  markStartPhase('services-created');
  const indexed = await ensureSearchIndex(handle.db, services.search);
  markStartPhase('search-index-checked');
  if (indexed > 0)
    console.log(`Index de recherche construit : ${indexed} articles.`);
  if (options.demo) {
    const loaded = await loadDemoContent(services);
    if (loaded > 0) {
      await loadDemoAudience(services);
      console.log(
        `Contenu de démonstration chargé : ${loaded} articles, et 30 jours d’audience fictive.`,
      );
    }
  }
  markStartPhase('demo-checked');
  const app = await buildApp({
    ...services,
    logger: { level: config.logLevel },
    server: early,
  });
  markStartPhase('app-built');
  onIdleError = (error) =>
    app.log.warn(
      { err: error },
      'idle database connection lost; the pool opens a new one',
    );
  await app.ready();
  early.open();
  markStartPhase('open');
  const address = `http://${servedHost(bound)}:${bound.port}`;
  const warning = siteUrlWarning(config.site);
  if (warning) app.log.warn({ siteUrl: config.site.url }, warning);
  // First run: no owner yet, so the console gets a one-time link that creates the owner.
  const setupUrl = !(await hasOwner(handle.db))
    ? await issueOneTimeLink(
        handle.db,
        config.site.url,
        'setup',
        null,
        services.clock.now(),
      )
    : null;
  // Build the documents whose first build reads the whole archive (the sitemap index groups every
  // month) in the background, so no crawler waits for it; a little after listening, so the
  // first readers (a restart under load) are not queued behind it on a synchronous database.
  // Failures here are only logged.
  const warmUp = setTimeout(() => {
    void Promise.all(
      ['/sitemap.xml', '/sitemaps/news.xml', '/'].map((url) =>
        app.inject({ method: 'GET', url }),
      ),
    ).catch((error: unknown) => app.log.warn({ err: error }, 'warm-up failed'));
  }, WARM_UP_DELAY_MS);
  warmUp.unref();
  const stopScheduler = startScheduler(services, {
    intervalMs: options.schedulerIntervalMs ?? 5_000,
    onError: (error) =>
      app.log.error({ err: error }, 'scheduled publishing failed'),
    onPublished: (ids) =>
      app.log.info({ articleIds: ids }, 'scheduled articles published'),
  });
  const webhooks = new WebhookDispatcher({
    db: handle.db,
    dialect: handle.dialect,
    clock: services.clock,
    config: config.webhooks,
    onError: (error) =>
      app.log.error({ err: error }, 'webhook delivery failed'),
    onDisabled: (subscriptionId) =>
      app.log.warn(
        { subscriptionId },
        'webhook subscription disabled after repeated failures',
      ),
  });
  await webhooks.start(services.bus);
  // Yesterday's audience figure (loi 88-13), and the end of yesterday's visitor hashes and salt.
  const stopAudienceJob = startAudienceJob(
    { db: handle.db, clock: services.clock, site: config.site },
    {
      intervalMs: 60_000,
      onError: (error) =>
        app.log.error({ err: error }, 'daily audience job failed'),
    },
  );
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      clearTimeout(warmUp);
      stopScheduler();
      stopAudienceJob();
      await webhooks.stop();
      await app.close();
      await early.close();
      await handle.close();
    })());
  return { app, handle, services, address, setupUrl, stop };
}

/** The address to print and to test against: « 0.0.0.0 » and « :: » answer on the loopback too. */
function servedHost(bound: AddressInfo): string {
  if (bound.address === '0.0.0.0') return '127.0.0.1';
  if (bound.address === '::') return '[::1]';
  return bound.family === 'IPv6' ? `[${bound.address}]` : bound.address;
}

/** Runs until SIGINT/SIGTERM, then closes connections cleanly. */
export async function serveForever(options: ServeOptions): Promise<void> {
  const config = loadConfig();
  if (process.env['NEWSDESK_LOOP_STATS'] === '1') reportLoopStatsOnSignal();
  const server = await startServer(config, options);
  const publicUrl = server.address.replace('127.0.0.1', 'localhost');
  console.log(
    `newsdesk est en ligne : ${publicUrl}  (base ${config.database.dialect}; Ctrl+C pour arrêter)`,
  );
  console.log(
    server.setupUrl
      ? `Première installation : ouvrez ce lien pour créer le compte propriétaire (valable 24 h, une seule fois) :\n  ${server.setupUrl}`
      : `Rédaction : ${publicUrl}/admin`,
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.app.log.info({ signal }, 'shutting down');
      server.stop().then(
        () => process.exit(0),
        (err: unknown) => {
          console.error(err);
          process.exit(1);
        },
      );
    });
  }
}
